#!/usr/bin/env bash
# Builds the browser client (wasm preset) and the server and tests (native preset).
# Incremental: a second run only rebuilds what changed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

source "$ROOT/scripts/emscripten-env.sh"

if [ "${SQUIGGLE_SKIP_WASM:-0}" != 1 ]; then
  echo "[build] browser client (wasm)"
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm
fi
echo "[build] server and tests (native)"
cmake --preset native >/dev/null
cmake --build --preset native
