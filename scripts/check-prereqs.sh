#!/usr/bin/env bash
# Names every missing or too-old prerequisite, with what to install, before anything is
# built. Chromium, which only the browser tests need, is checked by scripts/e2e.sh, which
# installs it under CI=true because CI starts from a fresh machine.
set -u
missing=()

version_ge() { # version_ge HAVE WANT: true when HAVE >= WANT (dotted numbers)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# The go line of go.mod is the oldest Go that builds the module (its dependencies
# need it too).
go_want=$(sed -n 's/^go //p' "$(dirname "$0")/../go.mod")
if command -v go >/dev/null; then
  have=$(go env GOVERSION | sed 's/^go//')
  version_ge "$have" "$go_want" || missing+=("Go $have is too old: install Go $go_want or newer from https://go.dev/dl")
else
  missing+=("Go is missing: install Go $go_want or newer from https://go.dev/dl")
fi

if command -v java >/dev/null; then
  have=$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n1)
  [ "${have:-0}" -ge 17 ] || missing+=("Java ${have:-?} is too old: install Java 17 or newer (Debian: openjdk-17-jdk-headless)")
else
  missing+=("Java is missing: install Java 17 or newer (Debian: openjdk-17-jdk-headless)")
fi

if command -v mvn >/dev/null; then
  have=$(mvn -B -v 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g" | sed -n 's/^Apache Maven \([0-9.]*\).*/\1/p' | head -n1)
  version_ge "${have:-0}" "3.8" || missing+=("Maven ${have:-?} is too old: install Maven 3.8 or newer (Debian: maven)")
else
  missing+=("Maven is missing: install Maven 3.8 or newer (Debian: maven)")
fi

if [ -f web/package.json ]; then
  if command -v node >/dev/null; then
    have=$(node -v | sed 's/^v//')
    version_ge "$have" "20.0.0" || missing+=("Node.js $have is too old: install Node.js 20 or newer")
  else
    missing+=("Node.js is missing: install Node.js 20 or newer with npm")
  fi
  command -v npm >/dev/null || missing+=("npm is missing: install it with Node.js 20 or newer")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "newsgraph needs these before it can build:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
