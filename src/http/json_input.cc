#include "http/json_input.h"

#include <cmath>

namespace robocall::http {
namespace {

std::string quoted(std::string_view key) {
  return "«" + std::string(key) + "»";
}

}  // namespace

Result<nlohmann::json> parse_json(std::string_view body) {
  if (body.empty()) return Error::invalid("Пустое тело запроса: ожидается JSON");
  auto value = nlohmann::json::parse(body, nullptr, false);
  if (value.is_discarded()) return Error::invalid("Тело запроса не является корректным JSON");
  return value;
}

FieldReader::FieldReader(const nlohmann::json& value, std::string_view what) : value_(value) {
  if (!value_.is_object()) fail(std::string(what) + " должно быть JSON-объектом");
}

void FieldReader::fail(std::string message) {
  if (!error_) error_ = Error::invalid(std::move(message));
}

const nlohmann::json* FieldReader::raw(std::string_view key) const {
  if (!value_.is_object()) return nullptr;
  auto it = value_.find(key);
  return it == value_.end() ? nullptr : &*it;
}

bool FieldReader::has(std::string_view key) const {
  return raw(key) != nullptr;
}

bool FieldReader::is_null(std::string_view key) const {
  auto* v = raw(key);
  return v && v->is_null();
}

const nlohmann::json* FieldReader::find(std::string_view key) {
  if (!value_.is_object()) return nullptr;
  auto* v = raw(key);
  if (!v) fail("Не указано поле " + quoted(key));
  return v;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) {
  auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail("Поле " + quoted(key) + " должно быть целым числом");
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    fail("Поле " + quoted(key) + " должно быть от " + std::to_string(min) + " до " +
         std::to_string(max));
    return std::nullopt;
  }
  auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    fail("Поле " + quoted(key) + " должно быть от " + std::to_string(min) + " до " +
         std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> FieldReader::number(std::string_view key, double min, double max) {
  auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail("Поле " + quoted(key) + " должно быть числом");
    return std::nullopt;
  }
  auto n = v->get<double>();
  if (!std::isfinite(n) || n < min || n > max) {
    fail("Поле " + quoted(key) + " вне допустимого диапазона");
    return std::nullopt;
  }
  return n;
}

std::optional<bool> FieldReader::boolean(std::string_view key) {
  auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail("Поле " + quoted(key) + " должно быть true или false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::string> FieldReader::string(std::string_view key, std::size_t max_length,
                                               bool allow_empty) {
  auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail("Поле " + quoted(key) + " должно быть строкой");
    return std::nullopt;
  }
  auto s = v->get<std::string>();
  if (s.size() > max_length) {
    fail("Поле " + quoted(key) + " слишком длинное");
    return std::nullopt;
  }
  if (!allow_empty && s.find_first_not_of(" \t") == std::string::npos) {
    fail("Поле " + quoted(key) + " не может быть пустым");
    return std::nullopt;
  }
  return s;
}

}  // namespace robocall::http
