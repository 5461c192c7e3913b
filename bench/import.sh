#!/usr/bin/env bash
# Import benchmark (issue 19): starts the standalone app on a fresh store (by default the embedded MongoDB on its H2
# backend in a temporary data directory, -Xmx1g), generates an artisans file, imports it through the API with the
# register's own command line (`register import`), waits until every projection has caught up, and reports the rate,
# the time it would take for the chambers' 421,000 artisans, the raw write ceiling for the same documents measured in
# the same run, the app's live heap and the store's bytes per collection and per artisan. Everything runs on 127.0.0.1
# on free ports; the app and the data are removed on exit.
#
#   ROWS              rows of the generated file (default 421000); minutes for 421k are extrapolated from a smaller run
#   FORMAT            csv (default) or xlsx (at most 1,048,575 rows)
#   SEED              the generator's seed (default 5017)
#   INVALID_SHARE     share of rows with one fault each, the kinds of fault taking turns (default 0.03)
#   MAX_COPIES        documents the write ceiling copies at most, a same share of every collection (default 200000)
#   CATCH_UP_TIMEOUT  seconds to wait for the projections after the import (default 3600)
#   MONGO_BACKEND, APP_HEAP, APP_JAVA_OPTS, MONGO_HEAP, MONGO_JAVA, MONGO_JAVA_OPTS, STARTUP_TIMEOUT, BUILD, APP_JAR
#                     as for bench/register-http.sh (MONGO_BACKEND=memory: the same import on mongo-java-server's
#                     in-memory backend in a process of its own)
#
# Figures go to stdout; progress to stderr. The last line is
#   RESULT import_rows_per_s=… import_minutes_421k=… import_vs_write_ceiling=… heap_mb=… disk_kb_per_artisan=…
# where the rate counts from the upload until every projection has caught up, and disk_kb_per_artisan is the data
# directory's size per accepted artisan (NA on the in-memory backends).
set -euo pipefail
{
cd "$(dirname "$0")/.."

ROWS="${ROWS:-421000}"
FORMAT="${FORMAT:-csv}"
SEED="${SEED:-5017}"
INVALID_SHARE="${INVALID_SHARE:-0.03}"
MAX_COPIES="${MAX_COPIES:-200000}"
CATCH_UP_TIMEOUT="${CATCH_UP_TIMEOUT:-3600}"
TARGET_ROWS=421000
BENCH_CLASS=ma.crafts.register.bench.imports.ImportBenchmark
WORK_NAME=register-import
# shellcheck source=bench/lib/register-app.sh
. bench/lib/register-app.sh

fail() { echo "import-bench: $*" >&2; exit 1; }
say() { echo "import-bench: $*" >&2; }

register_app_check_settings
for setting in ROWS MAX_COPIES CATCH_UP_TIMEOUT; do
  [[ "${!setting}" =~ ^[1-9][0-9]*$ ]] || fail "$setting must be a positive whole number, got '${!setting}'"
done
[[ "$FORMAT" =~ ^(csv|xlsx)$ ]] || fail "FORMAT must be csv or xlsx, got '$FORMAT'"
[[ "$SEED" =~ ^-?[0-9]+$ ]] || fail "SEED must be a whole number, got '$SEED'"

register_app_build
trap register_app_cleanup EXIT
trap 'exit 130' INT TERM
register_app_prepare
register_app_start

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b + 0 > 0) printf f, a / b; else print "NA" }'; }

bench token ma.crafts.register.bench.imports.ImportBenchmark token "--base-url=$base_url"
admin_token=$(field token "$token")

file="$work/artisans.$FORMAT"
generator_args=()
if curl -fsS -H "Authorization: Bearer $admin_token" -o "$work/template.csv" \
    "$base_url/api/v1/imports/templates/artisans" 2>/dev/null; then
  say "columns from the server's template: $(head -n 1 "$work/template.csv" | tr -d '\r\357\273\277')"
  generator_args+=("--columns-from=$work/template.csv")
else
  say "the server serves no template (GET /api/v1/imports/templates/artisans): columns named after POST /api/v1/artisans' body"
fi
say "generating $ROWS rows ($FORMAT)..."
bench generated ma.crafts.register.bench.imports.GenerateArtisanFile "--rows=$ROWS" "--out=$file" "--format=$FORMAT" \
  "--seed=$SEED" "--invalid-share=$INVALID_SHARE" "--today=$(date -u +%F)" "${generator_args[@]}"
echo "$generated"

say "importing through the API with the register's command line..."
ticks_before=$(app_ticks)
started=$(now)
REGISTER_TOKEN="$admin_token" java -Xmx256m -Dfile.encoding=UTF-8 -jar "$run_dir/register.jar" import "$file" \
  --kind=artisans "--url=$base_url" --progress=lines "--errors-to=$work/rejected.csv" >"$work/import.out" &
