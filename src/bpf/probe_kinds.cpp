#include "bpf/probe_kinds.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <charconv>

#include "bpf/features.h"

namespace corebox::bpf {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A failed attach that named no hook: libbpf's own errors set errno, ours must too.
bpf_link* fail(int err) {
  errno = err;
  return nullptr;
}

std::string str(std::string_view s) { return std::string(s); }

// ---- trampolines: fentry, fexit, fmod_ret, lsm ----------------------------------------

std::pair<std::string, int> btf_function(std::string_view target) { return {str(target), BTF_KIND_FUNC}; }
// An LSM hook `file_open` is the kernel function bpf_lsm_file_open.
std::pair<std::string, int> lsm_function(std::string_view target) { return {"bpf_lsm_" + str(target), BTF_KIND_FUNC}; }

std::string trampoline_available(Features& f, std::string_view section) {
  if (!f.fentry()) return "no BPF trampolines";
  const std::string fn = (starts_with(section, "lsm") ? lsm_function : btf_function)(section_target(section)).first;
  if (!f.kernel_function_in_btf(fn)) return "no function " + fn + " in BTF";
  return "";
}

// The attach target of a tracing program is fixed at load (its BTF id): the section
// given here can only be the one it was loaded with.
bpf_link* attach_trace(bpf_program* prog, std::string_view) { return bpf_program__attach_trace(prog); }
bpf_link* attach_lsm(bpf_program* prog, std::string_view) { return bpf_program__attach_lsm(prog); }

// ---- tracepoints ----------------------------------------------------------------------

std::pair<std::string, int> btf_trace_typedef(std::string_view target) {
  return {"btf_trace_" + str(target), BTF_KIND_TYPEDEF};
}

std::string tp_btf_available(Features& f, std::string_view section) {
  if (!f.tp_btf()) return "no tp_btf";
  if (!f.raw_tracepoint_exists(section_target(section))) return "no such tracepoint";
  return "";
}

std::string raw_tp_available(Features& f, std::string_view section) {
  return f.raw_tracepoint_exists(section_target(section)) ? "" : "no such tracepoint";
}

bpf_link* attach_raw_tp(bpf_program* prog, std::string_view section) {
  const std::string_view target = section_target(section);
  if (target.empty()) return fail(EINVAL);
  return bpf_program__attach_raw_tracepoint(prog, str(target).c_str());
}

std::string tracepoint_available(Features& f, std::string_view section) {
  const std::string_view target = section_target(section);
  if (!Features::tracepoint_exists(target)) return "no such tracepoint";
  // Syscall exit programs read the arguments back with bpf_task_pt_regs()
  // (bpf/corebox/syscall.bpf.h), a 5.15 helper; older kernels take the fallback.
  if (starts_with(target, "syscalls/sys_exit_") && !f.kernel_function_in_btf("bpf_task_pt_regs"))
    return "no bpf_task_pt_regs()";
  return "";
}
// What that check looks up (for the BTF cache); other tracepoints look nothing up.
std::pair<std::string, int> syscall_exit_lookup(std::string_view target) {
  if (starts_with(target, "syscalls/sys_exit_")) return {"bpf_task_pt_regs", BTF_KIND_FUNC};
  return {};
}

bpf_link* attach_tracepoint(bpf_program* prog, std::string_view section) {
  const std::string_view target = section_target(section);
  const auto slash = target.find('/');
  if (slash == std::string_view::npos) return fail(EINVAL);
  return bpf_program__attach_tracepoint(prog, str(target.substr(0, slash)).c_str(),
                                        str(target.substr(slash + 1)).c_str());
}

// ---- kprobes ----------------------------------------------------------------------------

// "vfs_unlink+0x10": the symbol and the offset into it.
std::pair<std::string_view, std::uint64_t> symbol_offset(std::string_view target) {
  const auto plus = target.find('+');
  if (plus == std::string_view::npos) return {target, 0};
  std::string_view off = target.substr(plus + 1);
  int base = 10;
  if (starts_with(off, "0x")) off.remove_prefix(2), base = 16;
  std::uint64_t n = 0;
  std::from_chars(off.data(), off.data() + off.size(), n, base);
  return {target.substr(0, plus), n};
}

std::string kprobe_available(Features& f, std::string_view section) {
  if (!f.kprobes()) return "no kprobes";
  const std::string_view fn = symbol_offset(section_target(section)).first;
  if (!f.kallsyms_has(fn)) return "no symbol " + str(fn);
  return "";
}

bpf_link* attach_kprobe(bpf_program* prog, std::string_view section) {
  const auto [fn, offset] = symbol_offset(section_target(section));
  if (fn.empty()) return fail(EINVAL);
  LIBBPF_OPTS(bpf_kprobe_opts, opts, .offset = offset, .retprobe = starts_with(section, "kretprobe"));
  return bpf_program__attach_kprobe_opts(prog, str(fn).c_str(), &opts);
}

// The syscall's kernel function differs per architecture and kernel (__x64_sys_*,
// __se_sys_*, sys_*): libbpf resolves it at attach, so only kprobes are checked here.
std::string ksyscall_available(Features& f, std::string_view) { return f.kprobes() ? "" : "no kprobes"; }

bpf_link* attach_ksyscall(bpf_program* prog, std::string_view section) {
  const std::string_view name = section_target(section);
  if (name.empty()) return fail(EINVAL);
  LIBBPF_OPTS(bpf_ksyscall_opts, opts, .retprobe = starts_with(section, "kretsyscall"));
  return bpf_program__attach_ksyscall(prog, str(name).c_str(), &opts);
}

// ---- user space ---------------------------------------------------------------------------

std::string uprobe_available(Features& f, std::string_view) { return f.uprobes() ? "" : "no uprobes"; }

bpf_link* attach_uprobe(bpf_program* prog, std::string_view section) {
  const auto t = parse_uprobe_target(section_target(section));
  if (!t) return fail(EINVAL);
  LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = starts_with(section, "uretprobe"),
              .func_name = t->function.empty() ? nullptr : t->function.c_str());
  return bpf_program__attach_uprobe_opts(prog, -1, t->path.c_str(), t->offset, &opts);
}

