#!/usr/bin/env bash
# tests/vm/run.sh BUILD_DIR: the kernel matrix.
#
# Boots Debian's 6.1 and 6.12 kernels under QEMU (TCG: /dev/kvm is never used) with
# an initramfs holding busybox, BUILD_DIR/corebox and BUILD_DIR/corebox-rt, and runs
# in each guest: `corebox features`, a hook probe per tool, the BTF-less case and the
# runtime tests (gtest). Writes BUILD_DIR/vm-report.md (printed at the end) and keeps
# the guests' serial logs in BUILD_DIR/vm-logs/. Exits non-zero if a case fails or a
# guest does not reach its end marker. docs/kernels.md tells more.
#
# Environment:
#   COREBOX_VM_CACHE    kernel cache, outside the repo (default /var/cache/corebox-vm)
#   COREBOX_VM_KERNELS  series to boot (default "6.1 6.12")
#   COREBOX_VM_FLAVOUR  cloud (default, boots fastest) or amd64; the other one is
#                       the fallback when the preferred one is not in apt's lists
#   COREBOX_VM_TIMEOUT  seconds one guest may run before QEMU is killed (default 360)
#   COREBOX_VM_JOBS     guests booted at once (default 2: one host core each)
#   COREBOX_VM_TCG_THREAD  single (default) or multi: see boot() for why not multi
#   COREBOX_VM_OFFLINE  1: do not ask apt, use the newest kernels already cached
#   CI, GTEST_FILTER    passed through to the guest (values without spaces)
#
# Exit status: 0 all passed; 1 a case failed or a guest did not reach its marker;
# 2 the harness could not run (missing host tool, no build, no kernel).
#
# Host packages: qemu-system-x86 busybox-static cpio kmod xz-utils (and zstd, only for
# kernels whose modules are .ko.zst), plus apt, dpkg, coreutils, util-linux (flock),
# mawk, bash and libc-bin (ldd, getent), which every Debian has.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# depmod and modprobe live in /sbin; a CI shell's PATH may lack it.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export LC_ALL=C

CACHE=${COREBOX_VM_CACHE:-/var/cache/corebox-vm}
KERNELS=${COREBOX_VM_KERNELS:-"6.1 6.12"}
FLAVOUR=${COREBOX_VM_FLAVOUR:-cloud}
TIMEOUT=${COREBOX_VM_TIMEOUT:-360}
JOBS=${COREBOX_VM_JOBS:-2}
TCG_THREAD=${COREBOX_VM_TCG_THREAD:-single}
OFFLINE=${COREBOX_VM_OFFLINE:-0}
# Modules the guest loads (their dependencies come along): null_blk gives /dev/nullb0;
# virtio_blk (with virtio_pci) the disk /dev/vda, a device that raises interrupts.
MODULES="configfs null_blk virtio_pci virtio_blk"

T0=$(date +%s)
log() { printf '[vm %4ds] %s\n' $(($(date +%s) - T0)) "$*" >&2; }
die() {
	log "error: $*"
	exit 2
}

