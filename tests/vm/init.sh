#!/bin/busybox sh
# /init of the corebox test guests (tests/vm/run.sh builds the initramfs around it).
#
# Everything it prints goes to the console (ttyS0, the full serial log, mixed with
# kernel messages) and, through tee, to ttyS1: a second serial port that carries
# nothing else, so the host parses clean lines. Lines the host reads start with
# "@@cb "; the rest is gtest's own output. The last line is the marker
# "@@cb done rc=N" (N: exit code of corebox-rt), then the guest powers off.
#
# Settings come from the kernel command line, which the kernel hands to init as
# environment variables: CI and GTEST_FILTER (passed through from the host) and
# cb_rt_timeout (seconds corebox-rt may run before it is killed here).

/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TMPDIR=/tmp

# One line of the protocol.
say() { echo "@@cb $*"; }

# Seconds since boot, as text with two decimals.
uptime_s() { cut -d' ' -f1 /proc/uptime; }

mount_all() {
	mkdir -p /proc /sys /dev /tmp /run
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev
	mkdir -p /dev/pts /dev/shm
	mount -t devpts devpts /dev/pts
	mount -t tmpfs tmpfs /dev/shm
	mount -t tmpfs tmpfs /run
	mount -t securityfs securityfs /sys/kernel/security # lockdown state
	mount -t debugfs debugfs /sys/kernel/debug
	# debugfs mounts tracefs on /sys/kernel/debug/tracing by itself; libbpf and
	# corebox also look at /sys/kernel/tracing.
	mount -t tracefs tracefs /sys/kernel/tracing
	mount -t bpf bpf /sys/fs/bpf
	mount -t cgroup2 cgroup2 /sys/fs/cgroup
	# The kernel may mount configfs itself once the module is in; mount it after loading.
}

# Loads the modules listed by the host in dependency order (configfs, null_blk).
load_modules() {
	local ok=1 f args
	while read -r f args; do
		[ -n "$f" ] || continue
		if ! insmod "/lib/modules/cb/$f" $args 2>/tmp/insmod.err; then
			say "modules fail insmod $f: $(head -n1 /tmp/insmod.err)"
			ok=0
		fi
	done </lib/modules/cb/load.list
	grep -q configfs /proc/filesystems && mount -t configfs configfs /sys/kernel/config 2>/dev/null
	# null_blk adds its disk while loading, devtmpfs makes the node: wait a little anyway.
	local i=0
	while [ ! -b /dev/nullb0 ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -b /dev/nullb0 ] || { say "modules fail no /dev/nullb0"; ok=0; }
	# The virtio disk: a real device with interrupts, and a file system on a block
	# device for the tests' O_DIRECT I/O (they look at /var/tmp after their tmpfs /tmp).
	i=0
	while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	mkdir -p /var/tmp
	if [ ! -b /dev/vda ]; then
		say "modules fail no /dev/vda"
		ok=0
	elif ! mke2fs -F /dev/vda >/tmp/mkfs.err 2>&1 || ! mount -t ext4 /dev/vda /var/tmp 2>>/tmp/mkfs.err; then
		say "modules fail /dev/vda: $(tail -n1 /tmp/mkfs.err)"
		ok=0
	else
		chmod 1777 /var/tmp
	fi
	[ $ok = 1 ] && say "modules ok /dev/nullb0, /dev/vda on /var/tmp"
}

# Real tools: the first column of `corebox --list`, without the aliases ("(tool)").
tools() { corebox --list | awk '$2 !~ /^\(/ { print $1 }'; }

report_features() {
	corebox features 2>&1 | while IFS= read -r line; do say "feature $line"; done
}

