#include "common/prometheus_text.h"

#include <gtest/gtest.h>

#include <thread>

namespace robocall {
namespace {

TEST(PrometheusText, a_counter_family_is_written_with_help_type_and_labelled_samples) {
  PrometheusText out;
  out.family("robocall_calls_ended_total", "counter", "Calls ended, by outcome and SIP code.");
  out.sample("robocall_calls_ended_total", {{"outcome", "busy"}, {"sip_code", "486"}},
             std::uint64_t{3});
  out.sample("robocall_calls_ended_total", {}, std::uint64_t{0});
  EXPECT_EQ(out.text(),
            "# HELP robocall_calls_ended_total Calls ended, by outcome and SIP code.\n"
            "# TYPE robocall_calls_ended_total counter\n"
            "robocall_calls_ended_total{outcome=\"busy\",sip_code=\"486\"} 3\n"
            "robocall_calls_ended_total 0\n");
}

TEST(PrometheusText, label_values_escape_backslash_quote_and_newline) {
  PrometheusText out;
  out.sample("m", {{"error", "a\\b \"c\"\nd"}}, 1.5);
  EXPECT_EQ(out.text(), "m{error=\"a\\\\b \\\"c\\\"\\nd\"} 1.5\n");
}

TEST(PrometheusText, help_text_escapes_backslash_and_newline_but_not_quotes) {
  PrometheusText out;
  out.family("m", "gauge", "say \"x\"\\\n");
  EXPECT_EQ(out.text(), "# HELP m say \"x\"\\\\\\n\n# TYPE m gauge\n");
}

TEST(PrometheusText, a_histogram_has_cumulative_buckets_ending_in_inf_a_sum_and_a_count) {
  const double bounds[] = {0.005, 0.1};
  Histogram h(bounds);
  h.observe(0.001);
  h.observe(0.005);  // on a bound: counted in that bucket
  h.observe(0.05);
  h.observe(3);
  PrometheusText out;
  out.histogram("robocall_http_request_seconds", {{"route", "/api/tasks"}}, h.snapshot());
  EXPECT_EQ(out.text(),
            "robocall_http_request_seconds_bucket{route=\"/api/tasks\",le=\"0.005\"} 2\n"
            "robocall_http_request_seconds_bucket{route=\"/api/tasks\",le=\"0.1\"} 3\n"
            "robocall_http_request_seconds_bucket{route=\"/api/tasks\",le=\"+Inf\"} 4\n"
            "robocall_http_request_seconds_sum{route=\"/api/tasks\"} 3.056\n"
            "robocall_http_request_seconds_count{route=\"/api/tasks\"} 4\n");
}

TEST(PrometheusText, numbers_are_written_in_their_shortest_exact_form) {
  struct Case {
    double value;
    const char* text;
  };
  const Case cases[] = {{0, "0"},
                        {3, "3"},
                        {0.25, "0.25"},
                        {1e-05, "1e-05"},
                        {1e21, "1e+21"},
                        {1.0 / 0.0, "+Inf"},
                        {-1.0 / 0.0, "-Inf"}};
  for (const auto& c : cases) EXPECT_EQ(metric_number(c.value), c.text) << c.text;
}

TEST(Metrics, counters_and_histograms_count_every_increment_from_many_threads) {
  Counter counter;
  Histogram h(kLatencyBounds);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        counter.add();
        h.observe(0.002);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter.value(), 4000u);
  const auto s = h.snapshot();
  EXPECT_EQ(s.count(), 4000u);
  EXPECT_EQ(s.counts[1], 4000u);  // 0.001 < 0.002 <= 0.0025
}

TEST(Metrics, fine_counts_fall_under_the_first_bound_their_upper_edge_fits) {
  // 10 us fine buckets; bounds 20 us and 50 us; the last fine bucket is open-ended.
  const std::uint64_t fine[] = {1, 2, 3, 4, 5, 6, 7};
  const double bounds[] = {0.00002, 0.00005};
  const auto h = histogram_from_fine(fine, 0.00001, bounds, 0.5);
  EXPECT_EQ(h.counts, (std::vector<std::uint64_t>{1 + 2, 3 + 4 + 5, 6 + 7}));
  EXPECT_EQ(h.sum, 0.5);
  EXPECT_EQ(h.count(), 28u);
}

}  // namespace
}  // namespace robocall
