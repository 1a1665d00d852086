#include "sip/sip_info_dtmf.h"

#include <cctype>
#include <string>

namespace robocall::sip {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One key as the value of Signal= or the whole application/dtmf body; the
// event numbers 10 and 11 stand for * and # in some phones' dtmf-relay.
std::optional<char> key_of(std::string_view value) {
  value = trim(value);
  if (value == "10") return '*';
  if (value == "11") return '#';
  if (value.size() != 1) return std::nullopt;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
  if ((c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D')) return c;
  return std::nullopt;
}

// The value of "Signal=" in a dtmf-relay body: lines of "Name=value".
std::optional<char> relay_signal(std::string_view body) {
  while (!body.empty()) {
    const auto eol = body.find('\n');
    std::string_view line = body.substr(0, eol);
    body = eol == std::string_view::npos ? std::string_view() : body.substr(eol + 1);
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower(trim(line.substr(0, eq))) == "signal") return key_of(line.substr(eq + 1));
  }
  return std::nullopt;
}

}  // namespace

InfoDtmf parse_info_dtmf(std::string_view content_type, std::string_view body) {
  const std::string type = lower(trim(content_type.substr(0, content_type.find(';'))));
  if (type.empty() && trim(body).empty()) return {};
  if (type == "application/dtmf-relay") return {200, relay_signal(body)};
  if (type == "application/dtmf") return {200, key_of(body)};
  return {415, std::nullopt};
}

}  // namespace robocall::sip