# True once process $1 holds a BPF link (it has attached), false if it is gone.
# Waits at most $2 tenths of a second.
wait_attached() {
	local pid=$1 n=0
	while [ $n -lt "$2" ]; do
		[ -d /proc/$pid ] || return 1
		ls -l /proc/$pid/fd 2>/dev/null | grep -q bpf_link && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# Sends SIGTERM to $1 and collects its exit code in $stop_rc; SIGKILL (rc 137) if it
# is still there 10 s later, so a tool that ignores the signal cannot hang the guest.
stop_tool() {
	local pid=$1 n=0
	kill -TERM "$pid" 2>/dev/null
	while [ -d /proc/$pid ] && [ $n -lt 100 ] && ! grep -q '^State:.*Z' /proc/$pid/status 2>/dev/null; do
		sleep 0.1
		n=$((n + 1))
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid"
	stop_rc=$?
}

# For each tool: the hook variant it picks here. `-v` makes the tool print
# "TOOL: hook GROUP: SECTION" on stderr for every variant group; a tool without
# groups prints none ("default"). The tool runs until it holds its BPF links, 0.3 s
# more, then gets SIGTERM (not SIGINT: background jobs of a non-interactive shell
# ignore it) and must exit 0. Not `-d 0.3`: -d is not the duration option of every
# tool (histogram tools take interval and count, mountsnoop's -d is --detailed).
# Exit code 2 is a usage error: the tool needs arguments; recorded as such.
report_hooks() {
	local t rc pid
	for t in $(tools); do
		say "tool $t"
		corebox "$t" -v >/dev/null 2>/tmp/hook.err &
		pid=$!
		# Load and attach take a few seconds under TCG: allow 30.
		wait_attached $pid 300 && sleep 0.3
		stop_tool $pid
		rc=$stop_rc
		if [ $rc = 0 ]; then
			if grep -q "^$t: hook " /tmp/hook.err; then
				grep "^$t: hook " /tmp/hook.err | while IFS= read -r line; do
					say "hook $t ${line#"$t: hook "}"
				done
			else
				say "hook $t default"
			fi
		elif [ $rc = 2 ]; then
			say "hookargs $t $(grep -v '^libbpf: ' /tmp/hook.err | tail -n1)"
		else
			say "hookerr $t rc=$rc $(grep -v '^libbpf: ' /tmp/hook.err | tail -n1)"
			# The end of libbpf's log (the verifier's verdict) for the report.
			grep -v "^$t: hook " /tmp/hook.err | tail -n 15 | while IFS= read -r line; do
				say "hooklog $t $line"
			done
		fi
	done
}

# The BTF-less case: hide the kernel's BTF; opensnoop must refuse with one line
# naming the problem, and work with --btf on a copy. Two ways to hide it:
#   empty:  an empty file bind-mounted over /sys/kernel/btf/vmlinux
#   absent: an empty tmpfs over /sys/kernel/btf, as on a kernel built without BTF
hide_btf() {
	case $1 in
	empty)
		: >/tmp/empty
		mount --bind /tmp/empty /sys/kernel/btf/vmlinux
		;;
	absent) mount -t tmpfs -o size=64k nobtf /sys/kernel/btf ;;
	esac
}

unhide_btf() {
	case $1 in
	empty) umount /sys/kernel/btf/vmlinux ;;
	absent) umount /sys/kernel/btf ;;
	esac
}

# corebox keeps a per-boot cache of BTF subsets in /run/corebox, filled by the runs
# before this one. A kernel without BTF never has one: hide it as well.
btf_case() {
	local how=$1 why="" rc lines
	[ -s /tmp/vmlinux.btf ] || cp /sys/kernel/btf/vmlinux /tmp/vmlinux.btf ||
		why="cannot copy /sys/kernel/btf/vmlinux"
	mkdir -p /run/corebox
	mount -t tmpfs -o size=16m nocache /run/corebox
	if [ -z "$why" ] && ! hide_btf "$how"; then
		why="cannot hide /sys/kernel/btf/vmlinux"
	fi
	if [ -z "$why" ]; then
		corebox opensnoop -d 1 >/tmp/btf1.out 2>/tmp/btf1.err
		rc=$?
		lines=$(wc -l </tmp/btf1.err)
		if [ $rc = 0 ]; then
			why="without BTF: exit 0, expected an error"
		elif [ "$lines" != 1 ]; then
			why="without BTF: exit $rc, stderr has $lines lines, expected 1: $(head -c 300 /tmp/btf1.err | tr '\n' '|')"
		elif ! grep -q "no kernel BTF" /tmp/btf1.err; then
			why="without BTF: exit $rc, stderr lacks 'no kernel BTF': $(cat /tmp/btf1.err)"
		fi
		say "btfmsg $how exit $rc: $(head -n1 /tmp/btf1.err)"
		# Something to see while it runs; the check is the header and the exit code.
		(for i in 1 2 3 4 5 6 7 8 9 10; do cat /etc/passwd >/dev/null; sleep 0.1; done) &
		corebox opensnoop --btf /tmp/vmlinux.btf -d 1 >/tmp/btf2.out 2>/tmp/btf2.err
		rc=$?
		wait
		if [ $rc != 0 ]; then
			why="${why:+$why; }with --btf: exit $rc: $(head -n3 /tmp/btf2.err | tr '\n' '|')"
		elif ! grep -q '^PID' /tmp/btf2.out; then
			why="${why:+$why; }with --btf: no header line starting with PID"
		fi
		unhide_btf "$how"
	fi
	if [ ! -s /sys/kernel/btf/vmlinux ]; then
		why="${why:+$why; }/sys/kernel/btf/vmlinux still hidden afterwards"
	fi
	umount /run/corebox
	if [ -z "$why" ]; then say "btf $how pass"; else say "btf $how fail $why"; fi
}

