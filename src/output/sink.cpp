#include "output/sink.h"

#include "base/error.h"

namespace corebox::output {

std::unique_ptr<Sink> make_text_sink(Writer& w);
std::unique_ptr<Sink> make_json_sink(Writer& w);
std::unique_ptr<Sink> make_prom_sink(Writer& w);

Schema::Schema(std::vector<Column> columns, std::string_view metric, Layout layout)
    : cols_(std::move(columns)), metric_(metric), layout_(layout) {
  for (std::size_t i = 0; i < cols_.size(); i++)
    if (cols_[i].shown && !cols_[i].header.empty()) last_shown_ = i;
}

std::unique_ptr<Sink> make_sink(Format f, Writer& w) {
  switch (f) {
    case Format::Json: return make_json_sink(w);
    case Format::Prometheus: return make_prom_sink(w);
    case Format::Text: break;
  }
  return make_text_sink(w);
}

}  // namespace corebox::output
