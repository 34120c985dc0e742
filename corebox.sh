#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (as root):
#   ./corebox.sh TOOL [ARGS]   install build dependencies, build, run a tool (e.g. opensnoop)
#   ./corebox.sh test          ... and run every test (unit, runtime, kernel matrix, bench smoke)
#   ./corebox.sh build | deps | bench [ARGS] | install [PREFIX]
set -euo pipefail
cd "$(dirname "$0")"
BUILD=${COREBOX_BUILD_DIR:-build}

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev libzstd-dev
  libgtest-dev nlohmann-json3-dev python3 util-linux
  qemu-system-x86 busybox-static cpio kmod xz-utils
  prometheus
)

# deps [PACKAGE...]: the build's packages, or the ones named, installed if missing.
deps() {
  local missing=() p
  (($#)) || set -- "${PACKAGES[@]}"
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "corebox.sh: installing ${missing[*]}" >&2
  [ "$(id -u)" = 0 ] || { echo "corebox.sh: run as root to install packages" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  deps
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$BUILD" >&2
}

case "${1:-}" in
  "" | -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  deps) deps ;;
  build) build ;;
  test)
    build
    ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)" --timeout 3600
    ;;
  bench) shift; build; deps bpftrace libbpf-tools; exec bench/run --build-dir "$BUILD" "$@" ;;  # the peers
  install) build; cmake --install "$BUILD" --prefix "${2:-/usr/local}" ;;
  *) build; exec "$BUILD/corebox" "$@" ;;
esac
