// NDJSON: one object per event, histogram, table row or line, and a summary object.
// Keys are the records' own; records of an interval start with its "ts".
#include <cmath>

#include "output/hist.h"
#include "output/sink.h"

namespace corebox::output {
namespace {

class JsonSink final : public Sink {
 public:
  explicit JsonSink(Writer& w) : Sink(w) {}

  void note(std::string_view) override {}
  void header(const Schema&) override {}

  void row(const Schema& s, std::span<const Value> values) override {
    const auto& cols = s.columns();
    bool first = open();
    for (std::size_t i = 0; i < cols.size(); i++) {
      if (cols[i].key.empty()) continue;
      if (!first) w_.put(',');
      first = false;
      w_.put('"');
      w_.put(cols[i].key);
      w_.put("\":");
      column_value(cols[i], values[i]);
    }
    w_.put("}\n");
  }

  void hist(const Hist& h) override {
    bool first = open();
    fields(h.labels, first);
    if (!first) w_.put(',');
    json_hist_body(w_, h.slots, h.linear, h.base, h.step, h.unit);
    w_.put("}\n");
  }

  void line(const Line& l) override {
    bool first = open();
    fields(l.fields, first);
    w_.put("}\n");
  }

  void summary(const Summary& s) override {
    w_.put("{\"type\":\"summary\",\"tool\":");
    put_json_string(w_, s.tool);
    w_.put(",\"events\":");
    w_.put_uint(s.events);
    w_.put(",\"lost_events\":");
    w_.put_uint(s.lost);
    w_.put("}\n");
    w_.flush();
  }

  void begin_interval(double ts) override {
    in_interval_ = true;
    ts_ = ts;
  }
  void end_interval() override { in_interval_ = false; }

 private:
  // Opens an object, with the interval's "ts" first; true if nothing follows "{" yet.
  bool open() {
    w_.put('{');
    if (!in_interval_) return true;
    w_.put("\"ts\":");
    put_json_value(w_, ts_);
    return false;
  }

  void fields(std::span<const Field> fs, bool& first) {
    for (const Field& f : fs) {
      if (!first) w_.put(',');
      first = false;
      put_json_string(w_, f.key);
      w_.put(':');
      put_json_value(w_, f.value);
    }
  }

  void column_value(const Column& c, const Value& v) {
    switch (v.kind) {
      case Value::Kind::Int: w_.put_int(v.i); break;
      case Value::Kind::Uint: w_.put_uint(v.u); break;
      case Value::Kind::Bool: w_.put(v.b ? "true" : "false"); break;
      case Value::Kind::Str: put_json_string(w_, v.s); break;
      case Value::Kind::Double:
        if (!std::isfinite(v.d)) w_.put("null");
        else w_.put_fixed(v.d, c.fmt == Fmt::Clock ? 6 : 3);
        break;
    }
  }

  bool in_interval_ = false;
  double ts_ = 0;
};

}  // namespace

std::unique_ptr<Sink> make_json_sink(Writer& w) { return std::make_unique<JsonSink>(w); }

}  // namespace corebox::output
