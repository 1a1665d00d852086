// PrometheusText: writes metrics in the Prometheus text exposition format
// (version 0.0.4): per family a "# HELP" and a "# TYPE" line, then its
// samples, label values escaped (\\, \", \n). Pure; one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/metrics.h"

namespace robocall {

using Labels = std::vector<std::pair<std::string_view, std::string>>;

class PrometheusText {
 public:
  // Starts a family; type is "counter", "gauge" or "histogram".
  void family(std::string_view name, std::string_view type, std::string_view help);
  void sample(std::string_view name, const Labels& labels, double value);
  void sample(std::string_view name, const Labels& labels, std::uint64_t value);
  // name_bucket (cumulative, le="+Inf" last), name_sum and name_count.
  void histogram(std::string_view name, const Labels& labels, const HistogramSnapshot& h);

  const std::string& text() const { return out_; }

 private:
  void series(std::string_view name, const Labels& labels, std::string_view extra_label = {},
              std::string_view extra_value = {});
  std::string out_;
};

// "0.25", "3", "1e-05", "+Inf": the shortest text that reads back as value.
std::string metric_number(double value);

}  // namespace robocall