# Until corebox-rt exists: one case per tool in gtest's output format, so the host
# parses both the same way. Each tool runs until attached, then 1 s while a script is
# opened and exec'd, then gets SIGTERM and must exit 0; opensnoop and execsnoop must
# show the script. (Not -d: it is not the duration option of every tool.)
smoke_tests() {
	local t suite pid t0 ms result
	printf '#!/bin/sh\n:\n' >/bin/cb-smoke
	chmod 755 /bin/cb-smoke
	for t in $(tools); do
		suite=$(echo "$t" | awk '{ print toupper(substr($0, 1, 1)) substr($0, 2) }')
		echo "[ RUN      ] $suite.Smoke"
		t0=$(uptime_s)
		"$t" >/tmp/smoke.out 2>/tmp/smoke.err &
		pid=$!
		if wait_attached $pid 300; then
			for i in 1 2 3 4 5 6 7 8 9 10; do
				/bin/cb-smoke
				sh /bin/cb-smoke
				sleep 0.1
			done
		fi
		stop_tool $pid
		ms=$(awk -v a="$t0" -v b="$(uptime_s)" 'BEGIN { printf "%d", (b - a) * 1000 }')
		result=OK
		if [ $stop_rc = 2 ]; then
			echo "smoke: Skipped"
			echo "needs arguments: $(tail -n1 /tmp/smoke.err)"
			result=SKIPPED
		elif [ $stop_rc != 0 ]; then
			echo "smoke: Failure"
			echo "exit $stop_rc: $(tail -n3 /tmp/smoke.err)"
			result=FAILED
		elif [ "$t" = opensnoop ] && ! grep -q /bin/cb-smoke /tmp/smoke.out; then
			echo "smoke: Failure"
			echo "no open of /bin/cb-smoke in the output"
			result=FAILED
		elif [ "$t" = execsnoop ] && ! grep -q cb-smoke /tmp/smoke.out; then
			echo "smoke: Failure"
			echo "no exec of /bin/cb-smoke in the output"
			result=FAILED
		fi
		case $result in
		OK) echo "[       OK ] $suite.Smoke ($ms ms)" ;;
		FAILED) echo "[  FAILED  ] $suite.Smoke ($ms ms)" ;;
		SKIPPED) echo "[  SKIPPED ] $suite.Smoke ($ms ms)" ;;
		esac
		[ $result = FAILED ] && smoke_rc=1
	done
	return $smoke_rc
}

run_tests() {
	local rc
	if [ -x /corebox-rt ]; then
		say "rt gtest"
		# busybox timeout: the marker still comes if a case hangs; the host's own
		# timeout on QEMU is the backstop.
		COREBOX=/bin/corebox timeout -s KILL "${cb_rt_timeout:-400}" \
			/corebox-rt --gtest_brief=0 --gtest_color=no
		rc=$?
	else
		say "rt smoke (no corebox-rt in the build dir)"
		smoke_rc=0
		smoke_tests
		rc=$?
	fi
	echo "$rc" >/tmp/rt.rc
}

main() {
	# `quiet` keeps the boot short; from here on let warnings and the stack dumps of
	# soft lockups and oopses (default log level) reach the serial log.
	echo 5 >/proc/sys/kernel/printk
	say "begin uptime=$(uptime_s)"
	say "uname $(uname -r)"
	say "env CI=${CI:-} GTEST_FILTER=${GTEST_FILTER:-}"
	ip link set lo up
	load_modules
	report_features
	report_hooks
	btf_case empty
	btf_case absent
	run_tests
	say "end uptime=$(uptime_s)"
	say "done rc=$(cat /tmp/rt.rc 2>/dev/null || echo 255)"
}

mount_all
main 2>&1 | tee /dev/ttyS1
sync
poweroff -f
