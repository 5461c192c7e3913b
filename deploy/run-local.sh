#!/usr/bin/env bash
# Runs the whole register (command and query side in one process) on the embedded MongoDB, or on MONGODB_URI if set.
#   PORT        HTTP port (default 8080)
#   DATA_DIR    where the embedded MongoDB keeps its H2 file (default ./data)
#   KEY_DIR     where the generated keys live (personal-data master key, dev-token signing key; default ./keys):
#               apart from DATA_DIR, so that a copy of the data does not carry the key that opens it
#   SERVER_ADDRESS  the address to listen on (default 127.0.0.1: dev tokens give anyone any role; another address
#               also needs REGISTER_DEV_ALLOW_REMOTE=true)
#   REGISTER_AUTH_MODE  dev (default here: POST /api/v1/dev/tokens hands out tokens) or issuer
#   MONGO_PORT  where the embedded MongoDB listens on 127.0.0.1, for mongosh or a second process (default 27017)
#   MONGODB_URI use this MongoDB instead of the embedded one
#   JAVA_OPTS   JVM options (default -Xmx1g -XX:+UseZGC: ZGC keeps collections from pausing requests; on this
#               H2 setup at 100k artisans, bench/register-http.sh measured reads due at 200/s with p99 7.7 ms)
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT="${PORT:-8080}"
export DATA_DIR="${DATA_DIR:-./data}"
export KEY_DIR="${KEY_DIR:-./keys}"
export SERVER_ADDRESS="${SERVER_ADDRESS:-127.0.0.1}"
export REGISTER_AUTH_MODE="${REGISTER_AUTH_MODE:-dev}"
export MONGO_PORT="${MONGO_PORT:-27017}"
JAVA_OPTS="${JAVA_OPTS:--Xmx1g -XX:+UseZGC}"

fail() { echo "run-local: $*" >&2; exit 1; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v java >/dev/null || fail "java (17+) is not installed"
port_taken "$PORT" && fail "port $PORT is already in use (set PORT=...)"
if [ -z "${MONGODB_URI:-}" ]; then
  port_taken "$MONGO_PORT" && fail "MongoDB port $MONGO_PORT is already in use (set MONGO_PORT=..., or MONGODB_URI to use that server)"
  mkdir -p "$DATA_DIR" 2>/dev/null || fail "cannot create data dir $DATA_DIR"
  [ -w "$DATA_DIR" ] || fail "data dir $DATA_DIR is not writable"
fi
(umask 077 && mkdir -p "$KEY_DIR") 2>/dev/null || fail "cannot create key dir $KEY_DIR"
[ -w "$KEY_DIR" ] || fail "key dir $KEY_DIR is not writable"
case "$SERVER_ADDRESS" in
  0.0.0.0|::|'[::]') health_host=127.0.0.1 ;;
  *:*) health_host="[$SERVER_ADDRESS]" ;;
  *) health_host="$SERVER_ADDRESS" ;;
esac

jar=$(ls standalone/target/standalone-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find . \( -path ./data -o -path ./keys \) -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]; then
  echo "run-local: building (first run takes a few minutes)..." >&2
  command -v mvn >/dev/null || fail "Maven is not installed"
  mvn -q -B -DskipTests -pl standalone -am package || fail "build failed"
  jar=$(ls standalone/target/standalone-*.jar | grep -v original | head -n 1)
fi

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$jar" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null' INT TERM
for _ in $(seq 1 600); do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"; exit $?
  fi
  if curl -fsS "http://$health_host:$PORT/actuator/health" >/dev/null 2>&1; then
    echo "Crafts Register is up: http://$health_host:$PORT  (API docs: http://$health_host:$PORT/swagger-ui.html)"
    [ "$REGISTER_AUTH_MODE" = dev ] && echo "Development tokens: POST http://$health_host:$PORT/api/v1/dev/tokens (keys in $KEY_DIR)"
    [ -z "${MONGODB_URI:-}" ] && echo "Embedded MongoDB: mongodb://127.0.0.1:$MONGO_PORT/register (data in $DATA_DIR)"
    wait "$pid"; exit $?
  fi
  sleep 1
done
kill "$pid"; fail "the register did not become healthy within 600 s"
