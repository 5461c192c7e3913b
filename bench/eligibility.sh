#!/usr/bin/env bash
# Eligibility model benchmark: recompute rate after a programme revision, time to switch, p99 of the eligibility read
# during the recompute, and the artisan view's rebuild rate as a ratio to the replay ceiling of bench/event-store.sh.
# Embedded server, memory backend, one process. See bench/README.md.
#
#   bench/eligibility.sh                   # ARTISANS=50000 (about five minutes on two shared cores)
#   ARTISANS=5000 bench/eligibility.sh     # smoke run
#   BENCH_GC=-XX:+UseG1GC bench/eligibility.sh   # another collector (default ZGC, as the query side runs)
#   PASS_SHARE=1 bench/eligibility.sh      # the pass flat out (default 0.5, register.query.eligibility.pass-share)
#
# Figures go to stdout, progress to stderr. The last line is the RESULT line.
set -euo pipefail

cd "$(dirname "$0")/.."

# shellcheck source=lib/java-benchmark.sh
source bench/lib/java-benchmark.sh
# ZGC, as deploy/run-local.sh runs the query side: G1's pauses during a recompute were most of the read p99.
run_benchmark eligibility.sh query-side,benchmarks 6g ma.crafts.register.bench.EligibilityBenchmark -XX:+UseZGC