usage() {
	sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

# ---- Host checks -------------------------------------------------------------------

# True if the ELF file has no program interpreter (PT_INTERP): a static binary that
# runs in a guest without any library. Reads the program headers with od so the
# check needs nothing beyond coreutils.
is_static() {
	local f=$1 phoff phentsize phnum i type
	[[ $(od -An -c -N4 "$f" | tr -d ' ') == '177ELF' ]] || return 1
	phoff=$(od -An -t u8 -j 32 -N 8 "$f" | tr -d ' ')
	phentsize=$(od -An -t u2 -j 54 -N 2 "$f" | tr -d ' ')
	phnum=$(od -An -t u2 -j 56 -N 2 "$f" | tr -d ' ')
	for ((i = 0; i < phnum; i++)); do
		type=$(od -An -t u4 -j $((phoff + i * phentsize)) -N 4 "$f" | tr -d ' ')
		[[ $type == 3 ]] && return 1 # PT_INTERP
	done
	return 0
}

check_host() {
	local missing=() cmd pkg
	for cmd in qemu-system-x86_64:qemu-system-x86 cpio:cpio depmod:kmod modprobe:kmod \
		xz:xz-utils apt-get:apt apt-cache:apt dpkg-deb:dpkg timeout:coreutils \
		od:coreutils flock:util-linux awk:mawk ldd:libc-bin truncate:coreutils; do
		command -v "${cmd%%:*}" >/dev/null || missing+=("${cmd#*:}")
	done
	[[ -x /bin/busybox ]] || missing+=(busybox-static)
	((${#missing[@]} == 0)) || die "missing host tools; apt-get install ${missing[*]}"
	is_static /bin/busybox || die "/bin/busybox is not static: apt-get install busybox-static"
	[[ -e /dev/kvm ]] && log "note: /dev/kvm exists but is not used (nested KVM hangs here): TCG only"
	return 0
}

check_build() {
	[[ -x $BUILD/corebox ]] || die "$BUILD/corebox not found: build first (see docs/kernels.md)"
	is_static "$BUILD/corebox" || die "$BUILD/corebox is not a static binary"
	if [[ -e $BUILD/corebox-rt ]]; then
		is_static "$BUILD/corebox-rt" || die "$BUILD/corebox-rt is not a static binary"
		RT_MODE="corebox-rt"
	else
		RT_MODE="smoke stand-in (no $BUILD/corebox-rt)"
	fi
	# QEMU's -serial file: takes the path inside an option string.
	[[ $BUILD != *,* ]] || die "BUILD_DIR must not contain a comma: $BUILD"
}

# ---- Kernels: pick, fetch, unpack, cache ---------------------------------------------

# apt package name pattern for a series and a flavour (cloud-amd64 or amd64).
pkg_regex() {
	case $1 in
	6.1) echo "^linux-image-6\.1\.0-[0-9]+-$2-unsigned\$" ;;
	6.12) echo "^linux-image-6\.12\.[0-9]+\+deb12-$2-unsigned\$" ;;
	*) die "unknown kernel series '$1' (known: 6.1 6.12)" ;;
	esac
}

flavours() {
	case $FLAVOUR in
	cloud) echo "cloud-amd64 amd64" ;;
	amd64 | generic) echo "amd64 cloud-amd64" ;;
	*) die "COREBOX_VM_FLAVOUR must be cloud or amd64" ;;
	esac
}

APT_UPDATED=0
# Newest package of a series that apt can download (one with a candidate version).
newest_in_apt() {
	local series=$1 fl pkg
	for fl in $(flavours); do
		for pkg in $(apt-cache search --names-only "$(pkg_regex "$series" "$fl")" 2>/dev/null |
			awk '{ print $1 }' | sort -rV); do
			# (Not piped into grep -q: with pipefail, apt-cache's SIGPIPE would fail it.)
			if [[ $(apt-cache policy "$pkg" 2>/dev/null) == *"Candidate: "[0-9]* ]]; then
				echo "$pkg"
				return 0
			fi
		done
	done
	return 1
}

# Newest kernel of a series already unpacked in the cache (for offline runs).
newest_in_cache() {
	local series=$1 fl d
	for fl in $(flavours); do
		for d in $(ls -1 "$CACHE" 2>/dev/null | grep -E "$(pkg_regex "$series" "$fl")" | sort -rV); do
			[[ -e $CACHE/$d/.ready ]] && echo "$d" && return 0
		done
	done
	return 1
}

# Sets PICKED to the package to boot for a series.
pick_kernel() {
	local series=$1 pkg=""
	if [[ $OFFLINE == 1 ]]; then
		PICKED=$(newest_in_cache "$series") || die "COREBOX_VM_OFFLINE=1 but no $series kernel in $CACHE"
		return
	fi
	if ! pkg=$(newest_in_apt "$series") && ((APT_UPDATED == 0)); then
		# A fresh machine has no package lists yet.
		log "apt knows no $series kernel: apt-get update"
		apt-get update -qq >&2 || log "apt-get update failed"
		APT_UPDATED=1
		pkg=$(newest_in_apt "$series") || pkg=""
	fi
	if [[ -z $pkg ]]; then
		pkg=$(newest_in_cache "$series") || die "no $series kernel in apt's lists nor in $CACHE"
		log "apt has no $series kernel; using the cached $pkg"
	fi
	PICKED=$pkg
}

