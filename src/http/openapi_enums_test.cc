// The enums of docs/openapi.yaml list exactly the names the server sends
// (docs/DESIGN.md "Web UI types"): the web UI's types and its Russian label
// tables are generated from those lists, so a name missing there would reach
// the UI without a label.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "domain/calendar.h"
#include "domain/call_progress.h"
#include "domain/outcome.h"
#include "domain/role.h"
#include "domain/task.h"
#include "http/openapi_document.h"
#include "importing/row_validation.h"

namespace robocall::http {
namespace {

// The `enum: [a, b]` of the schema `name` under components/schemas, or an
// empty set when the schema or its enum line is missing.
std::set<std::string> document_enum(const std::string& name) {
  const std::string_view doc = openapi_document();
  const auto schemas = doc.find("\n  schemas:\n");
  if (schemas == std::string_view::npos) return {};
  const auto start = doc.find("\n    " + name + ":\n", schemas);
  if (start == std::string_view::npos) return {};
  // The schema ends where the next one (four spaces, a name) begins.
  auto end = start + 1;
  do {
    end = doc.find("\n    ", end + 1);
  } while (end != std::string_view::npos && doc.substr(end + 5, 1) == " ");
  const auto body = doc.substr(start, end == std::string_view::npos ? doc.npos : end - start);
  const auto open = body.find("enum: [");
  if (open == std::string_view::npos) return {};
  const auto close = body.find(']', open);
  std::set<std::string> names;
  std::string current;
  for (char c : body.substr(open + 7, close - open - 7)) {
    if (c == ',') {
      names.insert(current);
      current.clear();
    } else if (c != ' ') {
      current += c;
    }
  }
  if (!current.empty()) names.insert(current);
  return names;
}

template <typename Enum>
std::set<std::string> server_names(std::initializer_list<Enum> values) {
  std::set<std::string> names;
  for (Enum v : values) names.insert(std::string(to_string(v)));
  return names;
}

TEST(OpenApiEnums, the_document_reads_an_enum_list) {
  EXPECT_EQ(document_enum("Role"), (std::set<std::string>{"admin", "registrar"}));
  EXPECT_TRUE(document_enum("NoSuchSchema").empty());
}

TEST(OpenApiEnums, the_document_lists_every_call_outcome) {
  std::set<std::string> names;
  for (auto outcome : domain::all_outcomes()) names.emplace(domain::to_string(outcome));
  EXPECT_EQ(names.size(), 10u);
  EXPECT_EQ(document_enum("Outcome"), names);
}

TEST(OpenApiEnums, the_document_lists_every_task_state_and_list_status) {
  using domain::ListStatus;
  using domain::TaskState;
  EXPECT_EQ(document_enum("TaskState"),
            server_names({TaskState::kPending, TaskState::kCalling, TaskState::kConfirmed,
                          TaskState::kCancelled, TaskState::kExhausted, TaskState::kExpired,
                          TaskState::kNotVerified, TaskState::kWithdrawn}));
  EXPECT_EQ(document_enum("ListStatus"),
            server_names({ListStatus::kConfirmed, ListStatus::kCancelled, ListStatus::kUnknown}));
}

TEST(OpenApiEnums, calls_kind_lists_every_kind_of_the_calls_text) {
  using domain::CallsKind;
  EXPECT_EQ(document_enum("CallsKind"),
            server_names({CallsKind::kWaiting, CallsKind::kCalling, CallsKind::kRetrying,
                          CallsKind::kUnreached, CallsKind::kPassed, CallsKind::kWithdrawn,
                          CallsKind::kDone}));
}

TEST(OpenApiEnums, the_document_lists_every_role_and_day_mode) {
  using domain::DayMode;
  using domain::Role;
  EXPECT_EQ(document_enum("Role"), server_names({Role::kAdmin, Role::kRegistrar}));
  EXPECT_EQ(document_enum("DayMode"),
            server_names({DayMode::kWorking, DayMode::kShortened, DayMode::kDayOff}));
}

TEST(OpenApiEnums, the_document_lists_every_skip_reason_already_loaded_too) {
  using importing::SkipReason;
  EXPECT_EQ(document_enum("SkipReason"),
            server_names({SkipReason::kBadPhone, SkipReason::kMissingField, SkipReason::kDuplicate,
                          SkipReason::kBadDate, SkipReason::kPastAppointment,
                          SkipReason::kAlreadyLoaded}));
}

}  // namespace
}  // namespace robocall::http
