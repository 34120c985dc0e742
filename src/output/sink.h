#pragma once
#include <memory>
#include <span>
#include <string_view>

#include "output/records.h"
#include "output/writer.h"

namespace corebox::output {

// Renders records. One sink per output format; a host gives each session one.
class Sink {
 public:
  virtual ~Sink() = default;

  // Text for a person reading the terminal (banners, blank lines, the -T clock):
  // shown by the text sink only.
  virtual void note(std::string_view text) = 0;
  virtual void header(const Schema& s) = 0;
  virtual void row(const Schema& s, std::span<const Value> values) = 0;
  virtual void hist(const Hist& h) = 0;
  virtual void line(const Line& l) = 0;
  virtual void summary(const Summary& s) = 0;
  // Records between these two belong to one interval of an aggregating tool, taken at
  // wall-clock time `ts` (JSON gives every such record a "ts").
  virtual void begin_interval(double ts) = 0;
  virtual void end_interval() = 0;

  Writer& writer() { return w_; }
  void flush() { w_.flush(); }

 protected:
  explicit Sink(Writer& w) : w_(w) {}
  Writer& w_;
};

enum class Format { Text, Json, Prometheus };

std::unique_ptr<Sink> make_sink(Format f, Writer& w);

}  // namespace corebox::output
