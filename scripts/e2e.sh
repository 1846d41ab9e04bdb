#!/usr/bin/env bash
# The web explorer's tests: unit tests and the first-page JS budget, then the browser
# tests in Debian's headless Chromium (driven by playwright-core, no browser download)
# against a real `newsgraph serve --load` on a free port. Runs inside `newsgraph neo4j --`
# (make test), so NEO4J_URI points at a throwaway Neo4j. Screenshots: artifacts/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${NEO4J_URI:?NEO4J_URI is not set: run this through make test}"

if [ ! -x /usr/bin/chromium ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "== installing Debian's chromium for the browser tests"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "the browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install chromium" >&2
    exit 1
  fi
fi

echo "== web unit tests and bundle budget"
(cd web && npm test --silent)

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log=$(mktemp -t newsgraph-e2e-serve.XXXXXX)
# A generous request timeout: the browser tests share two cores with Neo4j.
NEWSGRAPH_REQUEST_TIMEOUT=${NEWSGRAPH_REQUEST_TIMEOUT:-60s} ./bin/newsgraph serve --load --addr "127.0.0.1:$port" >"$log" 2>&1 &
server=$!
# Always stop the server, whatever happens to the tests.
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "the server exited:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "the server never became ready:" >&2; cat "$log" >&2; exit 1; }
# --load loads the dataset in the background once Neo4j answers: wait for it too.
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/api/entities/scale-ai" >/dev/null 2>&1; then break; fi
  sleep 0.2
done

echo "== browser tests (headless Chromium against http://127.0.0.1:$port)"
rm -rf artifacts/e2e && mkdir -p artifacts/e2e
status=0
(cd web && NEWSGRAPH_URL="http://127.0.0.1:$port" E2E_ARTIFACTS="$PWD/../artifacts/e2e" node --test --test-concurrency=1 --test-reporter=spec e2e/) || status=$?
if [ "$status" -ne 0 ]; then echo "server log:" >&2; tail -n 40 "$log" >&2; fi
echo "screenshots: artifacts/e2e/"
exit "$status"
