{{/*
Every Kubernetes object of one service, from its entry in .Values.services merged over
.Values.defaults. Args: root (the chart context), name (e.g. ingestion-service), svc (its values).
Kinds: ConfigMap, Secret (database password, unless existingSecret), Deployment, Service,
HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, ServiceMonitor (optional).
*/}}
{{- define "runningcoach.service" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := mergeOverwrite (deepCopy $root.Values.defaults) .svc -}}
{{- $ctx := dict "root" $root "name" $name -}}
{{- $db := $svc.database -}}
{{- $pg := $root.Values.postgresql -}}
{{- $config := include "runningcoach.serviceConfig" (dict "root" $root "name" $name "svc" $svc) -}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}-config
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
data:
  {{- $config | trim | nindent 2 }}
{{- if and $db (not $db.existingSecret) }}
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "runningcoach.databaseSecretName" (dict "root" $root "name" $name "db" $db) }}
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
  annotations:
    {{- include "runningcoach.secretAnnotations" (dict "generated" (not $db.password)) | nindent 4 }}
type: Opaque
data:
  password: {{ $db.password | default (randAlphaNum 32) | b64enc | quote }}
{{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
spec:
  # The HorizontalPodAutoscaler owns the replica count.
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      {{- include "runningcoach.selectorLabels" $ctx | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      # A new pod runs its Flyway migration and must be ready before an old one goes.
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "runningcoach.labels" $ctx | nindent 8 }}
      annotations:
        checksum/config: {{ $config | sha256sum }}
    spec:
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $svc.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ $name }}
          image: "{{ $root.Values.image.registry }}/{{ $name }}:{{ $svc.imageTag | default $root.Values.image.tag | default $root.Chart.AppVersion }}"
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ $name }}-config
          env:
            - name: QUARKUS_OIDC_AUTH_SERVER_URL
              valueFrom:
                secretKeyRef:
                  name: {{ include "runningcoach.oidcSecretName" $root }}
                  key: auth-server-url
            - name: QUARKUS_OIDC_TOKEN_AUDIENCE
              valueFrom:
                secretKeyRef:
                  name: {{ include "runningcoach.oidcSecretName" $root }}
                  key: audience
            {{- if $db }}
            - name: QUARKUS_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ include "runningcoach.databaseSecretName" (dict "root" $root "name" $name "db" $db) }}
                  key: password
            {{- end }}
            {{- if $svc.encryption }}
            - name: RUNNINGCOACH_ENCRYPTION_MASTER_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ include "runningcoach.encryptionSecretName" $root }}
                  key: master-key
            {{- end }}
            {{- if $svc.garmin }}
            - name: GARMIN_CONSUMER_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ include "runningcoach.garminSecretName" $root }}
                  key: consumer-key
            - name: GARMIN_SIGNING_SECRET
              valueFrom:
                secretKeyRef:
                  name: {{ include "runningcoach.garminSecretName" $root }}
                  key: signing-secret
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: {{ $svc.startupProbe.periodSeconds }}
            failureThreshold: {{ $svc.startupProbe.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            # Writable: /tmp (Vert.x file cache, JVM perf data, multipart uploads), and imports where set.
            - name: tmp
              mountPath: /tmp
            {{- with $svc.imports }}
            # Uploaded history files (Apple Health export.xml, up to 2 GB) while they are imported.
            - name: imports
              mountPath: {{ .mountPath }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        {{- with $svc.imports }}
        - name: imports
          emptyDir:
            sizeLimit: {{ .sizeLimit }}
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "runningcoach.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $svc.port }}
      targetPort: http
      protocol: TCP
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $svc.autoscaling.minReplicas }}
  maxReplicas: {{ $svc.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetCPUUtilizationPercentage }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
spec:
  minAvailable: {{ $svc.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "runningcoach.selectorLabels" $ctx | nindent 6 }}
{{- if $root.Values.networkPolicy.enabled }}
{{- $np := $root.Values.networkPolicy }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "runningcoach.selectorLabels" $ctx | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    {{- if $svc.public }}
    # The public entry point: reachable from the ingress controller (from anywhere when none is listed).
    - ports:
        - port: http
          protocol: TCP
      {{- with $np.ingressControllers }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- else }}
    # Reachable only from the gateway of this release.
    - from:
        {{- range $other, $o := $root.Values.services }}
        {{- if $o.public }}
        - podSelector:
            matchLabels:
              {{- include "runningcoach.selectorLabels" (dict "root" $root "name" $other) | nindent 14 }}
        {{- end }}
        {{- end }}
      ports:
        - port: http
          protocol: TCP
    {{- end }}
    {{- if $root.Values.metrics.serviceMonitor.enabled }}
    # Prometheus scrapes /q/metrics.
    - from:
        {{- toYaml $np.monitoring | nindent 8 }}
      ports:
        - port: http
          protocol: TCP
    {{- end }}
  egress:
    # DNS
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    # The identity provider (OIDC discovery and signing keys)
    - to:
        {{- toYaml $np.identityProvider.to | nindent 8 }}
      ports:
        {{- range $np.identityProvider.ports }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
    {{- if $svc.public }}
    {{- range $other, $o := $root.Values.services }}
    {{- if not $o.public }}
    - to:
        - podSelector:
            matchLabels:
              {{- include "runningcoach.selectorLabels" (dict "root" $root "name" $other) | nindent 14 }}
      ports:
        - port: {{ $o.port }}
          protocol: TCP
    {{- end }}
    {{- end }}
    {{- end }}
    {{- if $svc.kafka }}
    - to:
        {{- toYaml $np.kafka.to | nindent 8 }}
      ports:
        {{- range $np.kafka.ports }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
    {{- end }}
    {{- if $db }}
    - to:
        {{- toYaml $np.postgresql.to | nindent 8 }}
      ports:
        {{- range $np.postgresql.ports }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
    {{- end }}
{{- end }}
{{- if $root.Values.metrics.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ $name }}
  labels:
    {{- include "runningcoach.labels" $ctx | nindent 4 }}
    {{- with $root.Values.metrics.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "runningcoach.selectorLabels" $ctx | nindent 6 }}
  endpoints:
    - port: http
      path: /q/metrics
      interval: {{ $root.Values.metrics.serviceMonitor.interval }}
{{- end }}
{{- end }}

{{/*
The service's settings as env vars (the ConfigMap's data): common settings, the database
and Kafka it uses, where the gateway finds the other services, then the service's own config.
Args: root, name, svc.
*/}}
{{- define "runningcoach.serviceConfig" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $env := dict -}}
{{- range $k, $v := $root.Values.commonConfig }}{{ $_ := set $env $k (toString $v) }}{{ end -}}
{{- with $svc.database }}
{{- $pg := $root.Values.postgresql -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_USERNAME" .username -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_JDBC_URL" (.jdbcUrl | default (printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port $pg.database)) -}}
{{- $_ := set $env "QUARKUS_DATASOURCE_REACTIVE_URL" (.reactiveUrl | default (printf "postgresql://%s:%v/%s" $pg.host $pg.port $pg.database)) -}}
{{- end }}
{{- if $svc.kafka }}{{ $_ := set $env "KAFKA_BOOTSTRAP_SERVERS" $root.Values.kafka.bootstrapServers }}{{ end -}}
{{- if $svc.public }}
{{- range $other, $o := $root.Values.services }}
{{- if not $o.public }}
{{- $_ := set $env (printf "RUNNINGCOACH_SERVICES_%s" ($other | trimSuffix "-service" | upper | replace "-" "_")) (printf "http://%s:%v" $other $o.port) -}}
{{- end }}
{{- end }}
{{- end }}
{{- range $k, $v := $svc.config }}{{ $_ := set $env $k (toString $v) }}{{ end -}}
{{- range $k := keys $env | sortAlpha }}
{{ $k }}: {{ index $env $k | quote }}
{{- end }}
{{- end }}