child_pid=$!
rc=0
wait "$child_pid" || rc=$?
child_pid=""
import_seconds=$(seconds_since "$started")
cat "$work/import.out"
[ "$rc" = 0 ] || fail_with_log "the import failed (exit $rc)"
summary=$(grep '^COMPLETED import' "$work/import.out" | head -n 1)
count_of() { sed -n "s/.* \([0-9,]*\) $1.*/\1/p" <<< "$summary" | tr -d ,; }
accepted=$(count_of accepted)
rejected=$(count_of rejected)
rows_read=$(count_of 'rows read')
[ -n "$accepted" ] && [ "$accepted" -gt 0 ] || fail_with_log "the import accepted no row: $summary"
# The errors file's records, its header left out; quoted values may hold line breaks, so count the rows' numbers.
rejected_in_file=$(grep -c '^[0-9][0-9]*,' "$work/rejected.csv" || true)

say "waiting for every projection to catch up..."
bench catchup ma.crafts.register.bench.imports.ImportBenchmark catch-up "--base-url=$base_url" "--token=$admin_token" \
  "--timeout-seconds=$CATCH_UP_TIMEOUT"
echo "$catchup"
# Up to the projections' last move: the settling the catch-up waits out and its JVM's start are not the import's.
total_seconds=$(awk -v a="$import_seconds" -v b="$(field seconds "$catchup")" 'BEGIN { printf "%.1f", a + b }')
app_cpu_ms=$(awk -v t="$(( $(app_ticks) - ticks_before ))" -v n="$ROWS" -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
  'BEGIN { printf "%.2f", t * 1000 / hz / n }')

kill -0 "$app_pid" 2>/dev/null || fail_with_log "the app died"
heap=$(heap_used_mb "$app_pid")
rss=$(rss_mb)
if [ "$MONGO_BACKEND" = h2 ]; then
  data_bytes=$(du -sb "$data_dir" | cut -f1)
  disk_kb=$(ratio "$data_bytes" "$((accepted * 1024))")
else
  data_bytes=0
  disk_kb=NA
fi
say "documents per collection, then the raw write ceiling for them..."
bench store ma.crafts.register.bench.imports.ImportBenchmark store "--mongodb-uri=mongodb://127.0.0.1:$mongo_port" \
  "--rows=$ROWS" "--accepted=$accepted" "--data-dir-bytes=$data_bytes" "--max-copies=$MAX_COPIES"
sed '$d' "$work/bench.out"
echo "$store"

rows_per_s=$(ratio "$ROWS" "$total_seconds" "%.0f")
import_only_per_s=$(ratio "$ROWS" "$import_seconds" "%.0f")
minutes_421k=$(awk -v r="$rows_per_s" -v t="$TARGET_ROWS" 'BEGIN { if (r + 0 > 0) printf "%.1f", t / r / 60; else print "NA" }')
vs_ceiling=$(ratio "$rows_per_s" "$(field ceiling_rows_per_s "$store")" "%.3f")
echo
echo "== import of $ROWS generated artisan rows ($FORMAT, $rejected rejected) on $store_label, app -Xmx$APP_HEAP =="
printf '  %-44s %s\n' \
  "rows read / accepted / rejected" "$rows_read / $accepted / $rejected (generator: $(field valid "$generated") valid, $(field invalid "$generated") invalid; $rejected_in_file rows in the errors file)" \
  "import (upload to COMPLETED)" "$import_seconds s, $import_only_per_s rows/s" \
  "projections caught up" "$(field seconds "$catchup") s later (head $(field head "$catchup"))" \
  "upload to caught up" "$total_seconds s: $rows_per_s rows/s" \
  "minutes for $TARGET_ROWS rows" "$minutes_421k$( [ "$ROWS" = "$TARGET_ROWS" ] || echo " (extrapolated linearly from $ROWS)")" \
  "app CPU per row (import and projections)" "$app_cpu_ms ms" \
  "raw write ceiling, same documents" "$(field ceiling_rows_per_s "$store") rows/s ($(field ceiling_docs_per_s "$store") documents/s, $(field ceiling_copied "$store") copied): import at $vs_ceiling of it" \
  "live heap after a full GC / RSS" "$heap MB / $rss MB" \
  "data directory" "$( [ "$MONGO_BACKEND" = h2 ] && echo "$data_bytes bytes, $disk_kb KB per accepted artisan" || echo "none (in-memory store)")" \
  "documents' data size" "$(field data_kb_per_artisan "$store") KB and $(field documents_per_artisan "$store") documents per accepted artisan"
echo "RESULT import_rows_per_s=$rows_per_s import_minutes_421k=$minutes_421k import_vs_write_ceiling=$vs_ceiling heap_mb=$heap disk_kb_per_artisan=$disk_kb"
exit
}
