#include "hardirqs.h"

#include "family/irq.h"
#include "hardirqs.skel.h"

namespace corebox::tools {
namespace {

constexpr IrqTexts kTexts{"hardirqs", "hard irq", "hardirq", "HARDIRQ", 26};

void describe(cli::Spec<IrqOptions>& s) {
  s.summary("Summarize hard IRQ (interrupt) event time");
  describe_irq(s, kTexts);
}

void run(Session& s, const IrqOptions& o) {
  auto& skel = s.keep<bpf::Skeleton<hardirqs_bpf>>(s, hardirqs_bpf__open_opts);
  run_irq<hardirqs_key>(s, o, skel, kTexts, [](const hardirqs_key& k) {
    return std::string(k.name, strnlen(k.name, sizeof(k.name)));  // irqaction.name
  });
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(hardirqs, corebox::tools::IrqOptions, corebox::tools::describe, corebox::tools::run);
