# Turns the guests' result channels into BUILD_DIR/vm-report.md (on stdout).
# Input, per kernel series S in boot order: S.meta (host facts) then S.results.log
# (what the guest's /init wrote to its second serial port: "@@cb " lines and gtest's
# output). Exit status: 0 if every kernel reached its marker and nothing failed.
# Plain POSIX awk: Debian's default awk is mawk.
#
# -v rtmode=TEXT  what ran the cases (corebox-rt or the smoke stand-in)
# -v logdir=DIR   where the logs are (named in the report)
# -v total=SECS   wall time of the whole harness so far

function label_of(path, b) {
	b = path
	sub(/.*\//, "", b)
	sub(/\.(meta|results\.log)$/, "", b)
	return b
}

# gtest case "Prefix/Suite.Name/3" -> row "suite"; a parameterized case whose
# parameter is a tool ("Common/AnyTool.HelpListsOptions/opensnoop") -> that tool.
function tool_of(name, s, p) {
	p = name
	if (sub(/^[^.]*\.[^\/]*\//, "", p) && (cur, p) in tools) return p
	s = name
	sub(/\..*/, "", s)
	sub(/.*\//, "", s)
	return tolower(s)
}

function add_row(t) {
	if (!(t in is_row)) {
		is_row[t] = 1
		rows[++nrows] = t
	}
}

function add_kernel(k) {
	if (!(k in is_kernel)) {
		is_kernel[k] = 1
		kernels[++nk] = k
	}
}

# Markdown table cells must not hold a bar or a newline.
function cell(s) {
	gsub(/\|/, "\\|", s)
	return s
}

# Prints the last n lines of a file.
function tail_of(path, n, line, buf, count, i) {
	count = 0
	while ((getline line < path) > 0) {
		sub(/\r$/, "", line)
		buf[count % n] = line
		count++
	}
	close(path)
	for (i = (count > n ? count - n : 0); i < count; i++) print buf[i % n]
}

# Kernel messages worth a look in a serial log (also when every case passed).
function kernel_trouble(path, k, line) {
	while ((getline line < path) > 0) {
		sub(/\r$/, "", line)
		# (Not "Call Trace": the OOM killer's report has one, and oomkill's cases cause it.)
		if (line ~ /(BUG:|WARNING:|Oops|soft lockup|detected stalls|Kernel panic|general protection|blocked for more than)/)
			trouble[k, ++ntrouble[k]] = line
	}
	close(path)
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function finish_case(k, status, name, t) {
	t = tool_of(name)
	add_row(t)
	ncase[k]++
	if (status == "OK") npass[k, t]++
	else if (status == "SKIPPED") {
		nskip[k, t]++
		skipped[k, ++nskipped[k]] = name ": " (skipwhy == "" ? "(no reason given)" : skipwhy)
		if (!((k, t) in firstskip)) firstskip[k, t] = skipwhy
	} else {
		nfail[k, t]++
		failed[k, ++nfailed[k]] = name (status == "FAILED" ? "" : " (" status ")")
		failtext[k, nfailed[k]] = runbuf
	}
	running = ""
	runbuf = ""
}

# A file ended, or a new one began: a case still running has crashed or hung.
function end_file() {
	if (running != "") finish_case(cur, "did not finish: crash or timeout", running)
	running = ""
}

FNR == 1 {
	end_file()
	cur = label_of(FILENAME)
	add_kernel(cur)
	want_reason = ""
}

{ sub(/\r$/, "") }

# ---- host facts ------------------------------------------------------------------------
/^@@cb host / {
	for (i = 3; i <= NF; i++) {
		split($i, kv, "=")
		host[cur, kv[1]] = kv[2]
	}
	next
}

# ---- the guest's protocol lines ------------------------------------------------------
/^@@cb begin / { sub(/.*uptime=/, ""); up_begin[cur] = $0; next }
/^@@cb end / { sub(/.*uptime=/, ""); up_end[cur] = $0; next }
/^@@cb uname / { uname[cur] = $3; next }
/^@@cb done rc=/ { sub(/.*rc=/, ""); marker[cur] = $0; next }
/^@@cb rt / { sub(/^@@cb rt /, ""); rt[cur] = $0; next }
/^@@cb modules / {
	sub(/^@@cb modules /, "")
	if ($1 == "ok") { if (!((cur) in modules)) modules[cur] = $0 }
	else modules[cur] = (modules[cur] == "" || modules[cur] == "ok" ? "" : modules[cur] "; ") $0
	next
}
/^@@cb feature / {
	name = $3
	if (name == "") next
	if (!(name in is_feat)) { is_feat[name] = 1; feats[++nfeats] = name }
	val = $4
	detail = ""
	for (i = 5; i <= NF; i++) detail = detail (detail == "" ? "" : " ") $i
	feat[cur, name] = (val == "yes" || detail == "") ? val : val " (" detail ")"
	next
}
/^@@cb tool / { add_row($3); tools[cur, $3] = 1; next }
/^@@cb hook / {
	t = $3
	s = $0
	sub(/^@@cb hook [^ ]+ /, "", s)
	# (mawk creates the left side's element before it evaluates the right side.)
	if ((cur, t) in hook) s = hook[cur, t] ", " s
	hook[cur, t] = s
	next
}
/^@@cb hookargs / {
	t = $3; s = $0; sub(/^@@cb hookargs [^ ]+ /, "", s)
	hook[cur, t] = "needs arguments"
	hookargs[cur, ++nhookargs[cur]] = t ": " s
	next
}
/^@@cb hookerr / {
	t = $3; s = $0; sub(/^@@cb hookerr [^ ]+ /, "", s)
	hook[cur, t] = "ERROR"
	nhookerrs++
	hookerr[cur, ++nhookerr[cur]] = t ": " s
	next
}
/^@@cb hooklog / {
	t = $3; s = $0; sub(/^@@cb hooklog [^ ]+ /, "", s)
	hooklog[cur, t] = hooklog[cur, t] s "\n"
	next
}
/^@@cb btfmsg / {
	how = $3
	s = $0
	sub(/^@@cb btfmsg [^ ]+ /, "", s)
	btfmsg[cur, how] = s
	next
}
/^@@cb btf / {
	how = $3
	if (!(how in is_btfhow)) { is_btfhow[how] = 1; btfhows[++nbtfhow] = how }
	btf[cur, how] = $4
	s = $0
	sub(/^@@cb btf [^ ]+ [^ ]+ ?/, "", s)
	btfwhy[cur, how] = s
	next
}
/^@@cb / { next }

# ---- gtest's output ----------------------------------------------------------------------
# Per case: "[ RUN      ] S.N", its output, then "[       OK ] S.N (12 ms)" or FAILED or
# SKIPPED. A skip's reason is the line after "file:line: Skipped".
$1 == "[" && $2 == "RUN" && $3 == "]" {
	end_file()
	running = $4
	runbuf = ""
	runlines = 0
	skipwhy = ""
	want_reason = ""
	next
}
$1 == "[" && ($2 == "OK" || $2 == "FAILED" || $2 == "SKIPPED") && $3 == "]" && $NF == "ms)" && running != "" {
	name = $4
	sub(/,$/, "", name)
	if (name == running) {
		finish_case(cur, $2, name)
		next
	}
}
running != "" {
	if (want_reason == "skip" && trim($0) != "") { skipwhy = trim($0); want_reason = "" }
	if ($0 ~ /: Skipped$/) want_reason = "skip"
	# The report shows the first 30 lines of a failed case's output; the log has it all.
	if (++runlines <= 30) runbuf = runbuf $0 "\n"
	else if (runlines == 31) runbuf = runbuf "[... more in the serial log]\n"
}

END {
	end_file()
	bad = 0
	passes = 0
	fails = 0
	skips = 0

	print "# corebox kernel matrix"
	print ""
	printf "Cases: %s. Whole run: %s s. Logs: %s/.\n\n", rtmode, total, logdir

	# Header: one column per kernel.
	line = "| |"
	sep = "|---|"
	for (i = 1; i <= nk; i++) { line = line " " kernels[i] " |"; sep = sep "---|" }
	print line
	print sep

	line = "| kernel |"
	for (i = 1; i <= nk; i++) line = line " " (uname[kernels[i]] == "" ? "?" : uname[kernels[i]]) " |"
	print line
	line = "| package |"
	for (i = 1; i <= nk; i++) line = line " " host[kernels[i], "pkg"] " |"
	print line

	# Guest status: reached the marker? how long?
	line = "| guest |"
	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		if (k in marker) {
			s = "marker rc=" marker[k]
			if (marker[k] != "0") {
				bad = 1
				# A non-zero exit without a failed case (gtest died early): count it.
				if (nfailed[k] == 0) fails++
			}
		} else {
			s = "**NO MARKER** (qemu exit " host[k, "qemu_rc"] (host[k, "qemu_rc"] == "124" || host[k, "qemu_rc"] == "137" ? ": timeout" : "") ")"
			bad = 1
			fails++
		}
		s = s ", " host[k, "wall"] " s"
		if (up_begin[k] != "") s = s " (init at " int(up_begin[k] + 0.5) " s)"
		line = line " " s " |"
	}
	print line

	line = "| devices |"
	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		s = modules[k]
		if (s == "") s = "?"
		if (s !~ /^ok/) { bad = 1; fails++; s = "**FAIL** " s }
		line = line " " cell(s) " |"
	}
	print line

	line = "| cases |"
	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		p = 0; f = 0; sk = 0
		for (r = 1; r <= nrows; r++) { p += npass[k, rows[r]]; f += nfail[k, rows[r]]; sk += nskip[k, rows[r]] }
		passes += p; fails += f; skips += sk
		if (f > 0) bad = 1
		line = line " " p " passed, " f " failed, " sk " n.a. |"
	}
	print line

	# One row per tool (and per extra gtest suite): result + hook variant.
	for (r = 1; r <= nrows; r++) {
		t = rows[r]
		line = "| " t " |"
		for (i = 1; i <= nk; i++) {
			k = kernels[i]
			p = npass[k, t] + 0; f = nfail[k, t] + 0; sk = nskip[k, t] + 0
			if (f > 0) s = "**FAIL** " f "/" (p + f + sk)
			else if (p > 0) s = "pass " p (sk > 0 ? " (+" sk " n.a.)" : "")
			else if (sk > 0) s = "n.a.: " firstskip[k, t]
			else if ((k, t) in tools) s = "no cases"
			else s = "-"
			if ((k, t) in hook) {
				s = s " · hook " hook[k, t]
				if (hook[k, t] == "ERROR") bad = 1
			}
			line = line " " cell(s) " |"
		}
		print line
	}

	# The BTF-less cases: "empty" must exist; "absent" is reported when the guest ran it.
	if (!("empty" in is_btfhow)) { is_btfhow["empty"] = 1; btfhows[++nbtfhow] = "empty" }
	for (b = 1; b <= nbtfhow; b++) {
		how = btfhows[b]
		line = "| BTF-less (" (how == "empty" ? "empty file" : how == "absent" ? "no file" : how) ") |"
		for (i = 1; i <= nk; i++) {
			k = kernels[i]
			if (btf[k, how] == "pass") { s = "pass"; passes++ }
			else if (btf[k, how] == "fail") { s = "**FAIL** " btfwhy[k, how]; bad = 1; fails++ }
			else { s = "not run"; bad = 1; fails++ }
			line = line " " cell(s) " |"
		}
		print line
	}
	print ""
	print "Cells: pass N = cases passed; n.a. = gtest SKIPPED (reason); hook = the variant `TOOL -v` chose"
	print "for each of its hook groups (GROUP: SECTION), or default for a tool without variants."
	print "BTF-less: /sys/kernel/btf/vmlinux hidden by an empty file bind-mounted over it (empty file), or by"
	print "a tmpfs over /sys/kernel/btf (no file); `opensnoop -d 1` must then fail with one stderr line"
	print "containing \"no kernel BTF\", and `opensnoop --btf COPY -d 1` must work (exit 0, PID header)."

	# Problems first, then the details.
	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		kernel_trouble(logdir "/" k ".serial.log", k)
		if (nfailed[k] + nhookerr[k] + ntrouble[k] == 0 && (k in marker)) continue
		print ""
		print "## Problems on " k
		if (!(k in marker)) {
			printf "- the guest did not reach the marker; the end of %s/%s.serial.log:\n\n", logdir, k
			print "```"
			tail_of(logdir "/" k ".serial.log", 40)
			print "```"
		}
		for (j = 1; j <= nhookerr[k]; j++) {
			print "- hook probe (`TOOL -v`, stopped by SIGTERM once attached) failed: " hookerr[k, j]
			t = hookerr[k, j]
			sub(/:.*/, "", t)
			if ((k, t) in hooklog) {
				print ""
				print "```"
				printf "%s", hooklog[k, t]
				print "```"
			}
		}
		if (ntrouble[k] > 0) {
			printf "- the kernel complained (%d lines in %s.serial.log; first ones):\n\n", ntrouble[k], k
			print "```"
			for (j = 1; j <= ntrouble[k] && j <= 6; j++) print trouble[k, j]
			print "```"
		}
		for (j = 1; j <= nfailed[k]; j++) {
			print "- case failed: " failed[k, j]
			print ""
			print "```"
			printf "%s", (failtext[k, j] == "" ? "(no output)\n" : failtext[k, j])
			print "```"
		}
	}

	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		if (nhookargs[k] == 0) continue
		print ""
		print "## Tools that need arguments to start on " k " (no hook probe)"
		for (j = 1; j <= nhookargs[k]; j++) print "- " hookargs[k, j]
	}

	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		if (nskipped[k] == 0) continue
		print ""
		print "## Not applicable on " k
		for (j = 1; j <= nskipped[k]; j++) print "- " skipped[k, j]
	}

	if (nfeats > 0) {
		print ""
		print "## corebox features"
		print ""
		line = "| feature |"
		sep = "|---|"
		for (i = 1; i <= nk; i++) { line = line " " kernels[i] " |"; sep = sep "---|" }
		print line
		print sep
		for (f = 1; f <= nfeats; f++) {
			line = "| " feats[f] " |"
			for (i = 1; i <= nk; i++) line = line " " cell(feat[kernels[i], feats[f]]) " |"
			print line
		}
	}

	print ""
	print "## What opensnoop said without BTF"
	print ""
	for (i = 1; i <= nk; i++)
		for (b = 1; b <= nbtfhow; b++)
			if ((kernels[i], btfhows[b]) in btfmsg)
				printf "- BTF hidden (%s) on %s: `%s`\n", btfhows[b], kernels[i], btfmsg[kernels[i], btfhows[b]]
	print ""
	printf "vm: %d passed, %d failed, %d skipped\n", passes, fails + nhookerrs, skips
	print "RESULT: " (bad ? "FAIL" : "PASS")
	exit bad
}
