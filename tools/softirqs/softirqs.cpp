#include "softirqs_render.h"

#include "softirqs.skel.h"

namespace corebox::tools::softirqs {

// The softirq vectors (include/linux/interrupt.h), stable since 4.1.
std::string key_name(const softirqs_key& k) {
  static const char* const kNames[] = {"hi", "timer", "net_tx", "net_rx", "block",
                                       "irq_poll", "tasklet", "sched", "hrtimer", "rcu"};
  return k.vec < std::size(kNames) ? kNames[k.vec] : "vec" + std::to_string(k.vec);
}

namespace {

void describe(cli::Spec<IrqOptions>& s) {
  s.summary("Summarize soft IRQ event time");
  describe_irq(s, kTexts);
}

void run(Session& s, const IrqOptions& o) {
  auto& skel = s.keep<bpf::Skeleton<softirqs_bpf>>(s, softirqs_bpf__open_opts);
  run_irq<softirqs_key>(s, o, skel, kTexts, key_name);
}

}  // namespace
}  // namespace corebox::tools::softirqs

COREBOX_TOOL(softirqs, corebox::tools::IrqOptions, corebox::tools::softirqs::describe, corebox::tools::softirqs::run);
