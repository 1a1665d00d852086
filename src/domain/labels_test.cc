// The C++ labels and the web UI's (web/src/labels.ts) say the same words.
#include "domain/labels.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace robocall::domain {
namespace {

// The `key: 'Label',` lines of `export const <table>` in web/src/labels.ts.
std::map<std::string, std::string> web_table(const std::string& table) {
  std::ifstream in(std::string(ROBOCALL_WEB_SRC_DIR) + "/labels.ts");
  EXPECT_TRUE(in) << "web/src/labels.ts is missing";
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  const auto start = source.find("export const " + table + ":");
  EXPECT_NE(start, std::string::npos) << table << " is not in web/src/labels.ts";
  if (start == std::string::npos) return {};
  const auto end = source.find("};", start);
  const std::string body = source.substr(start, end - start);
  std::map<std::string, std::string> out;
  static const std::regex kLine(R"(\n\s*(\w+): '([^']*)',)");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kLine);
       it != std::sregex_iterator(); ++it) {
    out[(*it)[1]] = (*it)[2];
  }
  return out;
}

template <typename Enum>
void expect_same_words(const std::string& table, std::initializer_list<Enum> values) {
  auto web = web_table(table);
  for (Enum v : values) {
    const std::string key(to_string(v));
    EXPECT_EQ(web[key], label(v)) << table << "." << key;
    web.erase(key);
  }
  EXPECT_TRUE(web.empty()) << table << " has a key the server does not: " << web.begin()->first;
}

TEST(Labels, the_web_ui_names_every_outcome_with_the_same_words) {
  expect_same_words<CallOutcome>(
      "outcomeText",
      {CallOutcome::kConfirmed, CallOutcome::kCancelled, CallOutcome::kNoAnswer, CallOutcome::kBusy,
       CallOutcome::kUnavailable, CallOutcome::kNoInput, CallOutcome::kFailed,
       CallOutcome::kConfigError, CallOutcome::kInterrupted, CallOutcome::kNotVerified});
}

TEST(Labels, the_web_ui_names_every_task_state_with_the_same_words) {
  expect_same_words<TaskState>(
      "taskStateText",
      {TaskState::kPending, TaskState::kCalling, TaskState::kConfirmed, TaskState::kCancelled,
       TaskState::kExhausted, TaskState::kExpired, TaskState::kNotVerified, TaskState::kWithdrawn});
}

TEST(Labels, the_web_ui_names_every_list_status_with_the_same_words) {
  expect_same_words<ListStatus>(
      "listStatusText", {ListStatus::kConfirmed, ListStatus::kCancelled, ListStatus::kUnknown});
}

TEST(Labels, the_web_ui_names_every_role_with_the_same_words) {
  expect_same_words<Role>("roleText", {Role::kAdmin, Role::kRegistrar});
}

}  // namespace
}  // namespace robocall::domain
