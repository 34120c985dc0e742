// Each tool's rendering on synthetic events and interval entries, in text and JSON,
// against goldens: the output the tools print today for such events (the runtime tests
// check the same layouts against the live kernel). Fixed times, TZ=UTC.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bashreadline/bashreadline_render.h"
#include "biolatency/biolatency_render.h"
#include "biopattern/biopattern_render.h"
#include "bitesize/bitesize_render.h"
#include "capture.h"
#include "cpudist/cpudist_render.h"
#include "execsnoop/execsnoop_render.h"
#include "exitsnoop/exitsnoop_render.h"
#include "filelife/filelife_render.h"
#include "gethostlatency/gethostlatency_render.h"
#include "hardirqs/hardirqs_render.h"
#include "mountsnoop/mountsnoop_render.h"
#include "oomkill/oomkill_render.h"
#include "opensnoop/opensnoop_render.h"
#include "runqlat/runqlat_render.h"
#include "runqlen/runqlen_render.h"
#include "runqslower/runqslower_render.h"
#include "sigsnoop/sigsnoop_render.h"
#include "softirqs/softirqs_render.h"
#include "statsnoop/statsnoop_render.h"
#include "syncsnoop/syncsnoop_render.h"
#include "syscount/syscount_render.h"
#include "threadsnoop/threadsnoop_render.h"

namespace tools = corebox::tools;
using corebox::output::Column;
using corebox::output::Format;
using corebox::output::Layout;
using corebox::output::Sink;
using corebox::output::Table;
using corebox::output::Writer;
using corebox::runtime::EventClock;

namespace {

// The session started at monotonic 5 s; monotonic 0 is wall-clock 1699999995, so an
// event at monotonic 7.25 s is at 1700000002.25 (2023-11-14 22:13:22 UTC), 2.250 s in.
constexpr EventClock kClock{.mono_to_wall_s = 1699999995.0, .start_mono_ns = 5e9};
constexpr uint64_t kEventNs = 7'250'000'000;
// An interval taken at 22:13:30.5 UTC.
constexpr double kNow = 1700000010.5;

class ToolRender : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};

template <std::size_t N>
void set(char (&dst)[N], std::string_view s) {
  std::memset(dst, 0, N);
  std::memcpy(dst, s.data(), std::min(s.size(), N - 1));
}

struct Out {
  std::string text, json;
};

Out render(const std::function<void(Sink&)>& fn) {
  Out o;
  for (Format f : {Format::Text, Format::Json}) {
    (f == Format::Text ? o.text : o.json) = capture([&](Writer& w) {
      auto sink = corebox::output::make_sink(f, w);
      fn(*sink);
    });
  }
  return o;
}

// An event tool: its table's header, then the rows `fn` adds.
Out rows(std::vector<Column> columns, const std::function<void(Table&)>& fn, Layout layout = Layout::Columns) {
  return render([&](Sink& s) {
    Table t(s, columns, {}, layout);
    t.header();
    fn(t);
  });
}

// The goldens; every JSON line also parses as a JSON object.
void expect(const Out& o, std::string_view text, std::string_view json) {
  EXPECT_EQ(o.text, text);
  EXPECT_EQ(o.json, json);
  std::size_t start = 0;
  for (std::size_t end; (end = o.json.find('\n', start)) != std::string::npos; start = end + 1) {
    const std::string line = o.json.substr(start, end - start);
    EXPECT_NO_THROW({
      const auto j = nlohmann::json::parse(line);
      EXPECT_TRUE(j.is_object()) << line;
    }) << line;
  }
  EXPECT_EQ(start, o.json.size()) << "JSON output ends with a newline";
}

// A tool's options with one flag set.
template <class O>
O with(bool O::*flag) {
  O o{};
  o.*flag = true;
  return o;
}

cb_hist hist(std::initializer_list<std::pair<int, uint32_t>> slots, std::string_view comm = {}) {
  cb_hist h{};
  for (auto [i, n] : slots) h.slots[i] = n;
  set(h.comm, comm);
  return h;
}

// ---- event tools ----

opensnoop_event open_event(int ret, std::string_view path) {
  opensnoop_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 1234;
  e.tid = 1235;
  e.uid = 1000;
  e.ret = ret;
  e.flags = 0101;  // O_WRONLY|O_CREAT
  e.mode = 0644;
  set(e.comm, "cat");
  set(e.path, path);
  e.path_len = static_cast<uint32_t>(path.size() + 1);
  return e;
}
constexpr std::size_t open_size(std::string_view path) { return offsetof(opensnoop_event, path) + path.size() + 1; }

TEST_F(ToolRender, Opensnoop) {
  const tools::opensnoop::Options plain{};
  expect(rows(tools::opensnoop::columns(plain),
              [](Table& t) {
                tools::opensnoop::row(t, open_event(3, "/etc/passwd"), open_size("/etc/passwd"), kClock);
                tools::opensnoop::row(t, open_event(-2, "/nonexistent"), open_size("/nonexistent"), kClock);
              }),
         R"G(PID     COMM              FD ERR PATH
1234    cat                3   0 /etc/passwd
1234    cat               -1   2 /nonexistent
)G", R"G({"ts":1700000002.250000,"uid":1000,"pid":1234,"tid":1235,"comm":"cat","fd":3,"err":0,"flags":65,"mode":420,"path":"/etc/passwd","truncated":false}
{"ts":1700000002.250000,"uid":1000,"pid":1234,"tid":1235,"comm":"cat","fd":-1,"err":2,"flags":65,"mode":420,"path":"/nonexistent","truncated":false}
)G");
  // -T -U -e, and a path cut to fit the event.
  tools::opensnoop::Options all{};
  all.timestamp = all.print_uid = all.extended = true;
  auto cut = open_event(4, "/very/long/path");
  cut.truncated = 1;
  expect(rows(tools::opensnoop::columns(all),
              [&](Table& t) { tools::opensnoop::row(t, cut, open_size("/very/long/path"), kClock); }),
         R"G(TIME     UID     PID     COMM              FD ERR FLAGS    PATH
22:13:22 1000    1234    cat                4   0 00000101 /very/long/path...
)G", R"G({"ts":1700000002.250000,"uid":1000,"pid":1234,"tid":1235,"comm":"cat","fd":4,"err":0,"flags":65,"mode":420,"path":"/very/long/path","truncated":true}
)G");
}

