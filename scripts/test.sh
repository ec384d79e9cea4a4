#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test: unit tests
# of shared/, server integration tests over real sockets, and the browser
# end-to-end test (real server, two headless Chromium pages).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"

# The server's multi-threaded tests again, server and all, under ThreadSanitizer
# (a data race stops the server and fails the test).
if [ "${SQUIGGLE_SKIP_TSAN:-0}" != 1 ]; then
  echo "[test] server tests under ThreadSanitizer"
  cmake --preset native-tsan >/dev/null
  cmake --build --preset native-tsan
  ctest --preset native-tsan -j2
fi

# The browser test must run here: a missing web build is a failure, not a skip.
echo "[test] every test"
export SQUIGGLE_REQUIRE_E2E=1
ctest --preset native --output-on-failure -j2
