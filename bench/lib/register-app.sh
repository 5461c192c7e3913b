# Process handling shared by the benchmarks that drive the standalone register over HTTP (bench/register-http.sh,
# bench/import.sh); sourced, not run. The caller defines fail and say, sets the variables below, then calls, in order:
#   register_app_build      builds standalone and benchmarks when needed; sets jar and bench_jar
#   register_app_prepare    a scratch directory (work) with private copies of both jars and the app's libraries (run_dir)
#   register_app_start      the store (MONGO_BACKEND) and the app on free ports; sets base_url, data_dir, mongo_port,
#                           app_pid, mongo_pid, store_label, store_jcmd
# and stops everything with register_app_cleanup (from its EXIT trap). bench VAR MAIN ARGS... runs a benchmark main
# class on the app's libraries and puts its last stdout line in VAR; field NAME LINE reads a key=value from such a line.
#
# Settings, each with a default: BUILD (auto, always, never), APP_JAR, APP_HEAP (1g), APP_JAVA_OPTS, MONGO_BACKEND
# (h2, memory, h2-memory), MONGO_HEAP (12g), MONGO_JAVA (java), MONGO_JAVA_OPTS, STARTUP_TIMEOUT (600), APP_LOG (a
# file the app's log is copied to at the end, to read after the scratch directory is gone; default none); and
# BENCH_CLASS, a class of the benchmarks jar the caller runs (a jar without it is an older build), WORK_NAME, the
# scratch directory's prefix. bench/register-http.sh documents the settings.

BUILD="${BUILD:-auto}"
APP_JAR="${APP_JAR:-}"
APP_HEAP="${APP_HEAP:-1g}"
APP_JAVA_OPTS="${APP_JAVA_OPTS:-}"
APP_LOG="${APP_LOG:-}"
MONGO_BACKEND="${MONGO_BACKEND:-h2}"
MONGO_HEAP="${MONGO_HEAP:-12g}"
MONGO_JAVA="${MONGO_JAVA:-java}"
MONGO_JAVA_OPTS="${MONGO_JAVA_OPTS:-}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-600}"

app_pid=""
child_pid=""
mongo_pid=""
work=""

register_app_check_settings() {
  command -v java >/dev/null || fail "java (17+) is not installed"
  command -v curl >/dev/null || fail "curl is not installed"
  [[ "$STARTUP_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || fail "STARTUP_TIMEOUT must be a positive whole number, got '$STARTUP_TIMEOUT'"
  [[ "$APP_HEAP" =~ ^[0-9]+[mMgG]$ ]] || fail "APP_HEAP must look like 1g or 768m, got '$APP_HEAP'"
  [[ "$MONGO_HEAP" =~ ^[0-9]+[mMgG]$ ]] || fail "MONGO_HEAP must look like 12g or 8192m, got '$MONGO_HEAP'"
  [[ "$MONGO_BACKEND" =~ ^(h2|memory|h2-memory)$ ]] || fail "MONGO_BACKEND must be h2, memory or h2-memory, got '$MONGO_BACKEND'"
}

# --- build -------------------------------------------------------------------------------------------------------
bench_jar=benchmarks/target/benchmarks.jar
standalone_jar() { ls standalone/target/standalone-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true; }
# The zip directory stores names uncompressed: a jar without these entries is a skeleton or an older build.
is_register_jar() { [ -f "$1" ] && grep -qa 'BOOT-INF/lib/query-side' "$1" && grep -qa 'BOOT-INF/lib/command-side' "$1"; }
is_bench_jar() { [ -f "$1" ] && grep -qa "${BENCH_CLASS//.//}.class" "$1"; }
newer_sources_than() {
  [ -n "$(find . \( -path ./data -o -path '*/target' \) -prune -o \
    \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$1" -print -quit)" ]
}
register_app_build() {
  local modules rebuild
  if [ -n "$APP_JAR" ]; then
    is_register_jar "$APP_JAR" || fail "APP_JAR=$APP_JAR is not a register (standalone) jar"
    modules=benchmarks
    needs_build() { ! is_bench_jar "$bench_jar" || newer_sources_than "$bench_jar"; }
    usable() { is_bench_jar "$bench_jar"; }
  else
    modules=standalone,benchmarks
    needs_build() {
      local jar; jar=$(standalone_jar)
      ! is_register_jar "$jar" || ! is_bench_jar "$bench_jar" || newer_sources_than "$jar" || newer_sources_than "$bench_jar"
    }
    usable() { is_register_jar "$(standalone_jar)" && is_bench_jar "$bench_jar"; }
  fi
  case "$BUILD" in
    always) rebuild=1 ;;
    never) rebuild=0; usable || fail "BUILD=never but the register or benchmarks jar is missing or incomplete" ;;
    auto) if needs_build; then rebuild=1; else rebuild=0; fi ;;
    *) fail "BUILD must be auto, always or never, got '$BUILD'" ;;
  esac
  if [ "$rebuild" = 1 ]; then
    command -v mvn >/dev/null || fail "Maven is not installed"
    say "building $modules (the first run takes a few minutes)..."
    mvn -q -B -DskipTests -pl "$modules" -am package || fail "build failed"
    usable || fail "the build did not produce usable jars"
  fi
  jar=${APP_JAR:-$(standalone_jar)}
}

