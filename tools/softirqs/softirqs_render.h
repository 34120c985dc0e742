#pragma once
#include "family/irq.h"
#include "softirqs.h"

namespace corebox::tools::softirqs {

inline constexpr IrqTexts kTexts{"softirqs", "soft irq", "softirq", "SOFTIRQ", 16};
using Options = IrqOptions;

// The name print_irq_totals() and print_irq_hists() show for a key: the vector's.
std::string key_name(const softirqs_key& k);

}  // namespace corebox::tools::softirqs
