// Prometheus text exposition (version 0.0.4). Samples of one family must be
// contiguous, so records are collected during an interval and written at its end, each
// family once with its # HELP and # TYPE. Units become base units (seconds, bytes) in
// the name and the values; a log2 histogram becomes cumulative buckets whose `le` is
// the exclusive upper bound of each slot (the BPF side truncates to whole units).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "output/sink.h"

namespace corebox::output {
namespace {

struct Unit {
  const char* suffix;  // base unit in the metric name, or ""
  double factor;       // base units per unit
  bool continuous;     // values were truncated to whole units
};

Unit unit_of(std::string_view u) {
  if (u == "usecs") return {"_seconds", 1e-6, true};
  if (u == "msecs") return {"_seconds", 1e-3, true};
  if (u == "nsecs") return {"_seconds", 1e-9, true};
  if (u == "Kbytes") return {"_bytes", 1024, true};
  if (u == "bytes") return {"_bytes", 1, false};
  return {"", 1, false};
}

// [a-zA-Z_:][a-zA-Z0-9_:]*; anything else becomes '_'.
std::string metric_name(std::string_view s) {
  std::string out = "corebox_";
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  return out;
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  // Shortest form that reads back the same.
  for (int p = 1; p <= 17; p++) {
    char s[32];
    std::snprintf(s, sizeof(s), "%.*g", p, v);
    if (std::strtod(s, nullptr) == v) return s;
  }
  return buf;
}

std::string value_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Int: return std::to_string(v.i);
    case Value::Kind::Uint: return std::to_string(v.u);
    case Value::Kind::Double: return number(v.d);
    case Value::Kind::Bool: return v.b ? "true" : "false";
    case Value::Kind::Str: return std::string(v.s);
  }
  return {};
}

// A label value: backslash, quote and newline escaped; invalid UTF-8 replaced.
void put_label_value(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else if (c < 0x20 || c == 0x7f) out += ' ';
    else if (c < 0x80) out += static_cast<char>(c);
    else {
      std::size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
      bool ok = n && i + n <= s.size();
      for (std::size_t k = 1; ok && k < n; k++) ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
      if (ok) {
        out.append(s.substr(i, n));
        i += n - 1;
      } else {
        out += "\xef\xbf\xbd";
      }
    }
  }
}

class PromSink final : public Sink {
 public:
  explicit PromSink(Writer& w) : Sink(w) {}

  void note(std::string_view) override {}
  void header(const Schema&) override {}

  void row(const Schema& s, std::span<const Value> values) override {
    if (!in_interval_) return;  // events are not metrics
    std::string labels;
    const auto& cols = s.columns();
    for (std::size_t i = 0; i < cols.size(); i++)
      if (cols[i].label && !cols[i].key.empty()) add_label(labels, cols[i].key, values[i]);
    for (std::size_t i = 0; i < cols.size(); i++) {
      const Value& v = values[i];
      if (cols[i].label || cols[i].key.empty() || v.kind == Value::Kind::Str || v.kind == Value::Kind::Bool) continue;
      gauge(std::string(s.metric()) + "_" + std::string(cols[i].key), labels, v);
    }
  }

  void hist(const Hist& h) override {
    const Unit u = unit_of(h.unit);
    std::string name = metric_name(h.metric);
    if (!h.linear && !std::string_view(u.suffix).empty()) name += u.suffix;
    std::string labels;
    for (const Field& f : h.labels) add_label(labels, f.key, f.value);
    Family& fam = family(name, "histogram", std::string(h.metric) + " distribution (" + std::string(h.unit) + ")");
    uint64_t cum = 0;
    for (std::size_t i = 0; i < h.slots.size(); i++) {
      cum += h.slots[i];
      double high;
      if (h.linear) high = static_cast<double>(h.base + (i + 1) * h.step) - (u.continuous ? 0 : 1);
      else high = static_cast<double>(i >= 63 ? ~0ULL : (2ULL << i) - (u.continuous ? 0 : 1));
      sample(fam, name + "_bucket", with(labels, "le=\"" + number(high * u.factor) + "\""), std::to_string(cum));
    }
    sample(fam, name + "_bucket", with(labels, "le=\"+Inf\""), std::to_string(cum));
    sample(fam, name + "_count", labels, std::to_string(cum));
    flush_if_outside();
  }