// Arguments as the BPF side packs them: each NUL-terminated.
execsnoop_event exec_event(std::initializer_list<std::string_view> args, bool truncated = false) {
  execsnoop_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 4242;
  e.ppid = 4200;
  e.uid = 1000;
  e.ret = 0;
  set(e.comm, "bash");
  std::size_t off = 0;
  for (auto a : args) {
    std::memcpy(e.args + off, a.data(), a.size());
    off += a.size() + 1;
    e.args_count++;
  }
  e.args_size = static_cast<uint32_t>(off);
  e.truncated = truncated;
  return e;
}

TEST_F(ToolRender, Execsnoop) {
  const auto ls = exec_event({"/bin/ls", "-l", "a \"b\""});
  const std::size_t size = sizeof(execsnoop_event);
  const tools::execsnoop::Options plain{};
  expect(rows(tools::execsnoop::columns(plain), [&](Table& t) { tools::execsnoop::row(t, plain, ls, size, kClock); }),
         R"G(PCOMM            PID     PPID    RET ARGS
bash             4242    4200      0 /bin/ls -l a "b"
)G", R"G({"ts":1700000002.250000,"uid":1000,"pcomm":"bash","pid":4242,"ppid":4200,"ret":0,"args":"/bin/ls -l a \"b\"","truncated":false}
)G");
  // -q -T -t -U, a truncated argument list, a failed exec.
  tools::execsnoop::Options all{};
  all.quote = all.time = all.timestamp = all.print_uid = true;
  auto failed = exec_event({"/nonexistent", "x"}, true);
  failed.ret = -2;
  expect(rows(tools::execsnoop::columns(all),
              [&](Table& t) {
                tools::execsnoop::row(t, all, ls, size, kClock);
                tools::execsnoop::row(t, all, failed, size, kClock);
              }),
         R"G(TIME     TIME(s)  UID    PCOMM            PID     PPID    RET ARGS
22:13:22 2.250    1000   bash             4242    4200      0 "/bin/ls" "-l" "a \"b\""
22:13:22 2.250    1000   bash             4242    4200     -2 "/nonexistent" "x" ...
)G", R"G({"ts":1700000002.250000,"uid":1000,"pcomm":"bash","pid":4242,"ppid":4200,"ret":0,"args":"\"/bin/ls\" \"-l\" \"a \\\"b\\\"\"","truncated":false}
{"ts":1700000002.250000,"uid":1000,"pcomm":"bash","pid":4242,"ppid":4200,"ret":-2,"args":"\"/nonexistent\" \"x\" ...","truncated":true}
)G");
  // -l: only arguments containing the text.
  tools::execsnoop::Options line{};
  line.line = "-l";
  expect(rows(tools::execsnoop::columns(line),
              [&](Table& t) {
                tools::execsnoop::row(t, line, ls, size, kClock);
                tools::execsnoop::row(t, line, failed, size, kClock);
              }),
         R"G(PCOMM            PID     PPID    RET ARGS
bash             4242    4200      0 /bin/ls -l a "b"
)G", R"G({"ts":1700000002.250000,"uid":1000,"pcomm":"bash","pid":4242,"ppid":4200,"ret":0,"args":"/bin/ls -l a \"b\"","truncated":false}
)G");
}

exitsnoop_event exit_event(uint32_t status) {
  exitsnoop_event e{};
  e.ts_ns = kEventNs;
  e.age_ns = 1'500'000'000;
  e.tgid = 300;
  e.tid = 301;
  e.ppid = 1;
  e.exit_code = status;
  set(e.comm, "worker");
  return e;
}

TEST_F(ToolRender, Exitsnoop) {
  const tools::exitsnoop::Options plain{};
  expect(rows(tools::exitsnoop::columns(plain),
              [](Table& t) {
                tools::exitsnoop::row(t, exit_event(0), kClock);
                tools::exitsnoop::row(t, exit_event(3 << 8), kClock);
              }),
         R"G(PCOMM            PID     PPID    TID       AGE(s) EXIT_CODE
worker           300     1       301        1.500 0
worker           300     1       301        1.500 code 3
)G", R"G({"ts":1700000002.250000,"comm":"worker","pid":300,"ppid":1,"tid":301,"age_s":1.500,"status":"0","exit_code":0,"signal":0,"signal_name":"","core_dump":false}
{"ts":1700000002.250000,"comm":"worker","pid":300,"ppid":1,"tid":301,"age_s":1.500,"status":"code 3","exit_code":3,"signal":0,"signal_name":"","core_dump":false}
)G");
  // -T -t; signals, with and without a core dump.
  tools::exitsnoop::Options times{};
  times.time = times.timestamp = true;
  expect(rows(tools::exitsnoop::columns(times),
              [](Table& t) {
                tools::exitsnoop::row(t, exit_event(SIGKILL), kClock);
                tools::exitsnoop::row(t, exit_event(SIGSEGV | 0x80), kClock);
              }),
         R"G(TIME     TIME(s)  PCOMM            PID     PPID    TID       AGE(s) EXIT_CODE
22:13:22 2.250    worker           300     1       301        1.500 signal 9 (KILL)
22:13:22 2.250    worker           300     1       301        1.500 signal 11 (SEGV), core dumped
)G", R"G({"ts":1700000002.250000,"comm":"worker","pid":300,"ppid":1,"tid":301,"age_s":1.500,"status":"signal 9 (KILL)","exit_code":0,"signal":9,"signal_name":"KILL","core_dump":false}
{"ts":1700000002.250000,"comm":"worker","pid":300,"ppid":1,"tid":301,"age_s":1.500,"status":"signal 11 (SEGV), core dumped","exit_code":0,"signal":11,"signal_name":"SEGV","core_dump":true}
)G");
}