# --- processes and clean-up ----------------------------------------------------------------------------------------
# stop, port_taken, free_port
source deploy/lib/processes.sh
register_app_cleanup() {
  stop "$child_pid"
  stop "$app_pid"
  stop "$mongo_pid"
  if [ -n "$APP_LOG" ] && [ -f "$work/app.log" ]; then cp "$work/app.log" "$APP_LOG" || true; fi
  [ -z "$work" ] || rm -rf "$work"
}
fail_with_log() {
  if [ -s "$work/app.log" ]; then
    echo "--- last lines of the app's log ---" >&2
    tail -n 40 "$work/app.log" >&2
  fi
  fail "$@"
}

# Run from private copies, so that a rebuild while the benchmark runs cannot pull classes from under it. The benchmark
# mains run on the app's own libraries (BOOT-INF/lib of its jar): what they drive is exactly the register under test.
register_app_prepare() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/$WORK_NAME.XXXXXX")
  run_dir="$work/run"
  mkdir -p "$run_dir"
  cp "$jar" "$run_dir/register.jar"
  cp "$bench_jar" "$run_dir/benchmarks.jar"
  if command -v unzip >/dev/null; then
    (cd "$run_dir" && unzip -q register.jar 'BOOT-INF/lib/*')
  elif command -v jar >/dev/null; then
    (cd "$run_dir" && jar xf register.jar BOOT-INF/lib)
  else
    fail "needs unzip or the JDK's jar tool to read the app's libraries"
  fi
  [ -n "$(ls "$run_dir/BOOT-INF/lib" 2>/dev/null)" ] || fail "found no libraries in $jar"
}

# bench VAR MAIN_CLASS ARGS...: runs a benchmark main class and puts its last stdout line (its figures) in VAR. The
# child runs in the background and is waited for, so that INT/TERM reach the trap at once and clean-up stops it.
bench() {
  local var=$1 main=$2 out="$work/bench.out" rc=0
  shift 2
  java -Xmx768m -Dfile.encoding=UTF-8 -cp "$run_dir/benchmarks.jar:$run_dir/BOOT-INF/lib/*" "$main" "$@" >"$out" &
  child_pid=$!
  wait "$child_pid" || rc=$?
  child_pid=""
  if [ "$rc" != 0 ]; then
    local what="${main##*.}"
    [[ "${1:-}" == -* ]] || what+=" ${1:-}"
    fail_with_log "$what failed (exit $rc)"
  fi
  printf -v "$var" '%s' "$(tail -n 1 "$out")"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }

