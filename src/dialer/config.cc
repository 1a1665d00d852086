#include "dialer/config.h"

#include <nlohmann/json.hpp>

#include "speech/phrase_template.h"
#include "store/accounts_repo.h"
#include "store/settings_repo.h"

namespace robocall::dialer {
namespace {

using nlohmann::json;

Result<domain::TimeWindow> parse_window(const json& j, std::string_view name) {
  const auto bad = [&] {
    return Error::invalid("Расписание: окно «" + std::string(name) +
                          "» должно иметь вид {\"start\":\"ЧЧ:ММ\",\"end\":\"ЧЧ:ММ\"}");
  };
  const auto it = j.find(name);
  if (it == j.end() || !it->is_object()) return bad();
  const auto start = it->find("start");
  const auto end = it->find("end");
  if (start == it->end() || end == it->end() || !start->is_string() || !end->is_string())
    return bad();
  auto s = domain::parse_time_of_day(start->get<std::string>());
  if (!s) return s.error();
  auto e = domain::parse_time_of_day(end->get<std::string>());
  if (!e) return e.error();
  return domain::TimeWindow{*s, *e};
}

sip::Account to_sip_account(const store::SipAccountRecord& r) {
  sip::Account a;
  a.name = r.name;
  a.username = r.username;
  a.password = r.password;
  a.server = r.server;
  a.transport = r.transport == "tcp" ? sip::Transport::kTcp : sip::Transport::kUdp;
  a.prefix = r.prefix;
  a.caller_id = r.caller_id;
  a.from_user = r.from_user;
  a.from_host = r.from_host;
  return a;
}

}  // namespace

Result<domain::CalendarSettings> parse_schedule(std::string_view text,
                                                domain::CalendarSettings base) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Error::invalid("Расписание повреждено: ожидается объект JSON");
  auto working = parse_window(j, "working");
  if (!working) return working.error();
  auto shortened = parse_window(j, "shortened");
  if (!shortened) return shortened.error();
  const auto days = j.find("weekdays");
  if (days == j.end() || !days->is_array() || days->size() != 7)
    return Error::invalid("Расписание: «weekdays» должен содержать 7 режимов, с понедельника");
  for (std::size_t i = 0; i < 7; ++i) {
    const auto& d = (*days)[i];
    auto mode = d.is_string() ? domain::day_mode_from_string(d.get<std::string>()) : std::nullopt;
    if (!mode)
      return Error::invalid("Расписание: неизвестный режим дня недели № " + std::to_string(i + 1) +
                            " (ожидается working, shortened или day_off)");
    base.weekdays[i] = *mode;
  }
  base.working = *working;
  base.shortened = *shortened;
  if (auto st = domain::validate(base); !st) return st.error();
  return base;
}

Result<DialerConfig> load_config(store::Connection& db, const DialerConfig* previous) {
  store::SettingsRepo settings(db);
  std::vector<std::string> problems;

  DialerSettings dialer = previous ? previous->settings : DialerSettings{};
  auto robocall = settings.get(kRobocallSettingsKey);
  if (!robocall) return robocall.error();
  if (*robocall) {
    if (auto parsed = parse_dialer_settings(**robocall); parsed)
      dialer = *parsed;
    else
      problems.push_back(parsed.error().message);
  }

  domain::CalendarSettings calendar = domain::default_calendar_settings();
  auto exceptions = settings.exceptions();
  if (!exceptions) return exceptions.error();
  if (!exceptions->empty()) {
    calendar.exceptions.clear();
    for (const auto& e : *exceptions) calendar.exceptions.push_back({e.date, e.mode});
  }
  if (previous) {
    const auto& p = previous->calendar.settings();
    calendar.weekdays = p.weekdays;
    calendar.working = p.working;
    calendar.shortened = p.shortened;
  }
  auto schedule = settings.get(kScheduleSettingsKey);
  if (!schedule) return schedule.error();
  if (*schedule) {
    if (auto parsed = parse_schedule(**schedule, calendar); parsed)
      calendar = *parsed;
    else
      problems.push_back(parsed.error().message);
  }
  auto working_calendar = domain::WorkingCalendar::create(calendar);
  if (!working_calendar) {
    problems.push_back(working_calendar.error().message);
    working_calendar = domain::WorkingCalendar::create(domain::default_calendar_settings());
  }

  DialerConfig config{dialer, std::move(*working_calendar), {}, std::nullopt, {}, {}};
  for (int n = 1; n <= domain::kPhraseCount; ++n)
    config.phrases[n - 1].text = std::string(speech::default_phrase_text(n));
  auto phrases = settings.phrases();
  if (!phrases) return phrases.error();
  for (const auto& p : *phrases) {
    if (!domain::is_phrase_number(p.number)) continue;
    if (!p.text.empty()) config.phrases[p.number - 1].text = p.text;
    config.phrases[p.number - 1].recording = p.recording.value_or("");
  }

  auto account = store::AccountsRepo(db).get_default();
  if (!account) return account.error();
  if (*account) {
    config.account_id = (*account)->id;
    config.account = to_sip_account(**account);
  }
  config.problems = std::move(problems);
  return config;
}

}  // namespace robocall::dialer