# Unpacks a kernel package into $CACHE/PKG: root/ (dpkg-deb -x, with modules.dep from
# depmod) and kver. Done once per package; `.ready` marks a complete entry. Runs under
# the cache's exclusive lock so two harness runs do not fetch into the same place.
fetch_kernel() {
	local pkg=$1 dir=$CACHE/$1 tmp kver
	[[ -e $dir/.ready ]] && return 0
	log "fetching $pkg"
	tmp=$(mktemp -d "$CACHE/.fetch.XXXXXX")
	if ! (cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >&2); then
		# Lists may be older than the archive (the package was superseded): refresh once.
		((APT_UPDATED == 0)) && apt-get update -qq >&2 && APT_UPDATED=1
		(cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >&2) ||
			{ rm -rf "$tmp"; die "apt-get download $pkg failed"; }
	fi
	mkdir "$tmp/root"
	dpkg-deb -x "$tmp"/*.deb "$tmp/root" || { rm -rf "$tmp"; die "dpkg-deb -x $pkg failed"; }
	rm -f "$tmp"/*.deb # the unpacked tree is all we use
	kver=$(ls -1 "$tmp/root/lib/modules" 2>/dev/null | head -n1)
	[[ -n $kver && -f $tmp/root/boot/vmlinuz-$kver ]] ||
		{ rm -rf "$tmp"; die "$pkg has no lib/modules/KVER or boot/vmlinuz-KVER"; }
	echo "$kver" >"$tmp/kver"
	# The package's postinst would run depmod; modprobe --show-depends needs its output.
	depmod -b "$tmp/root" "$kver" || { rm -rf "$tmp"; die "depmod on $pkg failed"; }
	rm -rf "$dir"
	mv "$tmp" "$dir"
	touch "$dir/.ready"
	prune_cache "$pkg"
}

# Resolves MODULES (and what they depend on) with modprobe on the unpacked tree and
# copies them into OUT as plain .ko (6.12 ships .ko.xz; busybox insmod wants them
# uncompressed), with load.list in dependency order. Built-in ones are skipped.
add_modules() {
	local kdir=$1 out=$2 kver m line path name
	kver=$(cat "$kdir/kver")
	mkdir -p "$out"
	: >"$out/load.list"
	for m in $MODULES; do
		modprobe -d "$kdir/root" -S "$kver" --show-depends "$m" >"$out/deps.txt" ||
			{ log "modprobe --show-depends $m failed for $kver"; return 1; }
		while read -r line path _; do
			[[ $line == insmod ]] || continue # "builtin NAME": nothing to load
			name=$(basename "$path")
			name=${name%.xz}
			name=${name%.zst}
			grep -qx "$name" "$out/load.list" && continue
			case $path in
			*.xz) xz -dc "$path" >"$out/$name" ;;
			*.zst) zstd -qdc "$path" >"$out/$name" ;;
			*) cp "$path" "$out/$name" ;;
			esac || return 1
			echo "$name" >>"$out/load.list"
		done <"$out/deps.txt"
	done
	rm -f "$out/deps.txt"
}

# After fetching a newer kernel of a series, drop the older ones of the same series.
prune_cache() {
	local pkg=$1 series d fl
	for series in 6.1 6.12; do
		for fl in cloud-amd64 amd64; do
			[[ $pkg =~ $(pkg_regex "$series" "$fl") ]] || continue
			for d in $(ls -1 "$CACHE" | grep -E "$(pkg_regex "$series" "$fl")"); do
				[[ $d == "$pkg" ]] || { log "pruning old $d"; rm -rf "${CACHE:?}/$d"; }
			done
		done
	done
}

# ---- Guest ---------------------------------------------------------------------------

# initramfs: busybox (installed by /init), corebox with a symlink per tool name,
# corebox-rt, the modules and /init. Left uncompressed: the guest unpacks it at once
# (decompressing under TCG costs more than reading a bigger file).
build_initramfs() {
	local kdir=$1 out=$2 root name
	root=$(dirname "$out")/root
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,run,lib/modules/cb}
	cp /bin/busybox "$root/bin/busybox"
	cp "$BUILD/corebox" "$root/bin/corebox"
	# Names of tools and aliases: the first column of `corebox --list`.
	for name in $("$BUILD/corebox" --list | awk '{ print $1 }'); do
		ln -s corebox "$root/bin/$name"
	done
	[[ -e $BUILD/corebox-rt ]] && cp "$BUILD/corebox-rt" "$root/corebox-rt"
	add_dynamic_programs "$root"
	add_modules "$kdir" "$root/lib/modules/cb" || return 1
	cp "$HERE/init.sh" "$root/init"
	chmod 755 "$root/init"
	chmod 1777 "$root/tmp"
	# Name lookups of uid 0 and a plain user for the tools' user columns and the tests.
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
	echo corebox-vm >"$root/etc/hostname"
	(cd "$root" && find . -print0 | cpio --null -o -H newc -R 0:0 --quiet) >"$out" || return 1
	# GNU cpio without its input writes an empty archive without complaint: check.
	[[ $(stat -c %s "$out") -gt 1000000 ]] || { log "initramfs $out is too small"; return 1; }
	rm -rf "$root"
}

# Dynamically linked programs for the uprobe tools to probe (bashreadline wants
# /bin/bash, gethostlatency libc.so.6 and the tests a dynamic getent), copied from the
# host with their libraries and loader at the same paths. Both come with every Debian.
# BUILD_DIR/corebox-rt-thread*, test helpers linked dynamically on purpose (threadsnoop
# symbolizes their thread start routine), go next to /corebox-rt the same way.
DYNAMIC_PROGRAMS="/bin/bash /usr/bin/getent"
add_dynamic_programs() {
	local root=$1 prog
	for prog in $DYNAMIC_PROGRAMS; do
		[[ -x $prog ]] || { log "note: no $prog on this host; its uprobe cases will be skipped"; continue; }
		copy_with_libs "$root" "$prog" "$prog"
	done
	local helper
	for helper in "$BUILD"/corebox-rt-thread*; do
		[[ -x $helper ]] && copy_with_libs "$root" "$helper" "/${helper##*/}"
	done
	# getent's name lookups: from /etc/hosts only (there is no DNS in the guest).
	printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
	printf 'passwd: files\ngroup: files\nhosts: files\n' >"$root/etc/nsswitch.conf"
}