register_app_start() {
  local http_port store_args app_master_key healthy _
  http_port=$(free_port)
  mongo_port=$(free_port)
  [ "$http_port" != "$mongo_port" ] || mongo_port=$(free_port)
  data_dir="$work/data"
  mkdir -p "$data_dir"
  base_url="http://127.0.0.1:$http_port"
  store_jcmd=jcmd
  if [ "$MONGO_BACKEND" != h2 ]; then
    # The app reads its master key from the environment when it uses MONGODB_URI; a generator reads this file.
    (umask 077 && head -c 32 /dev/urandom | base64 > "$data_dir/master.key")
    local mongo_label
    if [ "$MONGO_BACKEND" = memory ]; then
      mongo_label="mongo-java-server's in-memory backend"
    else
      mongo_label="the register's BSON backend on an in-memory H2 MVStore"
    fi
    say "starting $mongo_label (-Xmx$MONGO_HEAP) on 127.0.0.1:$mongo_port"
    # shellcheck disable=SC2086  # MONGO_JAVA_OPTS is a list of flags
    "$MONGO_JAVA" "-Xmx$MONGO_HEAP" -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 $MONGO_JAVA_OPTS \
      -cp "$run_dir/benchmarks.jar:$run_dir/BOOT-INF/lib/*" ma.crafts.register.bench.http.MongoServer \
      "--port=$mongo_port" "--backend=$MONGO_BACKEND" >"$work/mongo.log" 2>&1 &
    mongo_pid=$!
    [ "$MONGO_JAVA" = java ] || store_jcmd="$(dirname "$MONGO_JAVA")/jcmd"
    for _ in $(seq 1 120); do
      grep -q '^READY' "$work/mongo.log" 2>/dev/null && break
      kill -0 "$mongo_pid" 2>/dev/null || { cat "$work/mongo.log" >&2; fail "the MongoDB process exited during start-up"; }
      sleep 0.5
    done
    grep -q '^READY' "$work/mongo.log" || fail "the MongoDB process did not start within 60 s"
    store_args=("--register.mongodb.uri=mongodb://127.0.0.1:$mongo_port/register")
    store_label="$mongo_label in a separate process (outside the heap figure)"
    app_master_key=$(cat "$data_dir/master.key")
  else
    store_args=("--register.mongodb.uri=" "--register.mongodb.embedded.port=$mongo_port"
      "--register.mongodb.embedded.backend=h2")
    store_label="embedded MongoDB on its H2 backend (inside the heap figure)"
    app_master_key=""
  fi
  say "starting $jar with -Xmx$APP_HEAP on port $http_port ($store_label, on 127.0.0.1:$mongo_port)"
  # Command-line properties come first in Spring's order, so nothing in the caller's environment (MONGODB_URI, PORT,
  # DATA_DIR, ...) can point the app elsewhere. ExitOnOutOfMemoryError: a heap too small ends the run instead of
  # limping on, so a run that finishes also shows the register works within APP_HEAP. Axon's update checker only
  # honours the system property, and the benchmark sends nothing beyond 127.0.0.1. The master key goes through the
  # environment, not the command line, so it stays out of `ps`. The keys stay in the scratch data dir, where a
  # generator reads the master key.
  # shellcheck disable=SC2086  # APP_JAVA_OPTS is a list of flags
  REGISTER_PRIVACY_MASTER_KEY="$app_master_key" \
  java "-Xmx$APP_HEAP" -XX:+UseZGC -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 -Daxoniq.update-checker.disabled=true \
    $APP_JAVA_OPTS -jar "$run_dir/register.jar" \
    "--server.port=$http_port" "--server.address=127.0.0.1" "${store_args[@]}" \
    "--register.data-dir=$data_dir" "--register.key-dir=$data_dir" "--register.auth.mode=dev" >"$work/app.log" 2>&1 &
  app_pid=$!
  healthy=0
  for _ in $(seq 1 "$STARTUP_TIMEOUT"); do
    kill -0 "$app_pid" 2>/dev/null || fail_with_log "the app exited during start-up"
    if curl -fsS --max-time 5 "$base_url/actuator/health" >/dev/null 2>&1; then healthy=1; break; fi
    sleep 1
  done
  [ "$healthy" = 1 ] || fail_with_log "the app did not become healthy within $STARTUP_TIMEOUT s"
  [ -s "$data_dir/master.key" ] || fail_with_log "the app created no master key in $data_dir"
}

heap_used_mb() {
  # The live heap of process $1 (jcmd of the JDK in $2, if given): the bytes of every object still reachable, from a class histogram (which runs a full
  # GC first). Read right after a GC, "used" would also count what the app allocated since, and it allocates fast under load.
  "${2:-jcmd}" "$1" GC.class_histogram 2>/dev/null \
    | awk '$1 == "Total" { printf "%.0f", $3 / 1048576; found = 1 } END { if (!found) print "NA" }'
}
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status" 2>/dev/null || echo "NA"; }
app_ticks() { sed 's/^.*) //' "/proc/$app_pid/stat" | awk '{ print $12 + $13 }'; }