sigsnoop_event sig_event(int sig, int ret, uint32_t source, uint32_t nr) {
  sigsnoop_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 500;
  e.tid = 501;
  e.tpid = 600;
  e.sig = sig;
  e.ret = ret;
  e.source = source;
  e.syscall_nr = nr;
  set(e.comm, "kill");
  set(e.tcomm, source == SIGSNOOP_GENERATED ? "sleep" : "");
  return e;
}

TEST_F(ToolRender, Sigsnoop) {
  const auto generated = sig_event(SIGTERM, 0, SIGSNOOP_GENERATED, 0);
  const auto failed_kill = sig_event(SIGKILL, -ESRCH, SIGSNOOP_SYSCALL, 62);
  const auto tgkill = sig_event(SIGUSR1, 0, SIGSNOOP_SYSCALL, 234);
  const auto render_with = [&](const tools::sigsnoop::Options& o) {
    return rows(tools::sigsnoop::columns(), [&](Table& t) {
      tools::sigsnoop::row(t, o, generated, kClock);
      tools::sigsnoop::row(t, o, failed_kill, kClock);
      tools::sigsnoop::row(t, o, tgkill, kClock);
    });
  };
  expect(render_with({}), R"G(TIME     PID     COMM             SIG       TPID    RESULT
22:13:22 500     kill             15        600     0
22:13:22 500     kill             9         600     -3
22:13:22 500     kill             10        600     0
)G", R"G({"ts":1700000002.250000,"pid":500,"tid":501,"comm":"kill","sig":15,"sig_name":"SIGTERM","tpid":600,"tcomm":"sleep","ret":0,"error":"","syscall":""}
{"ts":1700000002.250000,"pid":500,"tid":501,"comm":"kill","sig":9,"sig_name":"SIGKILL","tpid":600,"tcomm":"","ret":-3,"error":"ESRCH","syscall":"kill"}
{"ts":1700000002.250000,"pid":500,"tid":501,"comm":"kill","sig":10,"sig_name":"SIGUSR1","tpid":600,"tcomm":"","ret":0,"error":"","syscall":"tgkill"}
)G");
  // -n: names.
  expect(render_with(with<tools::sigsnoop::Options>(&tools::sigsnoop::Options::names)),
         R"G(TIME     PID     COMM             SIG       TPID    RESULT
22:13:22 500     kill             SIGTERM   600     0
22:13:22 500     kill             SIGKILL   600     -3
22:13:22 500     kill             SIGUSR1   600     0
)G", R"G({"ts":1700000002.250000,"pid":500,"tid":501,"comm":"kill","sig":15,"sig_name":"SIGTERM","tpid":600,"tcomm":"sleep","ret":0,"error":"","syscall":""}
{"ts":1700000002.250000,"pid":500,"tid":501,"comm":"kill","sig":9,"sig_name":"SIGKILL","tpid":600,"tcomm":"","ret":-3,"error":"ESRCH","syscall":"kill"}
{"ts":1700000002.250000,"pid":500,"tid":501,"comm":"kill","sig":10,"sig_name":"SIGUSR1","tpid":600,"tcomm":"","ret":0,"error":"","syscall":"tgkill"}
)G");
}

statsnoop_event stat_event(int ret, uint32_t nr, std::string_view path) {
  statsnoop_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 700;
  e.tid = 700;
  e.ret = ret;
  e.nr = nr;
  e.dirfd = nr == 262 ? 3 : -100;
  set(e.comm, "stat");
  set(e.path, path);
  e.path_len = static_cast<uint32_t>(path.size() + 1);
  return e;
}

TEST_F(ToolRender, Statsnoop) {
  const std::size_t size = sizeof(statsnoop_event);
  const auto render_with = [&](const tools::statsnoop::Options& o) {
    return rows(tools::statsnoop::columns(o), [&](Table& t) {
      tools::statsnoop::row(t, stat_event(0, 332, "/etc"), size, kClock);
      tools::statsnoop::row(t, stat_event(-2, 262, "missing"), size, kClock);
    });
  };
  expect(render_with({}), R"G(PID     COMM             SYSCALL     RET ERR PATH
700     stat             statx         0   0 /etc
700     stat             newfstatat   -1   2 missing
)G", R"G({"time_s":2.250,"pid":700,"tid":700,"comm":"stat","syscall":"statx","ret":0,"err":0,"error":"","dirfd":-100,"path":"/etc"}
{"time_s":2.250,"pid":700,"tid":700,"comm":"stat","syscall":"newfstatat","ret":-1,"err":2,"error":"ENOENT","dirfd":3,"path":"missing"}
)G");
  // -t
  expect(render_with(with<tools::statsnoop::Options>(&tools::statsnoop::Options::timestamp)),
         R"G(TIME(s)  PID     COMM             SYSCALL     RET ERR PATH
2.250    700     stat             statx         0   0 /etc
2.250    700     stat             newfstatat   -1   2 missing
)G", R"G({"time_s":2.250,"pid":700,"tid":700,"comm":"stat","syscall":"statx","ret":0,"err":0,"error":"","dirfd":-100,"path":"/etc"}
{"time_s":2.250,"pid":700,"tid":700,"comm":"stat","syscall":"newfstatat","ret":-1,"err":2,"error":"ENOENT","dirfd":3,"path":"missing"}
)G");
}

syncsnoop_event sync_event(uint32_t nr, uint64_t arg0, int64_t ret) {
  syncsnoop_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 800;
  e.tid = 801;
  e.nr = nr;
  e.arg0 = arg0;
  e.ret = ret;
  set(e.comm, "sync");
  return e;
}

