#!/usr/bin/env bash
# Keycloak 26.5.6 (the identity provider) from Maven Central, realm `runningcoach` imported
# from scripts/keycloak/runningcoach-realm.json.
# Usage: scripts/keycloak.sh up|down|status|token [username] [password]
source "$(dirname "$0")/lib.sh"
VERSION=26.5.6
KC="$RUN/keycloak"; HOME_DIR="$KC/keycloak-$VERSION"; PIDFILE="$KC/keycloak.pid"
ZIP="$RUN/downloads/keycloak-quarkus-dist-$VERSION.zip"
URL="http://127.0.0.1:8180/realms/runningcoach"

fetch() {
  [ -x "$HOME_DIR/bin/kc.sh" ] && return
  if [ ! -f "$ZIP" ]; then
    log "fetching Keycloak $VERSION from Maven Central (165 MB)"
    mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$RUN/downloads"
  fi
  mkdir -p "$KC"; (cd "$KC" && unzip -q "$ZIP")
}

realm_ready() { curl -fsS "$URL/.well-known/openid-configuration"; }

# A Keycloak started before the realm file gained the erasure client (ingestion's service account
# that deletes an erased athlete's login) gets it through the admin API; a no-op when it exists.
ensure_erasure_client() {
  local admin="http://127.0.0.1:8180/admin/realms/runningcoach" token cid uid rm role
  token=$(curl -fsS -X POST "http://127.0.0.1:8180/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/') || { log "cannot sign in to the Keycloak admin API"; return 0; }
  id_of() { curl -fsS -H "Authorization: Bearer $token" "$admin/clients?clientId=$1" | sed -nE 's/^\[\{"id":"([^"]+)".*/\1/p'; }
  [ -n "$(id_of runningcoach-erasure)" ] && return 0
  curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$admin/clients" -d '{
    "clientId": "runningcoach-erasure", "name": "RunningCoach erasure", "enabled": true, "publicClient": false,
    "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false,
    "clientAuthenticatorType": "client-secret", "secret": "runningcoach-erasure-dev-secret"}'
  cid=$(id_of runningcoach-erasure); rm=$(id_of realm-management)
  uid=$(curl -fsS -H "Authorization: Bearer $token" "$admin/clients/$cid/service-account-user" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
  role=$(curl -fsS -H "Authorization: Bearer $token" "$admin/clients/$rm/roles/manage-users")
  curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "$admin/users/$uid/role-mappings/clients/$rm" -d "[$role]"
  log "added the runningcoach-erasure client (manage-users) to the running Keycloak"
}

up() {
  if alive "$PIDFILE"; then log "Keycloak already running (pid $(cat "$PIDFILE"))"; return; fi
  if port_open 8180; then
    realm_ready >/dev/null 2>&1 || die "port 8180 is taken by something that does not serve the runningcoach realm"
    log "using the Keycloak already serving the runningcoach realm on 127.0.0.1:8180 (not started here, not stopped by make down)"
    ensure_erasure_client
    return
  fi
  fetch
  mkdir -p "$HOME_DIR/data/import" "$KC/logs"
  cp "$ROOT/scripts/keycloak/runningcoach-realm.json" "$HOME_DIR/data/import/"
  log "starting Keycloak on 127.0.0.1:8180 (the first start builds it, ~30 s)"
  # exec replaces the shell so that the recorded pid is the java process itself.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    nohup bash -c 'exec "$0" "$@"' "$HOME_DIR/bin/kc.sh" start-dev --http-port 8180 --http-host 127.0.0.1 \
      --import-realm >"$KC/logs/keycloak.log" 2>&1 &
  echo $! > "$PIDFILE"
  wait_for 180 "Keycloak" realm_ready || die "Keycloak did not become ready; see $KC/logs/keycloak.log"
}

# Stops the java process and whatever kc.sh left between it and us (the pid file names the wrapper).
down() {
  if alive "$PIDFILE"; then
    for child in $(pgrep -P "$(cat "$PIDFILE")" || true); do kill "$child" 2>/dev/null || true; done
  fi
  stop_pidfile "$PIDFILE" Keycloak
}

token() {
  local user="${1:-demo}" pass="${2:-${1:-demo}}"
  curl -fsS -X POST "$URL/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=runningcoach-app -d scope=openid \
    --data-urlencode "username=$user" --data-urlencode "password=$pass" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

case "${1:-}" in
  up) up ;;
  ensure-clients) ensure_erasure_client ;;
  down) down ;;
  status) alive "$PIDFILE" && echo "keycloak running (pid $(cat "$PIDFILE"))" || echo "keycloak stopped" ;;
  token) shift; token "$@" ;;
  *) echo "usage: $0 up|down|status|token [user] [password]" >&2; exit 2 ;;
esac