// "PATH:PROVIDER:NAME"
bpf_link* attach_usdt(bpf_program* prog, std::string_view section) {
  const std::string_view target = section_target(section);
  const auto name = target.rfind(':');
  const auto provider = name == std::string_view::npos || name == 0 ? name : target.rfind(':', name - 1);
  if (provider == std::string_view::npos || provider == 0) return fail(EINVAL);
  return bpf_program__attach_usdt(prog, -1, str(target.substr(0, provider)).c_str(),
                                  str(target.substr(provider + 1, name - provider - 1)).c_str(),
                                  str(target.substr(name + 1)).c_str(), nullptr);
}

// ---- the rest ---------------------------------------------------------------------------------

std::string perf_available(Features& f, std::string_view) { return f.perf_cpu_clock() ? "" : "no perf events"; }
std::string iter_available(Features& f, std::string_view) { return f.bpf_iter() ? "" : "no BPF iterators"; }
bpf_link* attach_iter(bpf_program* prog, std::string_view) { return bpf_program__attach_iter(prog, nullptr); }
std::string always(Features&, std::string_view) { return ""; }
bpf_link* attach_any(bpf_program* prog, std::string_view) { return bpf_program__attach(prog); }

using P = std::string_view;
constexpr P kFentry[] = {"fentry", "fexit", "fmod_ret"};
constexpr P kLsm[] = {"lsm"};
constexpr P kTpBtf[] = {"tp_btf/"};
constexpr P kRawTp[] = {"raw_tp", "raw_tracepoint"};
constexpr P kTracepoint[] = {"tracepoint/", "tp/"};
constexpr P kKprobe[] = {"kprobe", "kretprobe"};
constexpr P kKsyscall[] = {"ksyscall", "kretsyscall"};
constexpr P kUprobe[] = {"uprobe", "uretprobe"};
constexpr P kUsdt[] = {"usdt"};
constexpr P kPerf[] = {"perf_event"};
constexpr P kIter[] = {"iter"};

