#include "mountsnoop.h"
#include <corebox/syscall_nr.h>

#include <cstring>

#include "main/tool.h"
#include "mountsnoop.skel.h"

namespace corebox::tools {
namespace {

struct Options : cli::TaskFilter, cli::Duration {
  bool timestamp = false, detailed = false;
};

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

int run(Context& ctx, const Options& o) {
  bpf::Skeleton<mountsnoop_bpf> skel(ctx, mountsnoop_bpf__open_opts);
  skel.apply(o);
  skel.load_and_attach();

  using output::Fmt;
  const bool columns = !o.detailed || ctx.json();
  auto out = ctx.table({
      {"TIME", 8, "ts", Fmt::Clock, false, o.timestamp && columns},
      {"COMM", 16, "comm", Fmt::Str, false, columns},
      {"PID", 7, "pid", Fmt::Dec, false, columns},
      {"TID", 7, "tid", Fmt::Dec, false, columns},
      {"MNT_NS", 10, "mnt_ns", Fmt::Dec, false, columns},
      {"", 0, "call", Fmt::Str},
      {"", 0, "source", Fmt::Str},
      {"", 0, "target", Fmt::Str},
      {"", 0, "fs_type", Fmt::Str},
      {"", 0, "flags", Fmt::Dec},
      {"", 0, "flag_names", Fmt::Str},
      {"", 0, "data", Fmt::Str},
      {"", 0, "ret", Fmt::Dec},
      {"", 0, "error", Fmt::Str},
      {"CALL", 0, "", Fmt::Str, false, columns},
  });
  ctx.on_event<mountsnoop_event>(skel->maps.cb_events, [&](const mountsnoop_event& e) {
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
    out.row({ctx.wall_time(e.ts_ns), e.comm, e.tgid, e.tid, e.mnt_ns, call_name(e.nr), source, target, str(e.fs),
             static_cast<unsigned long long>(e.flags), flags, str(e.data), static_cast<long long>(e.ret),
             err ? err : "", call});
    if (columns) return;
    auto& w = ctx.out();
    auto line = [&](const char* k, std::string_view v) {
      w.put(k);
      w.put(": ");
      output::put_text(w, v);
      w.put('\n');
    };
    line("PID", std::to_string(e.tgid));
    line("TID", std::to_string(e.tid));
    line("COMM", str(e.comm));
    line("OP", call_name(e.nr));
    line("RET", std::to_string(e.ret));
    line("MNT_NS", std::to_string(e.mnt_ns));
    line("FS", str(e.fs));
    line("SOURCE", source);
    line("TARGET", target);
    line("DATA", str(e.data));
    line("FLAGS", flags);
    w.put('\n');
  });
  return ctx.run(o, skel->maps.cb_lost);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(mountsnoop, corebox::tools::Options, corebox::tools::describe, corebox::tools::run);
