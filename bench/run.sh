#!/usr/bin/env bash
# The benchmark: packages the server, starts the jar as a user would, drives it over HTTP and writes a Markdown
# report to bench/results/latest.md (see docs/benchmarks.md for the last full run).
#   bench/run.sh                       # defaults: service pain-cds-all, 300 calls per row
#   BENCH_CALLS=1000 bench/run.sh      # more calls
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
mvn -B -q -DskipTests package
mvn -B -q -Pbench -DskipTests -Dbench.calls="${BENCH_CALLS:-300}" -Dbench.service="${BENCH_SERVICE:-pain-cds-all}" \
    test-compile exec:exec
