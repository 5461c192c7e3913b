#!/usr/bin/env bash
# Statistics read model benchmark: p99 of the statistics reads (groupBy of up to two dimensions, filters, asOf) and of
# a five-year monthly flow series, the projections' rate with the statistics over the rate without them, and whether
# the counts equal the generator's tally. Embedded server, memory backend, one process. See bench/README.md.
#
#   bench/statistics.sh                    # ARTISANS=20000, registrations over SPAN_DAYS=1826 (five years)
#   ARTISANS=100000 bench/statistics.sh    # the issue's first size
#   ARTISANS=5000 bench/statistics.sh      # smoke run
#
# Figures go to stdout, progress to stderr. The last line is the RESULT line.
set -euo pipefail

cd "$(dirname "$0")/.."

# shellcheck source=lib/java-benchmark.sh
source bench/lib/java-benchmark.sh
run_benchmark statistics.sh query-side,benchmarks 6g ma.crafts.register.bench.StatisticsBenchmark