TEST_F(ToolRender, Syncsnoop) {
  const auto render_with = [&](const tools::syncsnoop::Options& o) {
    return rows(tools::syncsnoop::columns(o), [&](Table& t) {
      tools::syncsnoop::row(t, sync_event(74, 5, 0), kClock);                  // fsync
      tools::syncsnoop::row(t, sync_event(162, 0, 0), kClock);                 // sync
      tools::syncsnoop::row(t, sync_event(26, 0x7f0000001000, -22), kClock);  // msync
    });
  };
  expect(render_with({}), R"G(TIME(s)   PID     COMM             SYSCALL          RET
2.250     800     sync             fsync            0
2.250     800     sync             sync             0
2.250     800     sync             msync            -22
)G", R"G({"ts":1700000002.250000,"time_s":2.250,"pid":800,"tid":801,"comm":"sync","syscall":"fsync","fd":5,"addr":0,"ret":0}
{"ts":1700000002.250000,"time_s":2.250,"pid":800,"tid":801,"comm":"sync","syscall":"sync","fd":-1,"addr":0,"ret":0}
{"ts":1700000002.250000,"time_s":2.250,"pid":800,"tid":801,"comm":"sync","syscall":"msync","fd":-1,"addr":139637976731648,"ret":-22}
)G");
  // -T
  expect(render_with(with<tools::syncsnoop::Options>(&tools::syncsnoop::Options::time)),
         R"G(TIME     TIME(s)   PID     COMM             SYSCALL          RET
22:13:22 2.250     800     sync             fsync            0
22:13:22 2.250     800     sync             sync             0
22:13:22 2.250     800     sync             msync            -22
)G", R"G({"ts":1700000002.250000,"time_s":2.250,"pid":800,"tid":801,"comm":"sync","syscall":"fsync","fd":5,"addr":0,"ret":0}
{"ts":1700000002.250000,"time_s":2.250,"pid":800,"tid":801,"comm":"sync","syscall":"sync","fd":-1,"addr":0,"ret":0}
{"ts":1700000002.250000,"time_s":2.250,"pid":800,"tid":801,"comm":"sync","syscall":"msync","fd":-1,"addr":139637976731648,"ret":-22}
)G");
}

mountsnoop_event mount_event() {
  mountsnoop_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 900;
  e.tid = 900;
  e.nr = 165;
  e.mnt_ns = 4026531841u;
  e.flags = 2 | 4;  // MS_NOSUID|MS_NODEV
  set(e.comm, "mount");
  set(e.src, "tmpfs");
  set(e.dst, "/mnt");
  set(e.fs, "tmpfs");
  set(e.data, "size=1m");
  return e;
}

mountsnoop_event umount_event() {
  mountsnoop_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 901;
  e.tid = 901;
  e.nr = 166;
  e.mnt_ns = 4026531841u;
  e.flags = 2;  // MNT_DETACH
  e.ret = -16;  // EBUSY
  set(e.comm, "umount");
  set(e.dst, "/mnt");
  return e;
}

TEST_F(ToolRender, Mountsnoop) {
  tools::mountsnoop::Options o{};
  o.timestamp = true;
  expect(rows(tools::mountsnoop::columns(o),
              [](Table& t) {
                tools::mountsnoop::row(t, mount_event(), kClock);
                tools::mountsnoop::row(t, umount_event(), kClock);
              }),
         R"G(TIME     COMM             PID     TID     MNT_NS     CALL
22:13:22 mount            900     900     4026531841 mount("tmpfs", "/mnt", "tmpfs", MS_NOSUID|MS_NODEV, "size=1m") = 0
22:13:22 umount           901     901     4026531841 umount("/mnt", MNT_DETACH) = -16
)G", R"G({"ts":1700000002.250000,"comm":"mount","pid":900,"tid":900,"mnt_ns":4026531841,"call":"mount","source":"tmpfs","target":"/mnt","fs_type":"tmpfs","flags":6,"flag_names":"MS_NOSUID|MS_NODEV","data":"size=1m","ret":0,"error":""}
{"ts":1700000002.250000,"comm":"umount","pid":901,"tid":901,"mnt_ns":4026531841,"call":"umount","source":"","target":"/mnt","fs_type":"","flags":2,"flag_names":"MNT_DETACH","data":"","ret":-16,"error":"EBUSY"}
)G");
  // -d: one field per line, the same JSON.
  tools::mountsnoop::Options d{};
  d.detailed = true;
  expect(rows(tools::mountsnoop::columns(d),
              [](Table& t) {
                tools::mountsnoop::row(t, mount_event(), kClock);
                tools::mountsnoop::row(t, umount_event(), kClock);
              },
              tools::mountsnoop::layout(d)),
         R"G(COMM: mount
PID: 900
TID: 900
MNT_NS: 4026531841
OP: mount
SOURCE: tmpfs
TARGET: /mnt
FS: tmpfs
FLAGS: MS_NOSUID|MS_NODEV
DATA: size=1m
RET: 0

COMM: umount
PID: 901
TID: 901
MNT_NS: 4026531841
OP: umount
SOURCE: 
TARGET: /mnt
FS: 
FLAGS: MNT_DETACH
DATA: 
RET: -16

)G", R"G({"ts":1700000002.250000,"comm":"mount","pid":900,"tid":900,"mnt_ns":4026531841,"call":"mount","source":"tmpfs","target":"/mnt","fs_type":"tmpfs","flags":6,"flag_names":"MS_NOSUID|MS_NODEV","data":"size=1m","ret":0,"error":""}
{"ts":1700000002.250000,"comm":"umount","pid":901,"tid":901,"mnt_ns":4026531841,"call":"umount","source":"","target":"/mnt","fs_type":"","flags":2,"flag_names":"MNT_DETACH","data":"","ret":-16,"error":"EBUSY"}
)G");
}

TEST_F(ToolRender, Oomkill) {
  oomkill_event e{};
  e.ts_ns = kEventNs;
  e.pages = 262144;
  e.fpid = 1000;
  e.tpid = 1001;
  e.pages_kind = 1;
  set(e.fcomm, "stress");
  expect(rows(tools::oomkill::columns(),
              [&](Table& t) { tools::oomkill::row(t, e, kClock, "memhog", "0.50 0.25 0.10"); }),
         R"G(TIME     TRIGGERED_BY             KILLED                        PAGES LOADAVG
22:13:22 1000 (stress)            1001 (memhog)                262144 0.50 0.25 0.10
)G", R"G({"ts":1700000002.250000,"fpid":1000,"fcomm":"stress","tpid":1001,"tcomm":"memhog","pages":262144,"pages_kind":"total","loadavg":"0.50 0.25 0.10"}
)G");
}

