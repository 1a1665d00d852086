// SettingsRepo: the administrator's settings (key → JSON text), the date
// exceptions of the working calendar, and the eight phrases of the call.
// Borrows a Connection: use it on that connection's thread only.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/calendar.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

struct DateException {
  std::chrono::year_month_day date{};
  domain::DayMode mode = domain::DayMode::kDayOff;
  bool provisional = false;  // from a draft of the production calendar
  std::string source;        // where it came from, e.g. "production-calendar-2026"
};

struct Phrase {
  int number = 0;  // domain/phrases.h, docs/BEHAVIOUR.md "Call script"
  std::string text;
  std::optional<std::string> recording;  // uploaded WAV replacing synthesis
  domain::Instant updated{};
};

class SettingsRepo {
 public:
  explicit SettingsRepo(Connection& db) : db_(db) {}

  // The JSON text stored under `key`, or nullopt.
  Result<std::optional<std::string>> get(std::string_view key);
  Result<std::map<std::string, std::string>> all();
  // Stores a JSON text; text that is not JSON is kInvalidArgument.
  Status put(std::string_view key, std::string_view json, std::string_view user,
             domain::Instant now);

  // Date exceptions of one year (or every year), by date.
  Result<std::vector<DateException>> exceptions(std::optional<int> year = std::nullopt);
  // Replaces every exception of `year` with `exceptions`, in one transaction.
  // A date outside the year or given twice is kInvalidArgument.
  Status replace_year(int year, std::span<const DateException> exceptions);

  // The stored phrases, by number (numbers never stored are absent).
  Result<std::vector<Phrase>> phrases();
  Status put_phrase(const Phrase& phrase);

 private:
  Connection& db_;
};

}  // namespace robocall::store
