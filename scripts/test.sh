#!/usr/bin/env bash
# Runs inside `newsgraph neo4j -- ...`, so NEO4J_URI points at a throwaway embedded Neo4j.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== formatting, vet and staticcheck"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/node_modules/*'))
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted" >&2; exit 1; fi
go vet ./...
# staticcheck, pinned in go.mod as a tool (about 50 s on a fresh machine, mostly building it).
go tool staticcheck ./...

echo "== the real database"
go test -count=1 -v -run '^TestServerVersion$' ./internal/neo4jstore/ | grep -E 'ran dbms|^(ok|FAIL|---)'

go test -run='^$' -fuzz=FuzzGuard -fuzztime=15s ./internal/cypherguard/

echo "== go test (against $NEO4J_URI)"
# -p 1: the packages share one database, so they must not run at the same time.
go test -count=1 -p 1 ./...

echo "== the race detector on our own concurrent code"
# A transformer shared by concurrent searches once mixed up their answers. The packages
# that drive Neo4j stay out: the Go driver (5.28.4) races on itself when connections
# first open in parallel (connector.Connect sets SupplyConnection lazily), which the
# detector reports whatever our code does.
go test -race -count=1 ./internal/cypherguard/ ./internal/domain/ ./internal/jsonenc/ ./internal/dataset/ ./internal/config/ ./internal/graphgen/
go test -race -count=1 -run 'Concurrent|LuceneQuery' ./internal/neo4jstore/

scripts/e2e.sh
