#!/usr/bin/env bash
# Benchmarks the shared core natively and as WebAssembly (under node), then
# prints the two side by side with the wasm/native ratio.
#
#   scripts/bench.sh                 build what is needed, run both (about a minute)
#   scripts/bench.sh --runs 9        more timed runs per figure (median reported)
#   scripts/bench.sh --quick         a tenth of every workload: a smoke run
#   scripts/bench.sh --only replay   one section (encode, replay, snapshot, decode)
#
# Arguments go to both benchmark binaries. The figures are also written as JSON
# to build/bench/native.json and build/bench/wasm.json. Needs what
# scripts/install-deps.sh installs; builds only the benchmark (and shared/) in
# the native and wasm presets' build folders.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

source "$ROOT/scripts/emscripten-env.sh"

OUT="$ROOT/build/bench"
mkdir -p "$OUT"
NATIVE_BIN="$ROOT/build/native/bench/squiggle_shared_bench"
WASM_JS="$ROOT/build/wasm/bench/squiggle_shared_bench.js"

echo "[bench] building squiggle_shared_bench (native preset)"
cmake --preset native >/dev/null
cmake --build --preset native --target squiggle_shared_bench
echo "[bench] building squiggle_shared_bench (wasm preset)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target squiggle_shared_bench

rm -f "$OUT/native.json" "$OUT/wasm.json"
echo "[bench] native: $NATIVE_BIN $*"
"$NATIVE_BIN" "$@" --json "$OUT/native.json"
# Node 20's global fetch trips emscripten 3.1.6's loader.
echo "[bench] wasm: node --no-experimental-fetch $WASM_JS $*"
node --no-experimental-fetch "$WASM_JS" "$@" --json "$OUT/wasm.json"

node "$ROOT/bench/compare.js" "$OUT/native.json" "$OUT/wasm.json"
