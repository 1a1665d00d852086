#include "store/pg_sql.h"

#include <cctype>

namespace robocall::store {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ident(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The end of a quoted run starting at `at` (on the opening quote); quotes
// doubled inside stay inside, backslashes escape in E'…' strings.
std::size_t skip_quoted(std::string_view sql, std::size_t at, bool backslashes) {
  const char quote = sql[at];
  std::size_t i = at + 1;
  while (i < sql.size()) {
    if (backslashes && sql[i] == '\\') {
      i += 2;
      continue;
    }
    if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

// A dollar-quote opening tag at `at` ("$$" or "$name$"), or empty.
std::string_view dollar_tag(std::string_view sql, std::size_t at) {
  std::size_t i = at + 1;
  if (i < sql.size() && is_digit(sql[i])) return {};  // $1: a parameter
  while (i < sql.size() && is_ident(sql[i])) ++i;
  if (i < sql.size() && sql[i] == '$') return sql.substr(at, i - at + 1);
  return {};
}

}  // namespace

PostgresSql to_postgres_placeholders(std::string_view sql) {
  PostgresSql out;
  out.sql.reserve(sql.size() + 8);
  std::size_t i = 0;
  auto copy_to = [&](std::size_t end) {
    out.sql.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    const bool word_before = i > 0 && is_ident(sql[i - 1]);
    if (c == '\'') {
      const bool escapes = word_before && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           !(i > 1 && is_ident(sql[i - 2]));
      copy_to(skip_quoted(sql, i, escapes));
    } else if (c == '"') {
      copy_to(skip_quoted(sql, i, false));
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto end = sql.find('\n', i);
      copy_to(end == std::string_view::npos ? sql.size() : end);
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto end = sql.find("*/", i + 2);
      copy_to(end == std::string_view::npos ? sql.size() : end + 2);
    } else if (c == '$' && !word_before && !dollar_tag(sql, i).empty()) {
      const auto tag = dollar_tag(sql, i);
      const auto end = sql.find(tag, i + tag.size());
      copy_to(end == std::string_view::npos ? sql.size() : end + tag.size());
    } else if (c == '?') {
      std::size_t j = i + 1;
      int number = 0;
      while (j < sql.size() && is_digit(sql[j]) && number < 100000) {
        number = number * 10 + (sql[j] - '0');
        ++j;
      }
      if (j == i + 1) number = out.params + 1;
      if (number > out.params) out.params = number;
      out.sql += '$';
      out.sql += std::to_string(number);
      i = j;
    } else {
      out.sql += c;
      ++i;
    }
  }
  return out;
}

Errc postgres_errc(std::string_view sqlstate, bool connection_lost) {
  if (connection_lost) return Errc::kUnavailable;
  if (sqlstate.starts_with("23")) return Errc::kConflict;
  if (sqlstate.starts_with("08")) return Errc::kUnavailable;
  static constexpr std::string_view kRetry[] = {
      "40001",  // serialization_failure
      "40P01",  // deadlock_detected
      "55P03",  // lock_not_available (lock_timeout)
      "57014",  // query_canceled (statement_timeout)
      "57P01",  // admin_shutdown
      "57P02",  // crash_shutdown
      "57P03",  // cannot_connect_now
  };
  for (auto code : kRetry)
    if (sqlstate == code) return Errc::kUnavailable;
  return Errc::kInternal;
}

std::string with_database(std::string_view url, std::string_view database) {
  const auto scheme = url.find("://");
  const std::size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
  const auto query = url.find('?', authority);
  const auto head = url.substr(0, query == std::string_view::npos ? url.size() : query);
  const auto slash = head.find('/', authority);
  std::string out(head.substr(0, slash == std::string_view::npos ? head.size() : slash));
  out += '/';
  out += database;
  if (query != std::string_view::npos) out += url.substr(query);
  return out;
}

}  // namespace robocall::store