TEST_F(ToolRender, Bashreadline) {
  bashreadline_event e{};
  e.ts_ns = kEventNs;
  e.tgid = 1100;
  e.uid = 0;
  set(e.comm, "bash");
  set(e.line, "ls -l | grep \"x\"");
  const auto render_with = [&](const tools::bashreadline::Options& o) {
    return rows(tools::bashreadline::columns(o), [&](Table& t) { tools::bashreadline::row(t, e, kClock); });
  };
  expect(render_with({}), R"G(TIME     PID     COMMAND
22:13:22 1100    ls -l | grep "x"
)G", R"G({"ts":1700000002.250000,"uid":0,"pid":1100,"comm":"bash","command":"ls -l | grep \"x\""}
)G");
  // -U
  expect(render_with(with<tools::bashreadline::Options>(&tools::bashreadline::Options::print_uid)),
         R"G(TIME     UID    PID     COMMAND
22:13:22 0      1100    ls -l | grep "x"
)G", R"G({"ts":1700000002.250000,"uid":0,"pid":1100,"comm":"bash","command":"ls -l | grep \"x\""}
)G");
}

TEST_F(ToolRender, Gethostlatency) {
  gethostlatency_event e{};
  e.ts_ns = kEventNs;
  e.latency_ns = 12'345'678;
  e.tgid = 1200;
  e.tid = 1201;
  set(e.comm, "curl");
  set(e.host, "example.com");
  expect(rows(tools::gethostlatency::columns(), [&](Table& t) { tools::gethostlatency::row(t, e, kClock); }), R"G(TIME     PID     COMM                  LATms HOST
22:13:22 1200    curl                 12.346 example.com
)G",
         R"G({"ts":1700000002.250000,"pid":1200,"tid":1201,"comm":"curl","latency_ms":12.346,"host":"example.com"}
)G");
}

TEST_F(ToolRender, Filelife) {
  filelife_event e{};
  e.ts_ns = kEventNs;
  e.age_ns = 20'000'000;
  e.tgid = 1300;
  e.tid = 1300;
  set(e.comm, "rm");
  set(e.name, "tmp.XyZ");
  expect(rows(tools::filelife::columns(), [&](Table& t) { tools::filelife::row(t, e, kClock); }), R"G(TIME     PID     COMM             AGE(s)  FILE
22:13:22 1300    rm               0.020   tmp.XyZ
)G", R"G({"ts":1700000002.250000,"pid":1300,"tid":1300,"comm":"rm","age_s":0.020,"file":"tmp.XyZ"}
)G");
}

TEST_F(ToolRender, Threadsnoop) {
  threadsnoop_event e{};
  e.ts_ns = kEventNs;
  e.start_fn = 0x55d0c0de1234;
  e.tgid = 1400;
  e.tid = 1400;
  set(e.comm, "server");
  expect(rows(tools::threadsnoop::columns(),
              [&](Table& t) { tools::threadsnoop::row(t, e, kClock, "worker_main+0x4 (/usr/bin/server)"); }),
         R"G(TIME(ms)   PID     TID     COMM             FUNC
2250       1400    1400    server           worker_main+0x4 (/usr/bin/server)
)G", R"G({"time_ms":2250,"pid":1400,"tid":1400,"comm":"server","func":"worker_main+0x4 (/usr/bin/server)","addr":94355077337652}
)G");
}

TEST_F(ToolRender, Runqslower) {
  runqslower_event e{};
  e.ts_ns = kEventNs;
  e.delta_us = 15000;
  e.tid = 1500;
  e.tgid = 1499;
  e.prev_tid = 1600;
  set(e.comm, "busy");
  set(e.prev_comm, "spin");
  const auto render_with = [&](const tools::runqslower::Options& o) {
    return rows(tools::runqslower::columns(o), [&](Table& t) { tools::runqslower::row(t, e, kClock); });
  };
  expect(render_with({}), R"G(TIME     COMM             TID            LAT(us)
22:13:22 busy             1500             15000
)G", R"G({"ts":1700000002.250000,"comm":"busy","tid":1500,"pid":1499,"lat_us":15000,"prev_comm":"spin","prev_tid":1600}
)G");
  // -P
  expect(render_with(with<tools::runqslower::Options>(&tools::runqslower::Options::previous)),
         R"G(TIME     COMM             TID            LAT(us) PREV COMM        PREV TID
22:13:22 busy             1500             15000 spin             1600
)G", R"G({"ts":1700000002.250000,"comm":"busy","tid":1500,"pid":1499,"lat_us":15000,"prev_comm":"spin","prev_tid":1600}
)G");
}

// ---- aggregating tools ----

template <class Key>
Out hists(const corebox::report::HistSpec<Key>& spec, std::vector<std::pair<Key, cb_hist>> entries) {
  return render([&](Sink& s) {
    corebox::report::Labels labels;
    corebox::report::print_hists(s, spec, entries, kNow, labels);
  });
}

TEST_F(ToolRender, Runqlat) {
  // One histogram, shown even when the interval has no entry.
  const tools::runqlat::Options plain{};
  expect(hists(tools::runqlat::hist_spec(plain), {{runqlat_key{0, 0}, hist({{0, 2}, {3, 5}, {4, 1}})}}), R"G(
     usecs               : count    distribution
         0 -> 1          : 2        |****************                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 0        |                                        |
         8 -> 15         : 5        |****************************************|
        16 -> 31         : 1        |********                                |
)G", R"G({"ts":1700000010.500000,"unit":"usecs","total":8,"buckets":[{"low":0,"high":1,"count":2},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":0},{"low":8,"high":15,"count":5},{"low":16,"high":31,"count":1}]}
)G");
  expect(hists(tools::runqlat::hist_spec(plain), {}), R"G(
)G", R"G({"ts":1700000010.500000,"unit":"usecs","total":0,"buckets":[]}
)G");
  // -P -m -T: per process, sorted by PID, with its name.
  tools::runqlat::Options per_pid{};
  per_pid.per_process = per_pid.ms = per_pid.timestamp = true;
  expect(hists(tools::runqlat::hist_spec(per_pid),
               {{runqlat_key{0, 42}, hist({{1, 1}}, "sshd")}, {runqlat_key{0, 7}, hist({{0, 3}}, "bash")}}),
         R"G(
22:13:30

pid = 7 bash
     msecs               : count    distribution
         0 -> 1          : 3        |****************************************|

pid = 42 sshd
     msecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 1        |****************************************|
)G", R"G({"ts":1700000010.500000,"pid":7,"comm":"bash","unit":"msecs","total":3,"buckets":[{"low":0,"high":1,"count":3}]}
{"ts":1700000010.500000,"pid":42,"comm":"sshd","unit":"msecs","total":1,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":1}]}
)G");
  // --pidnss: no name.
  tools::runqlat::Options pidns{};
  pidns.per_pidns = true;
  expect(hists(tools::runqlat::hist_spec(pidns), {{runqlat_key{0, 4026531836u}, hist({{2, 1}}, "init")}}), R"G(

pidns = 4026531836
     usecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 1        |****************************************|
)G",
         R"G({"ts":1700000010.500000,"pidns":4026531836,"unit":"usecs","total":1,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":1}]}
)G");
}

