// How a domain::Task maps to a row of `tasks`: the column list every task
// query selects, and the conversions of dates, instants and extra fields.
// Internal to the store; pure functions, any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::store {

// The columns read_task() expects, in order, optionally qualified ("t.").
std::string task_columns(std::string_view qualifier = {});

// Reads the row the statement stands on, selected with task_columns().
Result<domain::Task> read_task(const Statement& stmt);

std::int64_t to_unix(domain::Instant instant);
domain::Instant from_unix(std::int64_t seconds);
std::optional<std::int64_t> to_unix(const std::optional<domain::Instant>& instant);

std::string date_text(std::chrono::year_month_day date);  // YYYY-MM-DD
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

// A new task's own columns bound at parameters first..first+6 in this order:
// external_id (NULL when empty), phone, full_name, appointment, birth_date,
// extra, next_attempt (`now` when unset). kInvalidArgument for an invalid
// birth date or an appointment before 1970, which no stored task may have.
Status bind_new_task(Statement& stmt, const domain::Task& task, domain::Instant now, int first = 1);

// kConflict: a task with this external id is stored already.
Error external_id_taken(std::string_view external_id);

// Extra fields as an ordered JSON array of [name, value] pairs.
std::string extra_to_json(const domain::ExtraFields& extra);
Result<domain::ExtraFields> extra_from_json(std::string_view json);

}  // namespace robocall::store