  void line(const Line& l) override {
    std::string labels;
    for (std::size_t i = 0; i < l.labels && i < l.fields.size(); i++) add_label(labels, l.fields[i].key, l.fields[i].value);
    for (std::size_t i = l.labels; i < l.fields.size(); i++) {
      const Value& v = l.fields[i].value;
      if (v.kind == Value::Kind::Str || v.kind == Value::Kind::Bool) continue;
      gauge(std::string(l.metric) + "_" + std::string(l.fields[i].key), labels, v);
    }
    flush_if_outside();
  }

  void summary(const Summary& s) override {
    std::string labels;
    add_label(labels, "tool", s.tool);
    Family& e = family("corebox_events_total", "counter", "events shown");
    sample(e, "corebox_events_total", labels, std::to_string(s.events));
    Family& l = family("corebox_lost_events_total", "counter", "events lost (ring full, malformed)");
    sample(l, "corebox_lost_events_total", labels, std::to_string(s.lost));
    write();
    w_.flush();
  }

  void begin_interval(double) override { in_interval_ = true; }
  void end_interval() override {
    in_interval_ = false;
    write();
  }

 private:
  struct Family {
    std::string help, type;
    std::vector<std::string> lines;
  };

  Family& family(const std::string& name, const char* type, std::string help) {
    auto [it, fresh] = families_.try_emplace(name);
    if (fresh) {
      it->second.type = type;
      it->second.help = std::move(help);
      order_.push_back(name);
    }
    return it->second;
  }

  void gauge(const std::string& metric, const std::string& labels, const Value& v) {
    std::string name = metric_name(metric);
    // Suffixes Prometheus reserves for histograms, summaries and counters.
    for (std::string_view reserved : {"_count", "_sum", "_bucket", "_total", "_created", "_info"})
      if (name.size() > reserved.size() && name.compare(name.size() - reserved.size(), reserved.size(), reserved) == 0) {
        name += "_value";
        break;
      }
    sample(family(name, "gauge", metric + " in the last interval"), name, labels, value_text(v));
  }

  static void add_label(std::string& labels, std::string_view key, const Value& v) {
    if (!labels.empty()) labels += ',';
    for (char c : key) labels += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    labels += "=\"";
    put_label_value(labels, v.kind == Value::Kind::Str ? std::string(v.s) : value_text(v));
    labels += '"';
  }
  static std::string with(const std::string& labels, const std::string& more) {
    return labels.empty() ? more : labels + "," + more;
  }
  static void sample(Family& f, const std::string& name, const std::string& labels, const std::string& value) {
    f.lines.push_back(labels.empty() ? name + " " + value : name + "{" + labels + "} " + value);
  }

  void flush_if_outside() {
    if (!in_interval_) write();
  }

  void write() {
    for (const std::string& name : order_) {
      const Family& f = families_[name];
      w_.put("# HELP ");
      w_.put(name);
      w_.put(' ');
      w_.put(f.help);
      w_.put("\n# TYPE ");
      w_.put(name);
      w_.put(' ');
      w_.put(f.type);
      w_.put('\n');
      for (const std::string& l : f.lines) {
        w_.put(l);
        w_.put('\n');
      }
    }
    families_.clear();
    order_.clear();
  }

  bool in_interval_ = false;
  std::map<std::string, Family> families_;
  std::vector<std::string> order_;
};

}  // namespace

std::unique_ptr<Sink> make_prom_sink(Writer& w) { return std::make_unique<PromSink>(w); }

}  // namespace corebox::output
