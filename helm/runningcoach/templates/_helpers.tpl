{{/* Labels shared by every object of one service. Args: root context, name of the service. */}}
{{- define "runningcoach.labels" -}}
{{ include "runningcoach.selectorLabels" . }}
app.kubernetes.io/part-of: runningcoach
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The labels a Deployment, Service, PDB, NetworkPolicy and ServiceMonitor select a service's pods by. */}}
{{- define "runningcoach.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Labels for release-wide objects (secrets, topics, the default-deny policy). */}}
{{- define "runningcoach.releaseLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: runningcoach
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "runningcoach.oidcSecretName" -}}
{{- .Values.oidc.existingSecret | default (printf "%s-oidc" .Release.Name) -}}
{{- end }}

{{- define "runningcoach.encryptionSecretName" -}}
{{- .Values.encryption.existingSecret | default (printf "%s-encryption" .Release.Name) -}}
{{- end }}

{{- define "runningcoach.garminSecretName" -}}
{{- .Values.garmin.existingSecret | default (printf "%s-garmin" .Release.Name) -}}
{{- end }}

{{/* True (non-empty) when at least one service takes Garmin webhooks. */}}
{{- define "runningcoach.anyGarmin" -}}
{{- range $name, $svc := .Values.services }}{{ if $svc.garmin }}yes{{ end }}{{ end -}}
{{- end }}

{{/* Args: root, name, db (the service's database values). */}}
{{- define "runningcoach.databaseSecretName" -}}
{{- .db.existingSecret | default (printf "%s-%s-db" .root.Release.Name .name) -}}
{{- end }}

{{/*
Annotations of a Secret whose value the chart generates: created once, at install (a pre-install
hook is not re-rendered by upgrades, so the value never changes), and kept when the release is
uninstalled. Args: generated (bool).
*/}}
{{- define "runningcoach.secretAnnotations" -}}
# Losing this value locks the service out of its data: never delete it with the release.
helm.sh/resource-policy: keep
{{- if .generated }}
helm.sh/hook: pre-install
helm.sh/hook-weight: "-10"
{{- end }}
{{- end }}

{{/* True (non-empty) when at least one service stores data encrypted with the master key. */}}
{{- define "runningcoach.anyEncryption" -}}
{{- range $name, $svc := .Values.services }}{{ if $svc.encryption }}yes{{ end }}{{ end -}}
{{- end }}