// Ranks: trampolines are the cheapest entry/exit and type their arguments; tp_btf types
// a tracepoint's; raw_tp is untyped; a tracepoint costs a perf buffer copy per hit but is
// a stable ABI; kprobes work where trampolines do not.
constexpr ProbeKind kKinds[] = {
    {"fentry", HookKind::Fentry, kFentry, 0, false, trampoline_available, attach_trace, btf_function},
    {"lsm", HookKind::Fentry, kLsm, 0, false, trampoline_available, attach_lsm, lsm_function},
    {"tp_btf", HookKind::TpBtf, kTpBtf, 1, false, tp_btf_available, attach_trace, btf_trace_typedef},
    {"raw_tp", HookKind::RawTp, kRawTp, 2, false, raw_tp_available, attach_raw_tp, btf_trace_typedef},
    {"tracepoint", HookKind::Tracepoint, kTracepoint, 3, true, tracepoint_available, attach_tracepoint, syscall_exit_lookup},
    {"kprobe", HookKind::Kprobe, kKprobe, 4, true, kprobe_available, attach_kprobe, nullptr},
    {"ksyscall", HookKind::Kprobe, kKsyscall, 4, true, ksyscall_available, attach_ksyscall, nullptr},
    {"uprobe", HookKind::Uprobe, kUprobe, 5, true, uprobe_available, attach_uprobe, nullptr},
    {"usdt", HookKind::Uprobe, kUsdt, 5, true, uprobe_available, attach_usdt, nullptr},
    {"perf_event", HookKind::PerfEvent, kPerf, 5, false, perf_available, nullptr, nullptr},
    {"iter", HookKind::Iter, kIter, 5, false, iter_available, attach_iter, nullptr},
    {"other", HookKind::Other, {}, 5, false, always, attach_any, nullptr},
};

}  // namespace

std::span<const ProbeKind> probe_kinds() { return kKinds; }

const ProbeKind& probe_kind(std::string_view section) {
  for (const ProbeKind& k : kKinds)
    for (std::string_view p : k.prefixes)
      if (starts_with(section, p)) return k;
  return kKinds[std::size(kKinds) - 1];
}

const ProbeKind* probe_kind_named(std::string_view name) {
  for (const ProbeKind& k : kKinds)
    if (k.name == name) return &k;
  return nullptr;
}

int hook_rank(HookKind kind) {
  for (const ProbeKind& k : kKinds)
    if (k.kind == kind) return k.rank;
  return kKinds[std::size(kKinds) - 1].rank;
}

std::string_view section_target(std::string_view section) {
  const auto slash = section.find('/');
  return slash == std::string_view::npos ? std::string_view{} : section.substr(slash + 1);
}

std::optional<UprobeTarget> parse_uprobe_target(std::string_view target) {
  const auto colon = target.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == target.size()) return std::nullopt;
  UprobeTarget t;
  t.path = str(target.substr(0, colon));
  std::string_view rest = target.substr(colon + 1);
  // A bare number is an offset into the file; anything else names a function.
  std::uint64_t n = 0;
  const bool hex = starts_with(rest, "0x");
  const std::string_view digits = hex ? rest.substr(2) : rest;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n, hex ? 16 : 10);
  if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) {
    t.offset = n;
    return t;
  }
  const auto [fn, offset] = symbol_offset(rest);
  if (fn.empty()) return std::nullopt;
  t.function = str(fn);
  t.offset = offset;
  return t;
}

}  // namespace corebox::bpf
