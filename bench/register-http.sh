#!/usr/bin/env bash
# HTTP benchmark of the whole register: starts the standalone app (command and query side in one process) on the
# embedded MongoDB with its H2 backend in a temporary data directory and a 1 GB heap, pre-fills it through its own
# event store, then measures registrations per second over HTTP, GET /api/v1/artisans/{id} latency under load, and
# the app's heap. Everything runs on 127.0.0.1 on free ports; the app and the data are removed on exit.
#
#   ARTISANS          register sizes to measure at, ascending, comma-separated (default 100000,1000000); the store
#                     grows from one size to the next. ARTISANS=2000 is a quick smoke run.
#   DURATION          seconds of each measured load phase (default 30), after WARMUP seconds (default 5) not counted
#   CONCURRENCY       concurrent HTTP requests (default 16)
#   VIEW_RATE         GET /api/v1/artisans/{id} per second of the fixed-rate read phase, whose p50 and p99 are the
#                     RESULT's view latencies (default 200; about ten times a national peak of a few hundred clerks
#                     each opening a file every ten seconds). Requests are due at that rate whatever the answers, and
#                     latency counts from when each was due, so queueing shows. The closed-loop phase before it, with
#                     CONCURRENCY clients back to back, measures the highest read throughput.
#   PREFILL_THREADS   threads of the pre-fill generator (default 8)
#   CARD_SHARE        share of pre-filled artisans who get a professional card (default 0.85)
#   APP_HEAP          the app's -Xmx (default 1g)
#   APP_JAVA_OPTS     extra JVM options for the app, e.g. -Xlog:gc (default none). The app runs on ZGC, as
#                     deploy/run-local.sh starts it
#   MONGO_JAVA_OPTS   extra JVM options for the separate in-memory store process (default none: G1). ZGC there
#                     took the tail off the reads at 100k, but on Java 17 (not generational) it stalled the store for
#                     a minute at 300k artisans under the pre-fill's writes, and the pre-fill gave up
#   MONGO_JAVA        the java that runs the separate store process (default: java on the PATH), e.g.
#                     /usr/lib/jvm/temurin-25-jdk-amd64/bin/java for generational ZGC. The process stands in for a
#                     MongoDB server, so its JDK is the benchmark's choice, not the register's
#   MONGO_BACKEND     h2 (default): the app's own embedded MongoDB on its H2 backend, inside the app's heap figure;
#                     memory: mongo-java-server's in-memory backend in a process of its own (MONGO_HEAP, default 12g),
#                     reached through MONGODB_URI, so the heap figure is the app's alone ("not counting an in-memory
#                     backend") and the H2 backend's costs stay out of the figures; the HEAP line reports its
#                     live heap too (store_heap_mb)
#                     h2-memory: the same, on the register's own BSON backend with H2's MVStore kept in memory (no
#                     file, no commits): documents held as BSON bytes, a few times more compact, for 1M artisans
#   CATCH_UP_TIMEOUT  seconds to wait for the projections after a pre-fill (default 3600)
#   STARTUP_TIMEOUT   seconds to wait for the app to become healthy (default 600: a busy machine is slow)
#   BUILD             auto (default: build when a jar is missing or older than the sources), always, never
#   APP_JAR           run this register jar instead of standalone/target/standalone-*.jar (e.g. to compare builds)
#
# Figures go to stdout; progress to stderr. The last line is
#   RESULT register_rps=… view_p50_ms=… view_p99_ms=… heap_mb=…
# for the largest size (view latencies from the fixed-rate phase).
set -euo pipefail
# The whole script is one block, so bash reads it all before running any of it: a run takes an hour at 1M artisans,
# and editing the file meanwhile would otherwise feed the running bash the new file's bytes from its old offset.
{
cd "$(dirname "$0")/.."

ARTISANS="${ARTISANS:-100000,1000000}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-5}"
CONCURRENCY="${CONCURRENCY:-16}"
VIEW_RATE="${VIEW_RATE:-200}"
PREFILL_THREADS="${PREFILL_THREADS:-8}"
CARD_SHARE="${CARD_SHARE:-0.85}"
CATCH_UP_TIMEOUT="${CATCH_UP_TIMEOUT:-3600}"
BENCH_CLASS=ma.crafts.register.bench.http.HttpLoad
WORK_NAME=register-http
# shellcheck source=bench/lib/register-app.sh
. bench/lib/register-app.sh

fail() { echo "register-http: $*" >&2; exit 1; }
say() { echo "register-http: $*" >&2; }
is_count() { [[ "$1" =~ ^[1-9][0-9]*$ ]]; }

register_app_check_settings
IFS=',' read -r -a sizes <<< "$ARTISANS"
[ "${#sizes[@]}" -gt 0 ] || fail "ARTISANS is empty"
previous=0
for size in "${sizes[@]}"; do
  is_count "$size" || fail "ARTISANS must list positive whole numbers, got '$size'"
  [ "$size" -gt "$previous" ] || fail "ARTISANS must be ascending, got '$ARTISANS'"
  previous=$size
done
for setting in DURATION CONCURRENCY VIEW_RATE PREFILL_THREADS CATCH_UP_TIMEOUT; do
  is_count "${!setting}" || fail "$setting must be a positive whole number, got '${!setting}'"
done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || fail "WARMUP must be a whole number, got '$WARMUP'"
[[ "$CARD_SHARE" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || fail "CARD_SHARE must be a number from 0 to 1, got '$CARD_SHARE'"

register_app_build

summary=()
interrupted_at=""
# Interrupted after some sizes were measured: their figures still deserve a summary and a RESULT line.
on_exit() {
  register_app_cleanup
  if [ -n "$interrupted_at" ] && [ "${#summary[@]}" -gt 0 ]; then
    echo
    echo "Interrupted while working on $interrupted_at artisans; figures of the sizes completed:"
    print_summary
  fi
}
trap on_exit EXIT
trap 'interrupted_at=${size:-?}; exit 130' INT TERM
register_app_prepare
register_app_start

# CPU accounting over a load phase, so that a reader can tell how much of the machine other processes took:
# whole-machine busy time from /proc/stat, the app's own from /proc/<pid>/stat (both in clock ticks).
cpu_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
cpu_all_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat; }
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpus=$(nproc 2>/dev/null || echo 1)
cpu_mark() { mark_busy=$(cpu_busy_ticks); mark_all=$(cpu_all_ticks); mark_app=$(app_ticks); }
# Prints "busy% app% others%" of the whole machine since cpu_mark; $1 = the load client's CPU seconds.
cpu_since() {
  local busy all app
  busy=$(( $(cpu_busy_ticks) - mark_busy )); all=$(( $(cpu_all_ticks) - mark_all )); app=$(( $(app_ticks) - mark_app ))
  awk -v b="$busy" -v a="$all" -v p="$app" -v c="$1" -v hz="$hz" 'BEGIN {
    if (a <= 0) { print "NA NA NA"; exit }
    o = (b - p - c * hz) / a * 100; if (o < 0) o = 0
    printf "%.0f %.0f %.0f", b / a * 100, p / a * 100, o }'
}
# CPU milliseconds of the app per operation since $1 (app ticks), for $2 operations. Steadier than the rates when
# other programs compete for the CPUs, and what sets the ceiling: at most cpus * 1000 / ms operations per second.
app_ms_per_op() {
  awk -v t="$(( $(app_ticks) - $1 ))" -v n="$2" -v hz="$hz" 'BEGIN { if (n > 0) printf "%.1f", t * 1000 / hz / n; else print "NA" }'
}
ceiling() { awk -v ms="$1" -v c="$cpus" 'BEGIN { if (ms + 0 > 0) printf "%.0f", c * 1000 / ms; else print "NA" }'; }
[ -r /proc/stat ] && [ -r "/proc/$app_pid/stat" ] || fail "needs Linux /proc to account for CPU use"

# read_phase VAR WHAT ARGS...: one read phase (HttpLoad view with ARGS). VAR gets its figures plus the machine's CPU
# shares during it (cpu_busy_pct, cpu_app_pct, cpu_others_pct) and the app's CPU per read (app_ms); WHAT ends the
# messages about failed reads.
read_phase() {
  local var=$1 what=$2 figures busy app others
  shift 2
  cpu_mark
  bench figures ma.crafts.register.bench.http.HttpLoad view "--base-url=$base_url" "--ids-file=$ids_file" "$@"
  read -r busy app others <<< "$(cpu_since "$(field client_cpu_s "$figures")")"
  figures+=" cpu_busy_pct=$busy cpu_app_pct=$app cpu_others_pct=$others"
  figures+=" app_ms=$(app_ms_per_op "$mark_app" "$(( $(field ok "$figures") + $(field warmup_ok "$figures") ))")"
  [ "$(field ok "$figures")" -gt 0 ] || fail_with_log "no read succeeded$what (see above)"
  [ "$(field failed "$figures")" = 0 ] || say "WARNING: $(field failed "$figures") reads failed$what (see above)"
  printf -v "$var" '%s' "$figures"
}

ids_file="$work/artisans.tsv"
: >"$ids_file"
in_store=0
prefill_from=0
http_from=0
solo_seconds=$(( DURATION / 3 > 10 ? DURATION / 3 : 10 ))
summary_header=$(printf '%-9s %9s %9s %8s %8s %8s %9s %8s %8s %8s %8s %8s %8s %8s %9s %7s %7s %7s' artisans prefill/s \
  catchup_s reg/s reg_p50 reg_p99 reg_cpu view/s view_p50 view_p99 rate_p50 rate_p99 solo_p50 solo_p99 view_cpu heap_MB \
  rss_MB others%)
print_summary() {
  echo "Register over HTTP: standalone app with -Xmx$APP_HEAP, ZGC and -XX:+ExitOnOutOfMemoryError, $store_label;" \
    "$CONCURRENCY concurrent requests, ${DURATION}s per phase after ${WARMUP}s" \
    "warm-up; solo = one request at a time; $cpus CPUs shared by the app, the generator, the load client and any" \
    "other process (others% = their share during the concurrent reads); rate = reads due at $VIEW_RATE/s (open loop," \
    "latency from when each was due: the RESULT's view figures). Latencies in ms; reg_cpu and view_cpu = the" \
    "app's CPU ms per registration (projections included) and per read."
  echo "$summary_header"
  printf '%s\n' "${summary[@]}"
  echo "The app never ran out of its $APP_HEAP heap (it would have exited and stopped the run)."
  echo "$result"
}
say "load: $CONCURRENCY concurrent requests, ${WARMUP}s warm-up + ${DURATION}s per phase; pre-fill: $PREFILL_THREADS threads"

for size in "${sizes[@]}"; do
  need=$((size - in_store))
  if [ "$need" -le 0 ]; then
    say "the register already holds $in_store artisans (the previous load added them): no pre-fill for $size"
    prefill="PREFILL registered=0 cards=0 seconds=- per_second=- cpu_s=0"
    catchup="CATCHUP seconds=-"
    prefill_app_ms="-"
    prefill_generator_ms="-"
  else
    say "pre-filling $need artisans (to $size) through the event store..."
    prefill_mark=$(app_ticks)
    bench prefill ma.crafts.register.bench.http.Prefill "--mongodb-uri=mongodb://127.0.0.1:$mongo_port/register" \
      "--master-key-file=$data_dir/master.key" "--from=$prefill_from" "--count=$need" \
      "--threads=$PREFILL_THREADS" "--card-share=$CARD_SHARE" "--ids-file=$ids_file"
    echo "$prefill"
    registered=$(field registered "$prefill")
    [ "$registered" = "$need" ] || fail_with_log "the pre-fill registered $registered of $need artisans"
    prefill_from=$((prefill_from + need))
    in_store=$((in_store + registered))
    probe_card=$(field probe_card "$prefill")
    say "waiting for the projections to catch up..."
    bench catchup ma.crafts.register.bench.http.HttpLoad catch-up "--base-url=$base_url" \
      "--position=$(field last_position "$prefill")" "--artisan=$(field probe_artisan "$prefill")" \
      ${probe_card:+"--card=$probe_card"} "--timeout-seconds=$CATCH_UP_TIMEOUT"
    echo "$catchup"
    # The app's share of a pre-filled artisan: its side of the commands plus the projections, until caught up.
    prefill_app_ms=$(app_ms_per_op "$prefill_mark" "$registered")
    prefill_generator_ms=$(awk -v s="$(field cpu_s "$prefill")" -v n="$registered" 'BEGIN { printf "%.1f", s * 1000 / n }')
  fi

  say "$size artisans: registrations over HTTP..."
  register_mark=$(app_ticks)
  bench register ma.crafts.register.bench.http.HttpLoad register "--base-url=$base_url" "--from=$http_from" \
    "--concurrency=$CONCURRENCY" "--seconds=$DURATION" "--warmup-seconds=$WARMUP"
  echo "$register"
  [ "$(field ok "$register")" -gt 0 ] || fail_with_log "no registration over HTTP succeeded (see above)"
  [ "$(field failed "$register")" = 0 ] || say "WARNING: $(field failed "$register") registrations failed (see above)"
  http_from=$(field next_from "$register")
  # Let the projections absorb the registrations, so the reads below do not compete with that backlog.
  bench absorbed ma.crafts.register.bench.http.HttpLoad catch-up "--base-url=$base_url" \
    "--position=$(field last_position "$register")" "--artisan=$(field probe_artisan "$register")" \
    "--timeout-seconds=$CATCH_UP_TIMEOUT"
  in_store=$((in_store + $(field registered_total "$register")))
  register_app_ms=$(app_ms_per_op "$register_mark" "$(field registered_total "$register")")

  say "$size artisans: GET /api/v1/artisans/{id} on random pre-filled artisans, $CONCURRENCY concurrent..."
  read_phase view "" "--concurrency=$CONCURRENCY" "--seconds=$DURATION" "--warmup-seconds=$WARMUP"
  echo "$view"
  say "$size artisans: GET /api/v1/artisans/{id} due at $VIEW_RATE/s (open loop, at most $CONCURRENCY in flight)..."
  read_phase rated " at the fixed rate" "--rate=$VIEW_RATE" "--concurrency=$CONCURRENCY" "--seconds=$DURATION" \
    "--warmup-seconds=$WARMUP"
  echo "RATED_$rated"
  say "$size artisans: the same reads one at a time (service time without queueing)..."
  read_phase solo " one at a time" "--concurrency=1" "--seconds=$solo_seconds" "--warmup-seconds=0"
  echo "SOLO_$solo"

  kill -0 "$app_pid" 2>/dev/null || fail_with_log "the app died"
  heap=$(heap_used_mb "$app_pid")
  rss=$(rss_mb)
  data_mb=$(du -sm "$data_dir" | cut -f1)
  data_kb_per_artisan=$(awk -v mb="$data_mb" -v n="$in_store" 'BEGIN { printf "%.1f", mb * 1024 / n }')
  say "$size artisans: BSON bytes per collection..."
  bench stored ma.crafts.register.bench.http.StoredBytes "--mongodb-uri=mongodb://127.0.0.1:$mongo_port/register" \
    "--artisans=$in_store"
  grep '^STORED ' "$work/bench.out" || true
  echo "$stored"
  store_heap=NA
  store_note=""
  if [ -n "$mongo_pid" ]; then
    store_heap=$(heap_used_mb "$mongo_pid" "$store_jcmd")
    store_note=", in-memory store process $store_heap MB live"
  fi
  echo "HEAP artisans=$size heap_mb=$heap rss_mb=$rss data_mb=$data_mb data_kb_per_artisan=$data_kb_per_artisan store_heap_mb=$store_heap store_after_load=$in_store"

  echo
  echo "== $size artisans in the register =="
  printf '  %-46s %s\n' \
    "pre-fill through the event store" "$(field per_second "$prefill") artisans/s ($(field cards "$prefill") cards, $PREFILL_THREADS threads, $(field seconds "$prefill") s)" \
    "  CPU per pre-filled artisan" "app $prefill_app_ms ms (with projections), generator $prefill_generator_ms ms" \
    "projections caught up" "$(field seconds "$catchup") s after the pre-fill ended" \
    "POST /api/v1/artisans, $CONCURRENCY concurrent" "$(field per_second "$register")/s  p50 $(field p50_ms "$register") ms  p99 $(field p99_ms "$register") ms  ($(field failed "$register") failed)" \
    "  app CPU per registration (with projections)" "$register_app_ms ms: at most $(ceiling "$register_app_ms")/s on $cpus CPUs" \
    "GET /api/v1/artisans/{id}, $CONCURRENCY concurrent" "$(field per_second "$view")/s  p50 $(field p50_ms "$view") ms  p99 $(field p99_ms "$view") ms  p99.9 $(field p999_ms "$view") ms  ($(field failed "$view") failed)" \
    "  app CPU per read" "$(field app_ms "$view") ms: at most $(ceiling "$(field app_ms "$view")")/s on $cpus CPUs" \
    "GET /api/v1/artisans/{id}, due at $VIEW_RATE/s" "$(field per_second "$rated")/s  p50 $(field p50_ms "$rated") ms  p90 $(field p90_ms "$rated") ms  p99 $(field p99_ms "$rated") ms  p99.9 $(field p999_ms "$rated") ms  ($(field failed "$rated") failed; machine busy $(field cpu_busy_pct "$rated")%)" \
    "GET /api/v1/artisans/{id}, one at a time" "$(field per_second "$solo")/s  p50 $(field p50_ms "$solo") ms  p99 $(field p99_ms "$solo") ms" \
    "live heap, after a full GC (max $APP_HEAP)" "$heap MB  (RSS $rss MB, data directory $data_mb MB$store_note)" \
    "data directory per artisan in the store" "$data_kb_per_artisan KB  (BSON held: $(awk -v b="$(field bytes_per_artisan "$stored")" 'BEGIN { printf "%.1f", b / 1024 }') KB)" \
    "CPU during the concurrent reads (% of machine)" "busy $(field cpu_busy_pct "$view"), app $(field cpu_app_pct "$view"), other processes $(field cpu_others_pct "$view")"
  echo
  summary+=("$(printf '%-9s %9s %9s %8s %8s %8s %9s %8s %8s %8s %8s %8s %8s %8s %9s %7s %7s %7s' "$size" \
    "$(field per_second "$prefill")" "$(field seconds "$catchup")" "$(field per_second "$register")" \
    "$(field p50_ms "$register")" "$(field p99_ms "$register")" "$register_app_ms" "$(field per_second "$view")" \
    "$(field p50_ms "$view")" "$(field p99_ms "$view")" "$(field p50_ms "$rated")" "$(field p99_ms "$rated")" \
    "$(field p50_ms "$solo")" "$(field p99_ms "$solo")" \
    "$(field app_ms "$view")" "$heap" "$rss" "$(field cpu_others_pct "$view")")")
  result="RESULT register_rps=$(field per_second "$register") view_p50_ms=$(field p50_ms "$rated") view_p99_ms=$(field p99_ms "$rated") heap_mb=$heap"
done

size=""
print_summary
exit
}
