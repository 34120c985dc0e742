#pragma once
#include "family/irq.h"
#include "hardirqs.h"

namespace corebox::tools::hardirqs {

inline constexpr IrqTexts kTexts{"hardirqs", "hard irq", "hardirq", "HARDIRQ", 26};
using Options = IrqOptions;

// The name print_irq_totals() and print_irq_hists() show for a key: irqaction.name.
std::string key_name(const hardirqs_key& k);

}  // namespace corebox::tools::hardirqs
