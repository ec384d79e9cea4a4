#!/usr/bin/env bash
# Builds the browser client (wasm preset) and the server and tests (native preset).
# Incremental: a second run only rebuilds what changed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# Debian's emscripten runs its JS tools with the system node, which finds
# their 'acorn' module only here.
export NODE_PATH=/usr/share/nodejs
# Emscripten compiles its system libraries once into its cache (shared by every
# clone on this machine). Without root its default cache is read-only: use one
# in the user's home instead.
if [ -z "${EM_CACHE:-}" ] && [ ! -w /usr/share/emscripten/cache ]; then
  export EM_CACHE="$HOME/.cache/squigglesync-emscripten"
  mkdir -p "$EM_CACHE"
fi

if [ "${SQUIGGLE_SKIP_WASM:-0}" != 1 ]; then
  echo "[build] browser client (wasm)"
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm
fi
echo "[build] server and tests (native)"
cmake --preset native >/dev/null
cmake --build --preset native
