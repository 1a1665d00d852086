// Call statistics (docs/BEHAVIOUR.md "Statistics"): the finished attempts
// whose call started on the local dates [from, to], optionally of one
// campaign's tasks, counted by outcome, by day and by hour of the day. Read
// in one read transaction, so the aggregates agree. Borrows a Connection:
// use it on that thread only.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "common/result.h"
#include "domain/outcome.h"
#include "store/connection.h"

namespace robocall::store {

// The longest range a request may ask for: a leap year.
inline constexpr int kMaxStatisticsDays = 366;

struct StatisticsQuery {
  std::chrono::year_month_day from;  // local dates, both ends inclusive
  std::chrono::year_month_day to;
  std::optional<std::int64_t> campaign_id;
};

struct CallCounts {
  std::int64_t calls = 0;     // finished attempts
  std::int64_t answered = 0;  // of which the patient's side picked up
  // Every outcome of domain::all_outcomes(), zeros included.
  std::map<domain::CallOutcome, std::int64_t> by_outcome;
};

struct DayStatistics {
  std::chrono::year_month_day date;
  CallCounts counts;
};

struct HourStatistics {
  std::int64_t calls = 0;
  std::int64_t answered = 0;
};

struct Statistics {
  CallCounts totals;
  std::int64_t patients = 0;               // distinct tasks called
  std::vector<DayStatistics> days;         // every date of the range, in order
  std::array<HourStatistics, 24> hours{};  // by the local hour the call started
};

// Invalid (a Russian message) when from is after to or the range is longer
// than kMaxStatisticsDays. Pure.
Status check_statistics_range(std::chrono::year_month_day from, std::chrono::year_month_day to);

Result<Statistics> read_statistics(Connection& db, const StatisticsQuery& query);

}  // namespace robocall::store
