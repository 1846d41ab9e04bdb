#!/usr/bin/env bash
# Runs inside `newsgraph neo4j -- ...` (`make bench`), so NEO4J_URI points at a throwaway
# embedded Neo4j. Benchmarks the built-in dataset, then generates the power-law graph and
# benchmarks it, and prints the machine and one results table (docs/benchmarks.md).
#
# Knobs: BENCH_TIME (iterations per benchmark, default 300x), BENCH_NODES (100000),
# BENCH_HUB_DEGREE (50000), BENCH_SEED (1), BENCH_OUT (where the raw output goes).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${NEO4J_URI:?NEO4J_URI is unset: run this through make bench (or newsgraph neo4j -- scripts/bench.sh)}"

export BENCH_NODES=${BENCH_NODES:-100000}
export BENCH_HUB_DEGREE=${BENCH_HUB_DEGREE:-50000}
export BENCH_SEED=${BENCH_SEED:-1}
BENCH_TIME=${BENCH_TIME:-300x}
out=${BENCH_OUT:-bin/bench-$(date -u +%Y%m%dT%H%M%SZ).txt}
mkdir -p "$(dirname "$out")"
bin=bin/newsgraph
go build -o "$bin" ./cmd/newsgraph # cheap right after make bench has built it

{
  echo "== machine"
  echo "date:      $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpus:      $(nproc) x $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory:    $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
  echo "go:        $(go version | cut -d' ' -f3-)"
  echo "neo4j:     printed by each benchmark run below, as the database reports it"
  echo "iterations: $BENCH_TIME per benchmark, each one call through the driver, one in process and one over loopback HTTP"
} | tee "$out"

# A failed benchmark (an endpoint timing out, say) is reported in the table; the script
# carries on and exits non-zero at the end.
status=0
echo "== the built-in dataset" | tee -a "$out"
go test -run '^$' -bench '^Benchmark(Floor|Dataset)$' -benchtime "$BENCH_TIME" -timeout 60m ./internal/bench/ | tee -a "$out" || status=1

echo "== generating $BENCH_NODES nodes, hub degree $BENCH_HUB_DEGREE, seed $BENCH_SEED" | tee -a "$out"
"$bin" generate --nodes "$BENCH_NODES" --hub-degree "$BENCH_HUB_DEGREE" --seed "$BENCH_SEED" 2>&1 | tee -a "$out"

echo "== the generated graph" | tee -a "$out"
go test -run '^$' -bench '^Benchmark(Generated|Breakdown|Compression)$' -benchtime "$BENCH_TIME" -timeout 60m ./internal/bench/ | tee -a "$out" || status=1

# Last and on its own: it clears Neo4j's query caches.
echo "== first calls of new parameter shapes" | tee -a "$out"
go test -run '^$' -bench '^BenchmarkFirstCalls$' -benchtime 5x -timeout 30m ./internal/bench/ | tee -a "$out" || status=1

echo
echo "== results (also in $out)"
grep -E '^\|' "$out" | awk '!seen[$0]++'
exit $status
