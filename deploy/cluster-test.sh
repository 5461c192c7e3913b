#!/usr/bin/env bash
# The cluster test (issue 20): the split deployment with two nodes per side behind the gateway, a node of each side
# killed under load and restarted, then checks that nothing was lost or done twice. Everything on 127.0.0.1, on free
# ports, in a scratch directory removed on exit:
#   - the store: the embedded mongo-java-server (in-memory backend) in a process of its own (bench.http.MongoServer);
#   - two command-side and two query-side processes (CommandSideApplication, QuerySideApplication, from the
#     standalone jar's libraries), sharing the master key and the dev-token secret;
#   - the gateway: Debian's nginx, on a config made from deploy/gateway/nginx.conf with each upstream's one server
#     replaced by the two nodes of its side (the routing rules are the file's own).
# Load (bench.cluster.ClusterLoad): CONCURRENCY clerks take artisans through register, card, membership, a read of
# their own write, suspension, reinstatement and, for every third, a lost card and its replacement; every command
# with an Idempotency-Key, sent again on a connection error or a 5xx. The register's clock is shifted on the command
# nodes (bench.cluster.ShiftedClock) so that Morocco's midnight falls during the load: the cards issued before it
# (valid one day) expire through their deadlines while nodes die.
# Faults: kill -9 of a command node KILL_COMMAND_AT seconds into the load, restarted once the survivor has taken over its
# segments; then kill -9 of a query node (KILL_QUERY_AT seconds in, or once the command node is back), restarted the
# same way. Of each side, the node killed is the one that owns the most tracking segments, so that the other has them
# to take over.
# Checks (bench.cluster.ClusterCheck): every acknowledged command stored exactly once; no NIA, card number or CIN
# twice; every due card expiry fired once; the killed node's tracking segments taken over by the surviving node
# within the claim timeout plus Axon's claim interval; both query nodes answer every artisan's view identically, and
# as its events fold (?asOf=now; views_unlike_events); no connection error or 5xx at the gateway outside the kill windows (from a kill
# until RECOVERY_GRACE seconds after the restarted node is ready). The last line is
#   RESULT acked= stored= duplicates= lost= recovery_s= ...
# and the exit status is 1 on any violation.
#
#   LOAD_SECONDS     seconds of load at least (default 90; at least until 30 s after midnight)
#   CONCURRENCY      concurrent clerks (default 6)
#   KILL_COMMAND_AT  seconds into the load when a command node is killed (default 15)
#   KILL_QUERY_AT    seconds into the load when a query node is killed, at the earliest (default 50)
#   MIDNIGHT_AT      seconds into the load when midnight comes in Morocco on the command nodes' clock (default 35)
#   CLAIM_TIMEOUT    register.event-store.claim-timeout of every node, in seconds (default 10)
#   BUILD            auto (default: build the standalone and benchmarks jars when missing or older than the
#                    sources), always, never
#   KEEP_LOGS        a directory to copy the processes' logs and the ledger into before clean-up (default: none)
set -euo pipefail
{
cd "$(dirname "$0")/.."

LOAD_SECONDS="${LOAD_SECONDS:-90}"
CONCURRENCY="${CONCURRENCY:-6}"
KILL_COMMAND_AT="${KILL_COMMAND_AT:-15}"
KILL_QUERY_AT="${KILL_QUERY_AT:-50}"
MIDNIGHT_AT="${MIDNIGHT_AT:-35}"
CLAIM_TIMEOUT="${CLAIM_TIMEOUT:-10}"
BUILD="${BUILD:-auto}"
KEEP_LOGS="${KEEP_LOGS:-}"
# Axon's TrackingEventProcessor looks for unclaimed segments every 5 s (tokenClaimInterval, left at its default).
TOKEN_CLAIM_INTERVAL=5
RECOVERY_GRACE=5
STARTUP_TIMEOUT=240

fail() { echo "cluster-test: $*" >&2; exit 1; }
say() { echo "cluster-test: $(date -u +%H:%M:%S) $*" >&2; }
for setting in LOAD_SECONDS CONCURRENCY KILL_COMMAND_AT KILL_QUERY_AT MIDNIGHT_AT CLAIM_TIMEOUT; do
  [[ "${!setting}" =~ ^[1-9][0-9]*$ ]] || fail "$setting must be a positive whole number, got '${!setting}'"
done
command -v java >/dev/null || fail "java (17+) is not installed"
command -v curl >/dev/null || fail "curl is not installed"
command -v nginx >/dev/null || fail "nginx is not installed (apt-get install nginx; .ci/run does)"
command -v unzip >/dev/null || fail "unzip is not installed"

# --- build -------------------------------------------------------------------------------------------------------
bench_jar=benchmarks/target/benchmarks.jar
standalone_jar() { ls standalone/target/standalone-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true; }
# grep reads the whole listing (no -q): stopping early would kill unzip with SIGPIPE, and pipefail would count that
# as the entry missing.
has_entry() { [ -f "$1" ] && unzip -l "$1" | grep "$2" >/dev/null; }
usable() { has_entry "$(standalone_jar)" 'BOOT-INF/lib/command-side' && has_entry "$bench_jar" 'bench/cluster/ClusterLoad.class'; }
newer_sources_than() {
  [ -n "$(find . \( -path ./data -o -path ./keys -o -path '*/target' \) -prune -o \
    \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$1" -print -quit)" ]
}
case "$BUILD" in
  always) rebuild=1 ;;
  never) rebuild=0; usable || fail "BUILD=never but the standalone or benchmarks jar is missing or incomplete" ;;
  auto) if ! usable || newer_sources_than "$(standalone_jar)" || newer_sources_than "$bench_jar"; then rebuild=1; else rebuild=0; fi ;;
  *) fail "BUILD must be auto, always or never, got '$BUILD'" ;;
