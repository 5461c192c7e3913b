#!/usr/bin/env bash
# Lints the OpenAPI document the register serves with Spectral and the repository's .spectral.yaml; fails on errors
# and on warnings (a warning left standing hides the next one in its noise). The document is the one
# OpenApiContractTest fetched from the running application during `mvn -B verify` (standalone/target/openapi.json),
# or the file given as the first argument.
# Spectral (npm) is installed into a cache directory on first use; Node.js and npm are installed if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

document="${1:-standalone/target/openapi.json}"
spectral_version=6.16.3
spectral_home="${SPECTRAL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/crafts-register/spectral-$spectral_version}"
spectral="$spectral_home/node_modules/.bin/spectral"

if [ ! -s "$document" ]; then
  echo "No OpenAPI document at $document: run mvn -B verify first (OpenApiContractTest writes it)." >&2
  exit 1
fi
if [ ! -x "$spectral" ]; then
  if ! command -v npm >/dev/null; then
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
  npm install --prefix "$spectral_home" --no-audit --no-fund --silent "@stoplight/spectral-cli@$spectral_version"
fi
"$spectral" lint --ruleset .spectral.yaml --fail-severity warn "$document"
