# Sourced by the build scripts: the environment Debian's emscripten needs.
# Its JS tools run with the system node, which finds their 'acorn' module only here.
export NODE_PATH=/usr/share/nodejs
# Emscripten compiles its system libraries once into its cache (shared by every
# clone on this machine). Without root its default cache is read-only: use one
# in the user's home instead.
if [ -z "${EM_CACHE:-}" ] && [ ! -w /usr/share/emscripten/cache ]; then
  export EM_CACHE="$HOME/.cache/squigglesync-emscripten"
  mkdir -p "$EM_CACHE"
fi
