#include "hardirqs.h"

#include "core/irq_tool.h"
#include "hardirqs.skel.h"

namespace corebox::tools {
namespace {

constexpr core::IrqTexts kTexts{"hardirqs", "hard irq", "hardirq", "HARDIRQ", 26};

void describe(cli::Spec<core::IrqOptions>& s) {
  s.summary("Summarize hard IRQ (interrupt) event time");
  core::describe_irq(s, kTexts);
}

int run(Context& ctx, const core::IrqOptions& o) {
  core::Skeleton<hardirqs_bpf> skel(ctx, hardirqs_bpf__open_opts);
  return core::run_irq<hardirqs_key>(ctx, o, skel, kTexts, [](const hardirqs_key& k) {
    return std::string(k.name, strnlen(k.name, sizeof(k.name)));  // irqaction.name
  });
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(hardirqs, corebox::core::IrqOptions, corebox::tools::describe, corebox::tools::run);
