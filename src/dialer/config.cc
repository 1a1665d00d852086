#include "dialer/config.h"

#include "speech/phrase_template.h"
#include "store/accounts_repo.h"
#include "store/calling_settings.h"
#include "store/settings_blocks.h"
#include "store/settings_repo.h"

namespace robocall::dialer {

sip::Account to_sip_account(const store::SipAccountRecord& r) {
  sip::Account a;
  a.name = r.name;
  a.username = r.username;
  a.password = r.password;
  a.server = r.server;
  a.transport = r.transport == "tcp"   ? sip::Transport::kTcp
                : r.transport == "tls" ? sip::Transport::kTls
                                       : sip::Transport::kUdp;
  a.prefix = r.prefix;
  a.caller_id = r.caller_id;
  a.from_user = r.from_user;
  a.from_host = r.from_host;
  a.realm = r.realm;
  a.register_enabled = r.register_enabled;
  a.register_expiry_s = r.register_expiry_s;
  a.outbound_proxy = r.outbound_proxy;
  a.public_address = r.public_address;
  return a;
}

Result<DialerConfig> load_config(store::Connection& db, const DialerConfig* previous) {
  store::SettingsRepo settings(db);
  auto calling = store::load_calling_settings(db, previous ? &previous->settings : nullptr,
                                              previous ? &previous->calendar.settings() : nullptr);
  if (!calling) return calling.error();
  std::vector<std::string> problems = std::move(calling->problems);

  DialerConfig config{calling->robocall, std::move(calling->calendar), {}, std::nullopt, {}, {}};
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
