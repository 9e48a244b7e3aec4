# Sourced by setup.sh, sanitize.sh and fuzz.sh: compile through ccache when it is installed (setup.sh
# test installs it), so CI's three builds and a developer's rebuilds of a clone reuse earlier results.
# Paths are hashed relative to the clone, so two clones of the same commit share the cache.
if command -v ccache >/dev/null 2>&1; then
  export CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-ccache}
  export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}
  export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
fi