# Copies program SRC to DEST under ROOT, with the libraries and loader ldd names.
copy_with_libs() {
	local root=$1 src=$2 dest=$3 lib
	mkdir -p "$root$(dirname "$dest")"
	cp -L "$src" "$root$dest"
	# ldd lines: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and
	# "/lib64/ld-linux-x86-64.so.2 (0x...)" (the loader).
	for lib in $(ldd "$src" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		[[ -e $root$lib ]] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# Boots one kernel. Serial port 1 (console) goes to SERIES.serial.log; port 2, which
# only /init writes to, to SERIES.results.log. Host facts go to SERIES.meta.
boot() {
	local series=$1 pkg=$2 kdir=$CACHE/$2 work=$BUILD/vm-work/$1 logs=$BUILD/vm-logs
	local append start end rc
	mkdir -p "$work" "$logs"
	rm -f "$logs/$series".*
	if ! build_initramfs "$kdir" "$work/initramfs.cpio"; then
		printf '@@cb host pkg=%s qemu_rc=initramfs-failed wall=0\n' "$pkg" >"$logs/$series.meta"
		return 1
	fi
	# A blank 128 MB disk; the guest makes a file system on it for /var/tmp.
	rm -f "$work/disk.img"
	truncate -s 128M "$work/disk.img"
	# softlockup_panic: a CPU stuck in the kernel for 2 x watchdog_thresh seconds
	# ends the guest at once (panic=-1 + -no-reboot) instead of at the timeout.
	append="console=ttyS0 panic=-1 oops=panic quiet softlockup_panic=1 watchdog_thresh=20"
	# The guest stops corebox-rt itself a little before QEMU is killed, so that a hung
	# case still leaves the marker and the names of the cases that ran.
	append+=" cb_rt_timeout=$((TIMEOUT > 120 ? TIMEOUT - 60 : TIMEOUT / 2))"
	# The kernel gives unknown name=value words of its command line to /init as
	# environment: that is how CI and GTEST_FILTER reach the tests.
	[[ ${CI:-} =~ ^[A-Za-z0-9_.:-]+$ ]] && append+=" CI=$CI"
	[[ ${GTEST_FILTER:-} =~ ^[][A-Za-z0-9_.:*?/-]+$ ]] && append+=" GTEST_FILTER=$GTEST_FILTER"
	# TCG with one host thread for both vCPUs (thread=single), not thread=multi:
	# attaching and detaching BPF programs flips static keys, which the kernel patches
	# with int3 while the other CPU runs that code; QEMU 7.2's multi-threaded TCG then
	# lets a CPU execute a stale int3 (seen: "Oops: int3" in syscall_exit_to_user_mode,
	# and a CPU looping in asm_exc_int3 until the soft-lockup watchdog). With one
	# thread the guest still has 2 CPUs, and two guests use the host's 2 cores.
	log "$series: booting $pkg (initramfs $(($(stat -c %s "$work/initramfs.cpio") / 1048576)) MB)"
	start=$(date +%s.%N)
	timeout -k 10 "$TIMEOUT" qemu-system-x86_64 \
		-accel "tcg,thread=$TCG_THREAD" -cpu max -nodefaults -no-user-config \
		-display none -serial stdio -serial "file:$logs/$series.results.log" \
		-no-reboot -m 1G -smp 2 \
		-drive "file=$work/disk.img,if=virtio,format=raw,cache=unsafe" \
		-kernel "$kdir/root/boot/vmlinuz-$(cat "$kdir/kver")" -initrd "$work/initramfs.cpio" \
		-append "$append" </dev/null >"$logs/$series.serial.log" 2>&1
	rc=$?
	end=$(date +%s.%N)
	printf '@@cb host pkg=%s qemu_rc=%s wall=%.0f\n' "$pkg" "$rc" "$(echo "$end - $start" | awk '{ print $1 - $3 }')" \
		>"$logs/$series.meta"
	log "$series: guest ended (qemu exit $rc) after $(awk '{ sub(/.*wall=/, ""); print }' "$logs/$series.meta") s"
	return 0
}

# ---- Main ----------------------------------------------------------------------------

main() {
	[[ $# == 1 && $1 != -* ]] || usage
	BUILD=$(cd "$1" 2>/dev/null && pwd) || die "no build dir $1"
	check_host
	check_build
	log "build: $BUILD ($RT_MODE); cache: $CACHE; kernels: $KERNELS"

	mkdir -p "$CACHE" || die "cannot create $CACHE"
	local series pkgs=() files=()
	# The cache's lock: shared while kernels are only read (booting), exclusive while
	# one is fetched and older ones pruned, so no run prunes a kernel another boots
	# and runs that need no download do not wait for each other.
	exec 9>"$CACHE/.lock"
	for series in $KERNELS; do
		pick_kernel "$series"
		pkgs+=("$PICKED")
	done
	local need_fetch=0 pkg
	for pkg in "${pkgs[@]}"; do [[ -e $CACHE/$pkg/.ready ]] || need_fetch=1; done
	if ((need_fetch)); then
		flock -n 9 || { log "waiting for other runs to release $CACHE"; flock 9; }
		for pkg in "${pkgs[@]}"; do fetch_kernel "$pkg"; done
	fi
	flock -s -n 9 || { log "waiting for another run's download into $CACHE"; flock -s 9; }
	for pkg in "${pkgs[@]}"; do
		[[ -e $CACHE/$pkg/.ready ]] || die "$CACHE/$pkg went away (pruned by a concurrent run?): run again"
	done
	log "kernels ready: ${pkgs[*]}"

	local i=0
	for series in $KERNELS; do
		boot "$series" "${pkgs[i]}" &
		i=$((i + 1))
		# At most JOBS guests at once.
		while (($(jobs -rp | wc -l) >= JOBS)); do wait -n; done
	done
	wait

	for series in $KERNELS; do
		files+=("$BUILD/vm-logs/$series.meta" "$BUILD/vm-logs/$series.results.log")
		touch "$BUILD/vm-logs/$series.results.log"
	done
	awk -v rtmode="$RT_MODE" -v logdir="$BUILD/vm-logs" -v total="$(($(date +%s) - T0))" \
		-f "$HERE/report.awk" "${files[@]}" >"$BUILD/vm-report.md"
	local verdict=$?
	cat "$BUILD/vm-report.md"
	log "report: $BUILD/vm-report.md; logs: $BUILD/vm-logs/"
	exit $verdict
}

main "$@"
