#!/usr/bin/env bash
# Installs what is missing, builds, and runs SquiggleSync on this machine:
# the server with embedded storage, serving the page and the board WebSocket.
#   scripts/run.sh [--port N] [--data-dir DIR] [any other server flag]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

PORT="${PORT:-8080}"
DATA_DIR="$ROOT/data"
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    -h|--help)
      echo "usage: scripts/run.sh [--port N] [--data-dir DIR] [server flags...]"
      echo "Server flags (passed through):"
      "$ROOT/build/native/server/squigglesync-server" --help 2>/dev/null || echo "  (build first to list them)"
      exit 0 ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done

"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"

mkdir -p "$DATA_DIR"
echo
echo "SquiggleSync: open http://127.0.0.1:$PORT/ in a browser (boards are kept in $DATA_DIR)."
echo "Share the address bar with others to draw together. Ctrl+C stops the server."
echo
exec "$ROOT/build/native/server/squigglesync-server" --port "$PORT" --data-dir "$DATA_DIR" \
  --web-root "$ROOT/build/wasm/dist" "${EXTRA[@]}"
