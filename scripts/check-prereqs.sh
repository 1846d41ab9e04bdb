#!/usr/bin/env bash
# Names every missing or too-old prerequisite, with what to install, before anything is
# built. Under CI=true it installs what Debian can provide (Chromium for the browser
# tests), because CI starts from a fresh machine.
set -u
missing=()

version_ge() { # version_ge HAVE WANT: true when HAVE >= WANT (dotted numbers)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

if command -v go >/dev/null; then
  have=$(go env GOVERSION | sed 's/^go//')
  version_ge "$have" "1.24" || missing+=("Go $have is too old: install Go 1.24 or newer from https://go.dev/dl")
else
  missing+=("Go is missing: install Go 1.24 or newer from https://go.dev/dl")
fi

if command -v java >/dev/null; then
  have=$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n1)
  [ "${have:-0}" -ge 17 ] || missing+=("Java ${have:-?} is too old: install Java 17 or newer (Debian: openjdk-17-jdk-headless)")
else
  missing+=("Java is missing: install Java 17 or newer (Debian: openjdk-17-jdk-headless)")
fi

command -v mvn >/dev/null || missing+=("Maven is missing: install Maven 3.8+ (Debian: maven)")

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