TEST_F(ToolRender, Biolatency) {
  const corebox::sym::Disks disks({{corebox::sym::kernel_dev(253, 0), "vda"}});
  const tools::biolatency::Options plain{};
  expect(hists(tools::biolatency::hist_spec(plain, disks), {{biolatency_key{0, 0, 0}, hist({{6, 4}, {7, 2}})}}), R"G(
     usecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 0        |                                        |
         8 -> 15         : 0        |                                        |
        16 -> 31         : 0        |                                        |
        32 -> 63         : 0        |                                        |
        64 -> 127        : 4        |****************************************|
       128 -> 255        : 2        |********************                    |
)G",
         R"G({"ts":1700000010.500000,"unit":"usecs","total":6,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":0},{"low":8,"high":15,"count":0},{"low":16,"high":31,"count":0},{"low":32,"high":63,"count":0},{"low":64,"high":127,"count":4},{"low":128,"high":255,"count":2}]}
)G");
  // -D -F -m: per disk and flags; a disk not in /proc/partitions as MAJ:MIN.
  tools::biolatency::Options per{};
  per.per_disk = per.per_flag = per.ms = true;
  expect(hists(tools::biolatency::hist_spec(per, disks),
               {{biolatency_key{0, corebox::sym::kernel_dev(8, 16), 1}, hist({{0, 1}})},
                {biolatency_key{0, corebox::sym::kernel_dev(253, 0), (1u << 8) | 1}, hist({{1, 2}})}}),
         R"G(

disk = 8:16

flags = Write
     msecs               : count    distribution
         0 -> 1          : 1        |****************************************|

disk = vda

flags = Sync-Write
     msecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 2        |****************************************|
)G", R"G({"ts":1700000010.500000,"disk":"8:16","flags":"Write","unit":"msecs","total":1,"buckets":[{"low":0,"high":1,"count":1}]}
{"ts":1700000010.500000,"disk":"vda","flags":"Sync-Write","unit":"msecs","total":2,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":2}]}
)G");
}

