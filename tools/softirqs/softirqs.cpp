#include "softirqs.h"

#include "family/irq.h"
#include "softirqs.skel.h"

namespace corebox::tools {
namespace {

constexpr IrqTexts kTexts{"softirqs", "soft irq", "softirq", "SOFTIRQ", 16};

// The softirq vectors (include/linux/interrupt.h), stable since 4.1.
std::string vec_name(const softirqs_key& k) {
  static const char* const kNames[] = {"hi", "timer", "net_tx", "net_rx", "block",
                                       "irq_poll", "tasklet", "sched", "hrtimer", "rcu"};
  return k.vec < std::size(kNames) ? kNames[k.vec] : "vec" + std::to_string(k.vec);
}

void describe(cli::Spec<IrqOptions>& s) {
  s.summary("Summarize soft IRQ event time");
  describe_irq(s, kTexts);
}

int run(Context& ctx, const IrqOptions& o) {
  bpf::Skeleton<softirqs_bpf> skel(ctx, softirqs_bpf__open_opts);
  return run_irq<softirqs_key>(ctx, o, skel, kTexts, vec_name);
}

}  // namespace
}  // namespace corebox::tools

COREBOX_TOOL(softirqs, corebox::tools::IrqOptions, corebox::tools::describe, corebox::tools::run);
