#include "dialer/config.h"

#include "speech/phrase_template.h"
#include "store/accounts_repo.h"
#include "store/settings_blocks.h"
#include "store/settings_repo.h"

namespace robocall::dialer {

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
  a.realm = r.realm;
  return a;
}

Result<DialerConfig> load_config(store::Connection& db, const DialerConfig* previous) {
  store::SettingsRepo settings(db);
  std::vector<std::string> problems;

  DialerSettings dialer = previous ? previous->settings : DialerSettings{};
  auto robocall = settings.get(store::kRobocallKey);
  if (!robocall) return robocall.error();
  if (*robocall) {
    if (auto parsed = store::parse_robocall(**robocall); parsed)
      dialer = *parsed;
    else
      problems.push_back(parsed.error().message);
  }

  domain::CalendarSettings calendar = domain::default_calendar_settings();
  auto exceptions = settings.exceptions();
  if (!exceptions) return exceptions.error();
  for (const auto& e : *exceptions) calendar.exceptions.push_back({e.date, e.mode});
  if (previous) {
    const auto& p = previous->calendar.settings();
    calendar.weekdays = p.weekdays;
    calendar.working = p.working;
    calendar.shortened = p.shortened;
  }
  auto schedule = settings.get(store::kScheduleKey);
  if (!schedule) return schedule.error();
  if (*schedule) {
    if (auto parsed = store::parse_schedule(**schedule, calendar); parsed)
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