TEST_F(ToolRender, Cpudist) {
  const tools::cpudist::Options plain{};
  expect(hists(tools::cpudist::hist_spec(plain), {{cpudist_key{0, 0}, hist({{2, 3}})}}), R"G(
     usecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 3        |****************************************|
)G", R"G({"ts":1700000010.500000,"offcpu":false,"unit":"usecs","total":3,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":3}]}
)G");
  // -O -L: off-CPU, per thread.
  tools::cpudist::Options off{};
  off.offcpu = off.per_thread = true;
  expect(hists(tools::cpudist::hist_spec(off), {{cpudist_key{0, 77}, hist({{1, 1}}, "kworker")}}), R"G(

tid = 77 kworker
     usecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 1        |****************************************|
)G", R"G({"ts":1700000010.500000,"offcpu":true,"tid":77,"comm":"kworker","unit":"usecs","total":1,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":1}]}
)G");
}

bitesize_key bite_key(std::string_view comm) {
  bitesize_key k{};
  set(k.comm, comm);
  return k;
}

TEST_F(ToolRender, Bitesize) {
  // -T: "HH:MM:SS" without a blank line before; a histogram per process, by name.
  tools::bitesize::Options o{};
  o.timestamp = true;
  expect(hists(tools::bitesize::hist_spec(o), {{bite_key("fio"), hist({{2, 10}})}, {bite_key("dd"), hist({{7, 1}})}}),
         R"G(22:13:30

Process Name = dd
     Kbytes              : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 0        |                                        |
         8 -> 15         : 0        |                                        |
        16 -> 31         : 0        |                                        |
        32 -> 63         : 0        |                                        |
        64 -> 127        : 0        |                                        |
       128 -> 255        : 1        |****************************************|

Process Name = fio
     Kbytes              : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 10       |****************************************|
)G", R"G({"ts":1700000010.500000,"comm":"dd","unit":"Kbytes","total":1,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":0},{"low":8,"high":15,"count":0},{"low":16,"high":31,"count":0},{"low":32,"high":63,"count":0},{"low":64,"high":127,"count":0},{"low":128,"high":255,"count":1}]}
{"ts":1700000010.500000,"comm":"fio","unit":"Kbytes","total":10,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":10}]}
)G");
}

syscount_value sc_value(uint64_t count, uint64_t total_ns, std::string_view comm = {}) {
  syscount_value v{};
  v.count = count;
  v.total_ns = total_ns;
  set(v.comm, comm);
  return v;
}

Out syscount(const tools::syscount::Options& o, std::vector<std::pair<syscount_key, syscount_value>> entries) {
  return render([&](Sink& s) {
    Table t(s, tools::syscount::columns(o), "syscount");
    tools::syscount::print(s, t, o, entries, kNow);
  });
}

TEST_F(ToolRender, Syscount) {
  const std::vector<std::pair<syscount_key, syscount_value>> calls = {
      {{0, 0}, sc_value(10, 5'000'000)},  // read
      {{0, 1}, sc_value(30, 1'000'000)},  // write
      {{0, 257}, sc_value(10, 9'000'000)},  // openat
  };
  tools::syscount::Options plain{};
  expect(syscount(plain, calls), R"G(SYSCALL                   COUNT
write                        30
read                         10
openat                       10

)G", R"G({"ts":1700000010.500000,"syscall":"write","nr":1,"count":30,"total_ns":1000000}
{"ts":1700000010.500000,"syscall":"read","nr":0,"count":10,"total_ns":5000000}
{"ts":1700000010.500000,"syscall":"openat","nr":257,"count":10,"total_ns":9000000}
)G");
  // -L -m -T 2: by total latency, the top 2.
  tools::syscount::Options lat{};
  lat.latency = lat.ms = true;
  lat.top = 2;
  expect(syscount(lat, calls), R"G(SYSCALL                   COUNT        TIME (ms)
openat                       10            9.000
read                         10            5.000

)G", R"G({"ts":1700000010.500000,"syscall":"openat","nr":257,"count":10,"total_ns":9000000}
{"ts":1700000010.500000,"syscall":"read","nr":0,"count":10,"total_ns":5000000}
)G");
  // -P -L -i 1: per process, with the interval's time.
  tools::syscount::Options per{};
  per.per_process = per.latency = true;
  per.interval_s = 1;
  expect(syscount(per, {{{0, 4242}, sc_value(5, 2'500'000, "nginx")}, {{0, 1}, sc_value(2, 1000, "systemd")}}), R"G([22:13:30]
PID    COMM               COUNT        TIME (us)
4242   nginx                  5         2500.000
1      systemd                2            1.000

)G",
         R"G({"ts":1700000010.500000,"pid":4242,"comm":"nginx","count":5,"total_ns":2500000}
{"ts":1700000010.500000,"pid":1,"comm":"systemd","count":2,"total_ns":1000}
)G");
}

template <class Texts>
Out irq_totals(const Texts& texts, const corebox::tools::IrqOptions& o,
               std::vector<std::pair<std::string, uint64_t>> entries) {
  const std::string header = "TOTAL_" + std::string(tools::irq_unit(o));
  return render([&](Sink& s) {
    Table t(s, tools::irq_columns(texts, header), texts.tool);
    tools::print_irq_totals(s, t, o, entries, kNow);
  });
}

TEST_F(ToolRender, Hardirqs) {
  hardirqs_key k{};
  set(k.name, "virtio0-input.0");
  EXPECT_EQ(tools::hardirqs::key_name(k), "virtio0-input.0");
  const std::vector<std::pair<std::string, uint64_t>> ns = {
      {"virtio0-input.0", 1'234'567}, {"timer", 9'000'000}, {"ahci", 9'000'000}};
  const tools::IrqOptions plain{};
  expect(irq_totals(tools::hardirqs::kTexts, plain, ns), R"G(
HARDIRQ                    TOTAL_usecs
ahci                              9000
timer                             9000
virtio0-input.0                   1234
)G", R"G({"ts":1700000010.500000,"hardirq":"ahci","unit":"usecs","total":9000}
{"ts":1700000010.500000,"hardirq":"timer","unit":"usecs","total":9000}
{"ts":1700000010.500000,"hardirq":"virtio0-input.0","unit":"usecs","total":1234}
)G");
  // -N -T
  tools::IrqOptions nsecs{};
  nsecs.ns = nsecs.timestamp = true;
  expect(irq_totals(tools::hardirqs::kTexts, nsecs, ns), R"G(
22:13:30
HARDIRQ                    TOTAL_nsecs
ahci                           9000000
timer                          9000000
virtio0-input.0                1234567
)G", R"G({"ts":1700000010.500000,"hardirq":"ahci","unit":"nsecs","total":9000000}
{"ts":1700000010.500000,"hardirq":"timer","unit":"nsecs","total":9000000}
{"ts":1700000010.500000,"hardirq":"virtio0-input.0","unit":"nsecs","total":1234567}
)G");
  // -C: counts.
  tools::IrqOptions count{};
  count.count = true;
  expect(irq_totals(tools::hardirqs::kTexts, count, {{"timer", 250}, {"virtio1", 3}}), R"G(
HARDIRQ                    TOTAL_count
timer                              250
virtio1                              3
)G", R"G({"ts":1700000010.500000,"hardirq":"timer","unit":"count","total":250}
{"ts":1700000010.500000,"hardirq":"virtio1","unit":"count","total":3}
)G");
  // -d: a histogram per name, by name.
  tools::IrqOptions dist{};
  dist.dist = true;
  expect(render([&](Sink& s) {
           tools::print_irq_hists(s, dist, tools::hardirqs::kTexts,
                                  {{"virtio1", hist({{3, 2}})}, {"timer", hist({{0, 1}, {1, 4}})}}, kNow);
         }),
         R"G(
hardirq = timer
     usecs               : count    distribution
         0 -> 1          : 1        |**********                              |
         2 -> 3          : 4        |****************************************|

hardirq = virtio1
     usecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 0        |                                        |
         8 -> 15         : 2        |****************************************|

)G", R"G({"ts":1700000010.500000,"hardirq":"timer","unit":"usecs","total":5,"buckets":[{"low":0,"high":1,"count":1},{"low":2,"high":3,"count":4}]}
{"ts":1700000010.500000,"hardirq":"virtio1","unit":"usecs","total":2,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":0},{"low":8,"high":15,"count":2}]}
)G");
}

TEST_F(ToolRender, Softirqs) {
  EXPECT_EQ(tools::softirqs::key_name(softirqs_key{0, 1}), "timer");
  EXPECT_EQ(tools::softirqs::key_name(softirqs_key{0, 9}), "rcu");
  EXPECT_EQ(tools::softirqs::key_name(softirqs_key{0, 12}), "vec12");
  const tools::IrqOptions plain{};
  expect(irq_totals(tools::softirqs::kTexts, plain, {{"net_rx", 40'000}, {"rcu", 2'000'000}}), R"G(
SOFTIRQ          TOTAL_usecs
rcu                     2000
net_rx                    40
)G", R"G({"ts":1700000010.500000,"softirq":"rcu","unit":"usecs","total":2000}
{"ts":1700000010.500000,"softirq":"net_rx","unit":"usecs","total":40}
)G");
  tools::IrqOptions dist{};
  dist.dist = true;
  dist.ns = true;
  expect(render([&](Sink& s) {
           tools::print_irq_hists(s, dist, tools::softirqs::kTexts, {{"sched", hist({{10, 1}})}}, kNow);
         }),
         R"G(
softirq = sched
     nsecs               : count    distribution
         0 -> 1          : 0        |                                        |
         2 -> 3          : 0        |                                        |
         4 -> 7          : 0        |                                        |
         8 -> 15         : 0        |                                        |
        16 -> 31         : 0        |                                        |
        32 -> 63         : 0        |                                        |
        64 -> 127        : 0        |                                        |
       128 -> 255        : 0        |                                        |
       256 -> 511        : 0        |                                        |
       512 -> 1023       : 0        |                                        |
      1024 -> 2047       : 1        |****************************************|

)G", R"G({"ts":1700000010.500000,"softirq":"sched","unit":"nsecs","total":1,"buckets":[{"low":0,"high":1,"count":0},{"low":2,"high":3,"count":0},{"low":4,"high":7,"count":0},{"low":8,"high":15,"count":0},{"low":16,"high":31,"count":0},{"low":32,"high":63,"count":0},{"low":64,"high":127,"count":0},{"low":128,"high":255,"count":0},{"low":256,"high":511,"count":0},{"low":512,"high":1023,"count":0},{"low":1024,"high":2047,"count":1}]}
)G");
}

Out runqlen(const tools::runqlen::Options& o, std::vector<std::pair<runqlen_key, cb_hist>> entries) {
  return render([&](Sink& s) { tools::runqlen::print(s, o, entries, kNow); });
}

TEST_F(ToolRender, Runqlen) {
  // Linear slots: run queue length 0, 1, 2.
  const tools::runqlen::Options plain{};
  expect(runqlen(plain, {{runqlen_key{0, 0}, hist({{0, 90}, {1, 8}, {2, 2}})}}), R"G(
     runqlen       : count     distribution
        0          : 90       |****************************************|
        1          : 8        |***                                     |
        2          : 2        |                                        |
)G", R"G({"ts":1700000010.500000,"unit":"runqlen","total":100,"buckets":[{"low":0,"high":0,"count":90},{"low":1,"high":1,"count":8},{"low":2,"high":2,"count":2}]}
)G");
  // -C: per CPU, sorted.
  tools::runqlen::Options cpus{};
  cpus.per_cpu = true;
  expect(runqlen(cpus, {{runqlen_key{0, 1}, hist({{0, 5}})}, {runqlen_key{0, 0}, hist({{0, 3}, {1, 1}})}}), R"G(

cpu = 0
     runqlen       : count     distribution
        0          : 3        |****************************************|
        1          : 1        |*************                           |

cpu = 1
     runqlen       : count     distribution
        0          : 5        |****************************************|
)G",
         R"G({"ts":1700000010.500000,"cpu":0,"unit":"runqlen","total":4,"buckets":[{"low":0,"high":0,"count":3},{"low":1,"high":1,"count":1}]}
{"ts":1700000010.500000,"cpu":1,"unit":"runqlen","total":5,"buckets":[{"low":0,"high":0,"count":5}]}
)G");
  // -O: occupancy (samples with a queued task).
  tools::runqlen::Options occ{};
  occ.occupancy = true;
  expect(runqlen(occ, {{runqlen_key{0, 0}, hist({{0, 90}, {1, 8}, {2, 2}})}}), R"G(
runqocc: 10.00%
)G", R"G({"ts":1700000010.500000,"runqocc_pct":10.000000,"samples":100}
)G");
  // -O -C -T
  tools::runqlen::Options occ_cpus{};
  occ_cpus.occupancy = occ_cpus.per_cpu = occ_cpus.timestamp = true;
  expect(runqlen(occ_cpus, {{runqlen_key{0, 1}, hist({{0, 3}, {1, 1}})}, {runqlen_key{0, 0}, hist({{0, 4}})}}), R"G(
22:13:30
runqocc, CPU 0     0.00%
runqocc, CPU 1    25.00%
)G",
         R"G({"ts":1700000010.500000,"cpu":0,"runqocc_pct":0.000000,"samples":4}
{"ts":1700000010.500000,"cpu":1,"runqocc_pct":25.000000,"samples":4}
)G");
}

TEST_F(ToolRender, Biopattern) {
  const corebox::sym::Disks disks({{corebox::sym::kernel_dev(253, 0), "vda"}, {corebox::sym::kernel_dev(8, 0), "sda"}});
  const std::vector<std::pair<biopattern_key, biopattern_counter>> entries = {
      {{0, corebox::sym::kernel_dev(253, 0)}, {30, 70, 409600}},
      {{0, corebox::sym::kernel_dev(8, 0)}, {1, 2, 12288}},
      {{0, corebox::sym::kernel_dev(8, 16)}, {0, 0, 0}},  // nothing: no row
  };
  const auto render_with = [&](const tools::biopattern::Options& o) {
    return render([&](Sink& s) {
      Table t(s, tools::biopattern::columns(o), "biopattern");
      tools::biopattern::print(s, t, disks, entries, kNow);
    });
  };
  expect(render_with({}), R"G(DISK     %RND  %SEQ    COUNT     KBYTES
sda        33    66        3         12
vda        30    70      100        400
)G", R"G({"ts":1700000010.500000,"disk":"sda","random":1,"sequential":2,"count":3,"bytes":12288}
{"ts":1700000010.500000,"disk":"vda","random":30,"sequential":70,"count":100,"bytes":409600}
)G");
  // -T: the interval's time as a column.
  expect(render_with(with<tools::biopattern::Options>(&corebox::cli::Interval::timestamp)),
         R"G(TIME      DISK     %RND  %SEQ    COUNT     KBYTES
22:13:30  sda        33    66        3         12
22:13:30  vda        30    70      100        400
)G", R"G({"ts":1700000010.500000,"disk":"sda","random":1,"sequential":2,"count":3,"bytes":12288}
{"ts":1700000010.500000,"disk":"vda","random":30,"sequential":70,"count":100,"bytes":409600}
)G");
}

}  // namespace
