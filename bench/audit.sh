#!/usr/bin/env bash
# The auditor's benchmark: whole-store verification against the raw read ceiling, and the auditor's reads of an artisan
# with 200 events (history with changes, the view as of an instant, the personal-data read log's cost), on the
# embedded server (memory backend). See bench/README.md.
#
#   bench/audit.sh                                   # 1M events to verify (long), 3,000 rounds of reads
#   SIZES=100000 HISTORY_ROUNDS=1000 bench/audit.sh  # a few minutes
#
# Figures go to stdout, progress to stderr. The last line is
# RESULT verify_eps= verify_vs_ceiling= history200_p99_ms= pii_log_ratio=
set -euo pipefail

cd "$(dirname "$0")/.."

# 1M commit documents in the memory backend need a few GB of heap (as for bench/event-store.sh).
HEAP="${BENCH_HEAP:-10g}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "audit.sh: building the benchmarks (SKIP_BUILD=1 to reuse the last build)" >&2
  # shellcheck disable=SC2086  # MVN_ARGS is a list of flags, e.g. "-o"
  mvn -q ${MVN_ARGS:-} -pl benchmarks -am package -Dmaven.test.skip=true >&2
fi

JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" || ! -d benchmarks/target/lib ]]; then
  echo "audit.sh: $JAR or benchmarks/target/lib is missing; run without SKIP_BUILD=1" >&2
  exit 1
fi

# Run from a private copy, so that a rebuild while the benchmark runs cannot pull classes from under it.
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/audit-bench.XXXXXX")"
trap 'rm -rf "$RUN_DIR"' EXIT
cp "$JAR" "$RUN_DIR/"
cp -r benchmarks/target/lib "$RUN_DIR/lib"

# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Dfile.encoding=UTF-8 -Daxoniq.update-checker.disabled=true \
  -Djava.io.tmpdir="${TMPDIR:-/tmp}" ${JAVA_OPTS:-} \
  -cp "$RUN_DIR/benchmarks.jar:$RUN_DIR/lib/*" ma.crafts.register.bench.AuditBenchmark
