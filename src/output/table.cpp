#include "output/table.h"

#include <charconv>
#include <cmath>
#include <ctime>

namespace corebox::output {

Table::Table(Writer& w, bool json, std::vector<Column> columns) : w_(w), json_(json), cols_(std::move(columns)) {}

void Table::header() {
  if (json_) return;
  std::size_t last = 0;
  for (std::size_t i = 0; i < cols_.size(); i++)
    if (cols_[i].shown && !cols_[i].header.empty()) last = i;
  bool first = true;
  for (std::size_t i = 0; i < cols_.size(); i++) {
    const Column& c = cols_[i];
    if (!c.shown || c.header.empty()) continue;
    if (!first) w_.put(' ');
    first = false;
    const std::size_t pad = c.width > static_cast<int>(c.header.size()) ? c.width - c.header.size() : 0;
    if (c.right) w_.pad(pad);
    w_.put(c.header);
    if (!c.right && i != last) w_.pad(pad);
  }
  w_.put('\n');
}

void Table::row(std::initializer_list<Value> values) {
  const Value* v = values.begin();
  const std::size_t n = std::min(values.size(), cols_.size());
  if (json_) {
    w_.put('{');
    bool first = true;
    for (std::size_t i = 0; i < n; i++) {
      if (cols_[i].key.empty()) continue;
      if (!first) w_.put(',');
      first = false;
      w_.put('"');
      w_.put(cols_[i].key);
      w_.put("\":");
      json_value(cols_[i], v[i]);
    }
    w_.put("}\n");
    return;
  }
  std::size_t last = 0;
  for (std::size_t i = 0; i < n; i++)
    if (cols_[i].shown && !cols_[i].header.empty()) last = i;
  bool first = true;
  for (std::size_t i = 0; i < n; i++) {
    if (!cols_[i].shown || cols_[i].header.empty()) continue;
    if (!first) w_.put(' ');
    first = false;
    text_cell(cols_[i], v[i], i == last);
  }
  w_.put('\n');
}

void Table::text_cell(const Column& c, const Value& v, bool last) {
  char tmp[32];
  std::string_view text;
  switch (v.kind) {
    case Value::Kind::Str: {
      const std::size_t width = text_width(v.s);
      const std::size_t pad = c.width > static_cast<int>(width) ? c.width - width : 0;
      if (c.right) w_.pad(pad);
      put_text(w_, v.s);
      if (!c.right && !last) w_.pad(pad);
      return;
    }
    case Value::Kind::Bool: text = v.b ? "yes" : "no"; break;
    case Value::Kind::Double:
      if (c.fmt == Fmt::Clock) {
        const auto sec = static_cast<int64_t>(v.d);
        if (sec != clock_sec_) {
          const time_t t = sec;
          tm lt{};
          localtime_r(&t, &lt);
          strftime(clock_, sizeof(clock_), "%H:%M:%S", &lt);
          clock_sec_ = sec;
        }
        text = std::string_view(clock_, 8);
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
        w_.pad(0);
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

void Table::json_value(const Column& c, const Value& v) {
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

void summary(Writer& out, bool json, std::string_view tool, uint64_t events, uint64_t lost) {
  if (json) {
    out.put("{\"type\":\"summary\",\"tool\":");
    put_json_string(out, tool);
    out.put(",\"events\":");
    out.put_uint(events);
    out.put(",\"lost_events\":");
    out.put_uint(lost);
    out.put("}\n");
    out.flush();
    return;
  }
  out.flush();
  Writer err(2, 256);
  err.put(tool);
  err.put(": ");
  err.put_uint(events);
  err.put(" events, ");
  err.put_uint(lost);
  err.put(" lost\n");
}

}  // namespace corebox::output
