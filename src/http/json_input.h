// Reading JSON request bodies strictly: the body must be a JSON document of
// the expected shape; each field is checked for type and range, and the first
// problem becomes a Russian invalid_argument error naming the field.
// Plain values; the calling handler's thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace robocall::http {

// Parses a request body. Empty, malformed or non-UTF-8 JSON → invalid.
Result<nlohmann::json> parse_json(std::string_view body);

// Reads the fields of one JSON object. Each accessor returns nullopt when the
// field is absent or wrong; the first problem is kept in error().
class FieldReader {
 public:
  // A non-object value is reported at once.
  explicit FieldReader(const nlohmann::json& value, std::string_view what = "Тело запроса");

  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<double> number(std::string_view key, double min, double max);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::string> string(std::string_view key, std::size_t max_length,
                                    bool allow_empty = true);
  // For nullable fields: present and null → true.
  bool is_null(std::string_view key) const;
  bool has(std::string_view key) const;
  // The field as is (type unchecked); nullopt when absent.
  const nlohmann::json* raw(std::string_view key) const;

  // Marks a missing required field, once per reader.
  void fail(std::string message);
  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }

 private:
  const nlohmann::json* find(std::string_view key);

  const nlohmann::json& value_;
  std::optional<Error> error_;
};

}  // namespace robocall::http
