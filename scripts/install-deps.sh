#!/usr/bin/env bash
# Installs every Debian package the build, the product and the tests need, and
# fetches Dear ImGui's sources from Debian's source package for the wasm build.
# Idempotent: it only installs what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"

PACKAGES=(
  build-essential cmake ninja-build pkg-config dpkg-dev
  libboost-dev libboost-system-dev libcereal-dev catch2 libxxhash-dev libcli11-dev libstb-dev
  libhiredis-dev redis-server
  emscripten node-acorn
  libimgui-dev libglfw3-dev fonts-dejavu-core
  chromium
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[deps] installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui: Debian ships only a native static library; the wasm build compiles
# the .cpp files from Debian's source package. A private apt configuration with a
# deb-src entry fetches it without touching the system's source lists.
IMGUI_DIR="$ROOT/third_party/imgui"
if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  echo "[deps] fetching Dear ImGui sources (Debian source package 'imgui')"
  APT_PRIV="$(mktemp -d)"
  mkdir -p "$APT_PRIV/lists/partial" "$APT_PRIV/sources.list.d"
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  # Reuse the Debian mirror the system's own apt sources name (deb822 or one-line style).
  mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/{u=$2} /^Suites:/ && u !~ /security/ && /'"$codename"'/ {print u; exit}')"
  if [ -z "$mirror" ]; then
    mirror="$(awk '$1=="deb" && $3=="'"$codename"'" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  fi
  [ -n "$mirror" ] || { echo "[deps] no Debian mirror found in apt sources" >&2; exit 1; }
  echo "deb-src $mirror $codename main" > "$APT_PRIV/sources.list"
  APT_OPTS=(-o Dir::Etc::SourceList="$APT_PRIV/sources.list"
            -o Dir::Etc::SourceParts="$APT_PRIV/sources.list.d"
            -o Dir::State::Lists="$APT_PRIV/lists")
  $SUDO apt-get "${APT_OPTS[@]}" update -qq
  work="$(mktemp -d)"
  (cd "$work" && apt-get "${APT_OPTS[@]}" source --download-only imgui >/dev/null \
     && dpkg-source -x --no-check imgui_*.dsc src >/dev/null)
  mkdir -p "$IMGUI_DIR/backends"
  cp "$work"/src/*.cpp "$work"/src/*.h "$IMGUI_DIR/"
  cp "$work"/src/backends/imgui_impl_glfw.* "$work"/src/backends/imgui_impl_opengl3* "$IMGUI_DIR/backends/"
  rm -rf "$work" "$APT_PRIV"
fi

# Node packages for the browser end-to-end tests (Debian's chromium is the browser).
if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
  echo "[deps] installing playwright-core for the browser tests"
  (cd "$ROOT/tests/e2e" && npm install --no-audit --no-fund --silent)
fi
