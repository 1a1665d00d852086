#include "sip/session_timer.h"

#include <cctype>
#include <charconv>
#include <optional>

namespace robocall::sip {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::optional<std::uint32_t> seconds(std::string_view s) {
  s = trim(s.substr(0, s.find(';')));
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// "uac", "uas" or empty from the parameters after the interval.
std::string_view refresher(std::string_view value) {
  auto semi = value.find(';');
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    const std::string_view param = trim(value.substr(0, semi));
    const auto eq = param.find('=');
    if (eq == std::string_view::npos || !iequals(trim(param.substr(0, eq)), "refresher")) continue;
    const std::string_view who = trim(param.substr(eq + 1));
    if (iequals(who, "uac")) return "uac";
    if (iequals(who, "uas")) return "uas";
  }
  return {};
}

}  // namespace

SessionRefreshReply answer_session_refresh(std::string_view session_expires,
                                           std::string_view min_se) {
  const auto interval = seconds(session_expires);
  if (!interval) return {400, ""};
  std::uint32_t floor = kMinSessionExpires;
  if (const auto asked_floor = seconds(min_se); asked_floor && *asked_floor > floor)
    floor = *asked_floor;
  if (*interval < floor) return {422, "Min-SE: " + std::to_string(floor) + "\r\n"};
  std::string_view who = refresher(session_expires);
  if (who.empty()) who = "uac";
  std::string headers = "Session-Expires: " + std::to_string(*interval) + ";refresher=";
  headers += who;
  headers += "\r\nSupported: timer\r\n";
  // RFC 4028 9: the UAC refreshing must know we understood the extension.
  if (who == "uac") headers += "Require: timer\r\n";
  return {200, std::move(headers)};
}

}  // namespace robocall::sip
