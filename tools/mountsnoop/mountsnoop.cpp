#include "mountsnoop_render.h"

#include <corebox/syscall_nr.h>

#include <cstring>

#include "main/tool.h"
#include "mountsnoop.skel.h"

namespace corebox::tools::mountsnoop {
namespace {

void describe(cli::Spec<Options>& s) {
  s.summary("Trace mount(), umount2(), fsopen(), fsconfig(), fsmount() and move_mount() calls");
  cli::task_filter(s, cli::kPid | cli::kUid | cli::kName | cli::kCgroup);
  s.option(0, "duration", &cli::Duration::duration_s, "SECONDS", "stop after SECONDS (also 500ms, 2m)",
           &cli::parse_duration);
  s.flag('t', "timestamp", &Options::timestamp, "show the TIME column (HH:MM:SS)");
  s.flag('d', "detailed", &Options::detailed, "one field per line instead of the CALL column");
  s.example("mountsnoop", "trace all mount activity");
  s.example("mountsnoop -d -p 181", "PID 181's calls, every field on its own line");
}

struct Bit {
  uint64_t value;
  const char* name;
};
constexpr Bit kMountFlags[] = {
    {1, "MS_RDONLY"},        {2, "MS_NOSUID"},       {4, "MS_NODEV"},         {8, "MS_NOEXEC"},
    {16, "MS_SYNCHRONOUS"},  {32, "MS_REMOUNT"},     {64, "MS_MANDLOCK"},     {128, "MS_DIRSYNC"},
    {256, "MS_NOSYMFOLLOW"}, {1024, "MS_NOATIME"},   {2048, "MS_NODIRATIME"}, {4096, "MS_BIND"},
    {8192, "MS_MOVE"},       {16384, "MS_REC"},      {32768, "MS_SILENT"},    {1 << 16, "MS_POSIXACL"},
    {1 << 17, "MS_UNBINDABLE"}, {1 << 18, "MS_PRIVATE"}, {1 << 19, "MS_SLAVE"}, {1 << 20, "MS_SHARED"},
    {1 << 21, "MS_RELATIME"}, {1 << 22, "MS_KERNMOUNT"}, {1 << 23, "MS_I_VERSION"}, {1 << 24, "MS_STRICTATIME"},
    {1 << 25, "MS_LAZYTIME"},
};
constexpr Bit kUmountFlags[] = {{1, "MNT_FORCE"}, {2, "MNT_DETACH"}, {4, "MNT_EXPIRE"}, {8, "UMOUNT_NOFOLLOW"}};

template <std::size_t N>
std::string flag_names(uint64_t v, const Bit (&bits)[N]) {
  std::string s;
  for (const auto& b : bits)
    if (v & b.value) {
      if (!s.empty()) s += '|';
      s += b.name;
      v &= ~b.value;
    }
  if (v) {
    char hex[24];
    std::snprintf(hex, sizeof(hex), "0x%llx", static_cast<unsigned long long>(v));
    if (!s.empty()) s += '|';
    s += hex;
  }
  return s.empty() ? "0" : s;
}

std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof(b), "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

const char* call_name(uint32_t nr) {
  switch (nr) {
    case CB_NR_mount: return "mount";
    case CB_NR_umount2: return "umount";
    case CB_NR_move_mount: return "move_mount";
    case CB_NR_fsopen: return "fsopen";
    case CB_NR_fsconfig: return "fsconfig";
    case CB_NR_fsmount: return "fsmount";
    default: return "?";
  }
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

template <std::size_t N>
std::string_view str(const char (&a)[N]) {
  return {a, strnlen(a, N)};
}

// The call as C source, e.g. mount("tmpfs", "/mnt", "tmpfs", MS_NOSUID, "size=1m") = 0.
std::string call_text(const mountsnoop_event& e, const std::string& flags) {
  std::string c = call_name(e.nr);
  c += '(';
  switch (e.nr) {
    case CB_NR_mount:
      c += quoted(str(e.src)) + ", " + quoted(str(e.dst)) + ", " + quoted(str(e.fs)) + ", " + flags + ", " +
           quoted(str(e.data));
      break;
    case CB_NR_umount2: c += quoted(str(e.dst)) + ", " + flags; break;
    case CB_NR_fsopen: c += quoted(str(e.fs)) + ", " + flags; break;
    case CB_NR_fsconfig:
      c += std::to_string(e.arg[0]) + ", " + std::to_string(e.arg[1]) + ", " + quoted(str(e.src)) + ", " +
           quoted(str(e.dst)) + ", " + std::to_string(e.arg[2]);
      break;
    case CB_NR_fsmount: c += std::to_string(e.arg[0]) + ", " + flags + ", " + hex(e.arg[1]); break;
    default:
      c += std::to_string(e.arg[0]) + ", " + quoted(str(e.src)) + ", " + std::to_string(e.arg[1]) + ", " +
           quoted(str(e.dst)) + ", " + flags;
  }
  c += ") = " + std::to_string(e.ret);
  return c;
}

void run(Session& s, const Options& o) {
  auto& skel = s.keep<bpf::Skeleton<mountsnoop_bpf>>(s, mountsnoop_bpf__open_opts);
  skel.apply(o);
  skel.load_and_attach();

  // -d: one "NAME: value" line per field, the same JSON.
  auto& out = s.table(columns(o), {}, layout(o));
  s.events<mountsnoop_event>(skel, [&s, &out](const mountsnoop_event& e) { row(out, e, s.clock()); });
  s.stop_after(o.duration_s);
}

}  // namespace

std::vector<output::Column> columns(const Options& o) {
  using output::Fmt;
  const bool d = o.detailed;
  return {
      {"TIME", 8, "ts", Fmt::Clock, false, o.timestamp && !d},
      {"COMM", 16, "comm", Fmt::Str},
      {"PID", 7, "pid", Fmt::Dec},
      {"TID", 7, "tid", Fmt::Dec},
      {"MNT_NS", 10, "mnt_ns", Fmt::Dec},
      {d ? "OP" : "", 0, "call", Fmt::Str},
      {d ? "SOURCE" : "", 0, "source", Fmt::Str},
      {d ? "TARGET" : "", 0, "target", Fmt::Str},
      {d ? "FS" : "", 0, "fs_type", Fmt::Str},
      {"", 0, "flags", Fmt::Dec},
      {d ? "FLAGS" : "", 0, "flag_names", Fmt::Str},
      {d ? "DATA" : "", 0, "data", Fmt::Str},
      {d ? "RET" : "", 0, "ret", Fmt::Dec},
      {"", 0, "error", Fmt::Str},
      {"CALL", 0, "", Fmt::Str, false, !d},
  };
}

output::Layout layout(const Options& o) { return o.detailed ? output::Layout::Detail : output::Layout::Columns; }

void row(output::Table& out, const mountsnoop_event& e, const runtime::EventClock& clock) {
  const bool umount = e.nr == CB_NR_umount2;
  const std::string flags = e.nr == CB_NR_mount ? flag_names(e.flags, kMountFlags)
                            : umount    ? flag_names(e.flags, kUmountFlags)
                                        : hex(e.flags);
  const std::string call = call_text(e, flags);
  const char* err = e.ret < 0 ? strerrorname_np(static_cast<int>(-e.ret)) : nullptr;
  // source/target/type/data as JSON keys only where they mean that.
  const bool is_mount = e.nr == CB_NR_mount;
  const std::string_view source = is_mount ? str(e.src) : e.nr == CB_NR_move_mount ? str(e.src) : std::string_view{};
  const std::string_view target = (is_mount || umount || e.nr == CB_NR_move_mount) ? str(e.dst) : std::string_view{};
  out.row({clock.wall(e.ts_ns), e.comm, e.tgid, e.tid, e.mnt_ns, call_name(e.nr), source, target, str(e.fs),
           static_cast<unsigned long long>(e.flags), flags, str(e.data), static_cast<long long>(e.ret),
           err ? err : "", call});
}

}  // namespace corebox::tools::mountsnoop

COREBOX_TOOL(mountsnoop, corebox::tools::mountsnoop::Options, corebox::tools::mountsnoop::describe,
             corebox::tools::mountsnoop::run);
