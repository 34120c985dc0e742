// bcc's text layouts: padded columns, log2 and linear histograms with star bars, the
// summary line on stderr.
#include <charconv>
#include <ctime>

#include "output/hist.h"
#include "output/sink.h"

namespace corebox::output {
namespace {

class TextSink final : public Sink {
 public:
  explicit TextSink(Writer& w) : Sink(w) {}

  void note(std::string_view text) override { w_.put(text); }

  void header(const Schema& s) override {
    if (s.layout() != Layout::Columns) return;
    bool first = true;
    const auto& cols = s.columns();
    for (std::size_t i = 0; i < cols.size(); i++) {
      const Column& c = cols[i];
      if (!c.shown || c.header.empty()) continue;
      if (!first) w_.put(' ');
      first = false;
      const std::size_t pad = c.width > static_cast<int>(c.header.size()) ? c.width - c.header.size() : 0;
      if (c.right) w_.pad(pad);
      w_.put(c.header);
      if (!c.right && i != s.last_shown()) w_.pad(pad);
    }
    w_.put('\n');
  }

  void row(const Schema& s, std::span<const Value> values) override {
    const auto& cols = s.columns();
    if (s.layout() == Layout::Detail) {
      for (std::size_t i = 0; i < cols.size(); i++) {
        if (!cols[i].shown || cols[i].header.empty()) continue;
        w_.put(cols[i].header);
        w_.put(": ");
        cell(Column{.fmt = cols[i].fmt}, values[i], true);
        w_.put('\n');
      }
      w_.put('\n');
      return;
    }
    bool first = true;
    for (std::size_t i = 0; i < cols.size(); i++) {
      if (!cols[i].shown || cols[i].header.empty()) continue;
      if (!first) w_.put(' ');
      first = false;
      cell(cols[i], values[i], i == s.last_shown());
    }
    w_.put('\n');
  }

  void hist(const Hist& h) override {
    bool open = false;
    for (const Field& f : h.labels) {
      if (f.join) {
        if (open) {
          w_.put(' ');
          label_value(f.value);
        }
        continue;
      }
      if (f.title.empty()) continue;
      if (open) w_.put('\n');
      if (h.text == HistText::Blank) w_.put('\n');
      w_.put(f.title);
      w_.put(" = ");
      label_value(f.value);
      open = true;
    }
    if (open) w_.put('\n');
    if (h.linear) print_linear_hist(w_, h.slots, h.base, h.step, h.unit);
    else print_log2_hist(w_, h.slots, h.unit);
    if (h.text == HistText::Trailing) w_.put('\n');
  }

  void line(const Line& l) override {
    w_.put(l.text);
    w_.put('\n');
  }

  void summary(const Summary& s) override {
    w_.flush();
    Writer err(2, 256);
    err.put(s.tool);
    err.put(": ");
    err.put_uint(s.events);
    err.put(" events, ");
    err.put_uint(s.lost);
    err.put(" lost\n");
  }

  void begin_interval(double) override {}
  void end_interval() override {}

 private:
  void label_value(const Value& v) {
    switch (v.kind) {
      case Value::Kind::Int: w_.put_int(v.i); break;
      case Value::Kind::Uint: w_.put_uint(v.u); break;
      case Value::Kind::Double: w_.put_fixed(v.d, 3); break;
      case Value::Kind::Str: put_text(w_, v.s); break;
      case Value::Kind::Bool: w_.put(v.b ? "yes" : "no"); break;
    }
  }

  void cell(const Column& c, const Value& v, bool last) {
    char tmp[32];
    std::string_view text;
    switch (v.kind) {
      case Value::Kind::Str: {
        const std::size_t width = text_width(v.s) + (v.is_cut() ? 3 : 0);
        const std::size_t pad = c.width > static_cast<int>(width) ? c.width - width : 0;
        if (c.right) w_.pad(pad);
        put_text(w_, v.s);
        if (v.is_cut()) w_.put("...");
        if (!c.right && !last) w_.pad(pad);
        return;
      }
      case Value::Kind::Bool: text = v.b ? "yes" : "no"; break;
      case Value::Kind::Double:
        if (c.fmt == Fmt::Clock) {
          text = clock(v.d);
        } else {
          auto r = std::to_chars(tmp, tmp + sizeof(tmp), v.d, std::chars_format::fixed, 3);
          text = std::string_view(tmp, static_cast<std::size_t>(r.ptr - tmp));
        }
        break;
      case Value::Kind::Int:
      case Value::Kind::Uint: {
        std::to_chars_result r;
        const int base = c.fmt == Fmt::Oct8 ? 8 : 10;
        if (v.kind == Value::Kind::Int) r = std::to_chars(tmp, tmp + sizeof(tmp), v.i, base);
        else r = std::to_chars(tmp, tmp + sizeof(tmp), v.u, base);
        text = std::string_view(tmp, static_cast<std::size_t>(r.ptr - tmp));
        if (c.fmt == Fmt::Oct8 && text.size() < 8) {
          for (std::size_t k = text.size(); k < 8; k++) w_.put('0');
          const std::size_t pad = c.width > 8 ? c.width - 8 : 0;
          w_.put(text);
          if (!last) w_.pad(pad);
          return;
        }
        break;
      }
    }
    const std::size_t pad = c.width > static_cast<int>(text.size()) ? c.width - text.size() : 0;
    if (c.right) w_.pad(pad);
    w_.put(text);
    if (!c.right && !last) w_.pad(pad);
  }

  // HH:MM:SS in local time, formatted once per second.
  std::string_view clock(double t) {
    const auto sec = static_cast<int64_t>(t);
    if (sec != clock_sec_) {
      const time_t tt = sec;
      tm lt{};
      localtime_r(&tt, &lt);
      strftime(clock_, sizeof(clock_), "%H:%M:%S", &lt);
      clock_sec_ = sec;
    }
    return std::string_view(clock_, 8);
  }

  int64_t clock_sec_ = -1;
  char clock_[9] = {};
};

}  // namespace

std::unique_ptr<Sink> make_text_sink(Writer& w) { return std::make_unique<TextSink>(w); }

}  // namespace corebox::output
