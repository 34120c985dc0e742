#include "hardirqs_render.h"

#include "hardirqs.skel.h"

namespace corebox::tools::hardirqs {

std::string key_name(const hardirqs_key& k) { return std::string(k.name, strnlen(k.name, sizeof(k.name))); }

namespace {

void describe(cli::Spec<IrqOptions>& s) {
  s.summary("Summarize hard IRQ (interrupt) event time");
  describe_irq(s, kTexts);
}

void run(Session& s, const IrqOptions& o) {
  auto& skel = s.keep<bpf::Skeleton<hardirqs_bpf>>(s, hardirqs_bpf__open_opts);
  run_irq<hardirqs_key>(s, o, skel, kTexts, key_name);
}

}  // namespace
}  // namespace corebox::tools::hardirqs

COREBOX_TOOL(hardirqs, corebox::tools::IrqOptions, corebox::tools::hardirqs::describe, corebox::tools::hardirqs::run);