esac
if [ "$rebuild" = 1 ]; then
  command -v mvn >/dev/null || fail "Maven is not installed"
  say "building standalone and benchmarks..."
  mvn -q -B -DskipTests -pl standalone,benchmarks -am package || fail "build failed"
  usable || fail "the build did not produce usable jars"
fi

# --- processes and clean-up ----------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/cluster-test.XXXXXX")
declare -A pids=()
# stop, port_taken, free_port
source deploy/lib/processes.sh
cleanup() {
  local name
  # The store last, so that no node logs a lost connection while shutting down.
  for name in load watch-command watch-query gateway command-1 command-2 query-1 query-2 store; do
    stop "${pids[$name]:-}"
  done
  if [ -n "$KEEP_LOGS" ]; then
    mkdir -p "$KEEP_LOGS" && cp "$work"/*.log "$work"/*.out "$work"/ledger.tsv "$work"/nginx/nginx.conf "$KEEP_LOGS"/ 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Private copies, so that a rebuild meanwhile cannot pull classes from under the running nodes.
run="$work/run"
mkdir -p "$run" "$work/keys"
cp "$(standalone_jar)" "$run/register.jar"
cp "$bench_jar" "$run/benchmarks.jar"
(cd "$run" && unzip -q register.jar 'BOOT-INF/lib/*')
classpath="$run/benchmarks.jar:$run/BOOT-INF/lib/*"

mongo_port=$(free_port); gateway_port=$(free_port)
declare -A port=([command-1]=$(free_port) [command-2]=$(free_port) [query-1]=$(free_port) [query-2]=$(free_port))
# Each $(free_port) runs in a subshell that cannot remember what it handed out, so the six are compared here.
[ "$(printf '%s\n' "$mongo_port" "$gateway_port" "${port[@]}" | sort -u | wc -l)" = 6 ] || fail "port clash, run again"
mongo_uri="mongodb://127.0.0.1:$mongo_port/register"

# Shared by every node; in the environment, not on the command line, so they stay out of `ps`.
REGISTER_PRIVACY_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
REGISTER_AUTH_DEV_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export REGISTER_PRIVACY_MASTER_KEY REGISTER_AUTH_DEV_SECRET

bench() { java -Xmx256m -XX:TieredStopAtLevel=1 -Dfile.encoding=UTF-8 -cp "$classpath" "$@"; }

# await_line FILE REGEX PID WHAT: waits (up to STARTUP_TIMEOUT) until FILE has a whole line matching REGEX (extended),
# which process PID prints once it is ready. The regex runs to the line's last field, so a line caught half-written
# does not count.
await_line() {
  local file=$1 regex=$2 pid=$3 what=$4 _
  for _ in $(seq 1 $((STARTUP_TIMEOUT * 10))); do
    grep -qE "$regex" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$work"/*.log >&2; fail "$what exited before it was ready"; }
    sleep 0.1
  done
  fail "$what was not ready within $STARTUP_TIMEOUT s"
}

say "store: in-memory mongo-java-server on 127.0.0.1:$mongo_port"
java -Xmx2g -XX:+ExitOnOutOfMemoryError -cp "$classpath" ma.crafts.register.bench.http.MongoServer \
  "--port=$mongo_port" --backend=memory >"$work/store.log" 2>&1 &
pids[store]=$!
await_line "$work/store.log" '^READY port=[0-9]+$' "${pids[store]}" "the store"

# The store never dies in this test, so long MongoDB timeouts only keep a slow, shared machine (four nodes creating
# their indexes at once took the store over 10 s to answer) from failing a node's start-up.
common_args=("--server.address=127.0.0.1" "--register.mongodb.uri=$mongo_uri" "--register.auth.mode=dev"
  "--register.mongodb.timeouts.connect=10s" "--register.mongodb.timeouts.server-selection=30s"
  "--register.mongodb.timeouts.socket-read=60s"
  "--register.key-dir=$work/keys" "--register.data-dir=$work/data" "--register.event-store.claim-timeout=PT${CLAIM_TIMEOUT}S"
  "--logging.level.ma.crafts=INFO")
# Command nodes: cards valid one day; a killed node's deadline lease and idempotency keys free within seconds rather
# than minutes, so that the test sees them handed on.
command_args=("--spring.main.sources=ma.crafts.register.bench.cluster.ShiftedClock"
  "--register.cluster.clock-offset-file=$work/clock-offset" "--register.policy.card-validity=P1D"
  "--register.deadlines.lease=PT15S" "--register.idempotency.in-progress-lease=PT20S"
  "--register.idempotency.wait-timeout=PT5S")
# Query nodes: the check reads every card's public verification from one address.
query_args=("--register.http.public-rate-limit.per-second=100000" "--register.http.public-rate-limit.burst=100000")

start_node() {
  local name=$1 main args
  case "$name" in
    command-*) main=ma.crafts.register.command.CommandSideApplication; args=("${command_args[@]}") ;;
    query-*) main=ma.crafts.register.query.QuerySideApplication; args=("${query_args[@]}") ;;
  esac
  java -Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 \
    -Daxoniq.update-checker.disabled=true -cp "$classpath" "$main" "--server.port=${port[$name]}" \
    "${common_args[@]}" "${args[@]}" >>"$work/$name.log" 2>&1 &
  pids[$name]=$!
}
await_ready() {
  local name=$1 _
  for _ in $(seq 1 $((STARTUP_TIMEOUT * 2))); do
    kill -0 "${pids[$name]}" 2>/dev/null || { tail -n 40 "$work/$name.log" >&2; fail "$name exited during start-up"; }
    curl -fsS --max-time 2 "http://127.0.0.1:${port[$name]}/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  tail -n 40 "$work/$name.log" >&2
  fail "$name was not ready within $STARTUP_TIMEOUT s"
}

say "starting two command nodes and two query nodes..."
for name in command-1 command-2 query-1 query-2; do start_node "$name"; done
for name in command-1 command-2 query-1 query-2; do await_ready "$name"; done
say "nodes ready: command ${port[command-1]}, ${port[command-2]}; query ${port[query-1]}, ${port[query-2]}"

mkdir -p "$work/nginx"
sed -e "s|server command-side:8081;|server 127.0.0.1:${port[command-1]}; server 127.0.0.1:${port[command-2]};|" \
    -e "s|server query-side:8082;|server 127.0.0.1:${port[query-1]}; server 127.0.0.1:${port[query-2]};|" \
    -e "s|listen 8080;|listen 127.0.0.1:$gateway_port; access_log off;|" \
    -e "s|^http {|pid $work/nginx/nginx.pid;\nhttp {|" \
    deploy/gateway/nginx.conf >"$work/nginx/nginx.conf"
grep -q "server 127.0.0.1:${port[query-2]};" "$work/nginx/nginx.conf" && grep -q "listen 127.0.0.1:$gateway_port" "$work/nginx/nginx.conf" \
  || fail "deploy/gateway/nginx.conf no longer has the upstreams or listen line this script rewrites"
nginx -t -q -p "$work/nginx" -e "$work/gateway.log" -c "$work/nginx/nginx.conf" || fail "the generated gateway config is invalid"
nginx -p "$work/nginx" -e "$work/gateway.log" -c "$work/nginx/nginx.conf" -g 'daemon off;' >>"$work/gateway.log" 2>&1 &
pids[gateway]=$!
gateway="http://127.0.0.1:$gateway_port"
for _ in $(seq 1 40); do
  curl -fsS --max-time 2 "$gateway/actuator/health" >/dev/null 2>&1 && break
  sleep 0.25
done
curl -fsS --max-time 2 "$gateway/actuator/health" >/dev/null || fail "the gateway does not answer"

# --- load and faults ---------------------------------------------------------------------------------------------
# The load client places Morocco's midnight on the command nodes' clock (bench.cluster.ShiftedClock reads the offset
# at its first use) MIDNIGHT_AT seconds after its start, before its first command; the load runs on until 30 s after.
load_seconds=$(( MIDNIGHT_AT + 30 ))
[ "$load_seconds" -gt "$LOAD_SECONDS" ] || load_seconds=$LOAD_SECONDS
bench ma.crafts.register.bench.cluster.ClusterLoad "--base-url=$gateway" "--ledger=$work/ledger.tsv" \
  "--concurrency=$CONCURRENCY" "--seconds=$load_seconds" "--midnight-in-seconds=$MIDNIGHT_AT" \
  "--clock-offset-file=$work/clock-offset" >"$work/load.out" 2>"$work/load.log" &
pids[load]=$!
await_line "$work/load.out" '^MIDNIGHT .* new_day=[0-9]{4}-[0-9]{2}-[0-9]{2}$' "${pids[load]}" "the load client"
load_start=$(date +%s)
midnight_at=$(sed -n 's/^MIDNIGHT at_ms=\([0-9]*\).*/\1/p' "$work/load.out")
new_day=$(sed -n 's/^MIDNIGHT .* new_day=\(.*\)$/\1/p' "$work/load.out")
[ -n "$midnight_at" ] && [ -n "$new_day" ] || fail "the load client did not place midnight"
say "load for $load_seconds s through $gateway (midnight in Morocco at $(date -u -d "@$((midnight_at / 1000))" +%H:%M:%S) UTC)"

windows=()
reclaims=()
now_ms() { date +%s%3N; }
# watch_segments SIDE AT: starts the watcher of a side's kill now, which at epoch second AT picks the node of the side
# that owns the most tracking segments, notes them before the kill and times their takeover from the node's death.
watch_segments() {
  local side=$1 at=$2
  bench ma.crafts.register.bench.cluster.ClusterCheck reclaim "--mongo-uri=$mongo_uri" \
    "--pids=${pids[$side-1]},${pids[$side-2]}" "--pick-at-ms=$((at * 1000))" \
    "--timeout-seconds=$((CLAIM_TIMEOUT + TOKEN_CLAIM_INTERVAL + 60))" >"$work/reclaim-$side.out" 2>>"$work/load.log" &
  pids[watch-$side]=$!
}
# kill_and_restart SIDE: kill -9 the node the side's watcher picked, restart it and wait until it is ready.
kill_and_restart() {
  local side=$1 name survivor killed_at dead_pid watching watcher
  watcher=${pids[watch-$side]}
  await_line "$work/reclaim-$side.out" '^WATCHING dead=[0-9]+ .* segments=[0-9]+$' "$watcher" \
    "the segment watcher of the $side side"
  watching=$(grep '^WATCHING' "$work/reclaim-$side.out")
  dead_pid=$(sed -n 's/.* dead=\([0-9]*\).*/\1/p' <<< "$watching")
  [ -n "$dead_pid" ] || fail "the segment watcher named no node to kill: '$watching'"
  if [ "$dead_pid" = "${pids[$side-2]}" ]; then name=$side-2; survivor=$side-1; else name=$side-1; survivor=$side-2; fi
  killed_at=$(now_ms)
  kill -9 "$dead_pid"
  wait "$dead_pid" 2>/dev/null || true
  say "killed $name (pid $dead_pid, owning $(sed -n 's/.* segments=//p' <<< "$watching") segments); $survivor must take them over"
  # The restart waits for the takeover: a node restarted at once races the survivor for the segments once the dead
  # node's claims expire, and on a quiet machine it is up by then and wins, so the survivor's takeover is never seen.
  wait "$watcher" || true
  unset "pids[watch-$side]"
  reclaims+=("$(tail -n 1 "$work/reclaim-$side.out")")
  say "${reclaims[-1]}; restarting $name"
  start_node "$name"
  await_ready "$name"
  windows+=("$killed_at-$(( $(now_ms) + RECOVERY_GRACE * 1000 ))")
  say "$name restarted"
}
sleep_until() { local left=$(( $1 - $(date +%s) )); [ "$left" -le 0 ] || sleep "$left"; }

watch_segments command $((load_start + KILL_COMMAND_AT))
watch_segments query $((load_start + KILL_QUERY_AT))
kill_and_restart command
kill_and_restart query

wait "${pids[load]}" || { tail -n 30 "$work/load.log" >&2; fail "the load client failed"; }
unset 'pids[load]'
tail -n 1 "$work/load.out"
# The deadlines of the cards due at midnight fire within a poll interval or, if a node died holding them, a lease.
sleep_until $((midnight_at / 1000 + 20))

# --- checks ------------------------------------------------------------------------------------------------------
say "checking the store and both query nodes..."
check_rc=0
bench ma.crafts.register.bench.cluster.ClusterCheck check "--mongo-uri=$mongo_uri" "--ledger=$work/ledger.tsv" \
  "--query-urls=http://127.0.0.1:${port[query-1]},http://127.0.0.1:${port[query-2]}" \
  "--token-url=http://127.0.0.1:${port[command-2]}" "--new-day=$new_day" \
  "--windows=$(IFS=,; echo "${windows[*]}")" >"$work/check.out" 2>>"$work/load.log" || check_rc=$?
cat "$work/check.out"
check=$(tail -n 1 "$work/check.out")
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $2"; }
[[ "$check" == CHECK* ]] || { tail -n 30 "$work/load.log" >&2; fail "the check did not finish"; }

recovery_limit=$((CLAIM_TIMEOUT + TOKEN_CLAIM_INTERVAL + RECOVERY_GRACE))
recovery_s=0
reclaim_ok=1
for line in "${reclaims[@]}"; do
  seconds=$(field seconds "$line")
  [ -n "$seconds" ] || { reclaim_ok=0; continue; }
  awk -v s="$seconds" -v m="$recovery_s" 'BEGIN { exit !(s > m) }' && recovery_s=$seconds
  if [ -n "$(field unclaimed "$line")" ] || awk -v s="$seconds" -v l="$recovery_limit" 'BEGIN { exit !(s > l) }'; then
    echo "VIOLATION segments not taken over within $recovery_limit s: $line"
    reclaim_ok=0
  fi
done

echo "RESULT acked=$(field acked "$check") stored=$(field stored "$check") duplicates=$(field duplicates "$check") lost=$(field lost "$check") recovery_s=$recovery_s unknown=$(field unknown "$check") deadlines_due=$(field deadlines_due "$check") deadlines_fired=$(field deadlines_fired "$check") views_compared=$(field views_compared "$check") views_unlike_events=$(field views_unlike_events "$check") gateway_errors_outside_kills=$(field gateway_errors_outside_kills "$check") reads_lagged=$(field reads_lagged "$check") read_log_records=$(field read_log_records "$check") checkpoints=$(field checkpoints "$check") violations=$(field violations "$check")"
[ "$check_rc" = 0 ] && [ "$reclaim_ok" = 1 ] || exit 1
exit 0
}
