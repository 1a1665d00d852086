// DialerConfig: everything the dialer reads from the store — the RoboCall
// block, the schedule with its date exceptions, the eight phrases and the
// default SIP account — loaded in one go on the dialer's store thread and
// handed to the loop thread as a value.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "dialer/settings.h"
#include "domain/calendar.h"
#include "domain/phrases.h"
#include "domain/retry_policy.h"
#include "sip/account.h"
#include "store/accounts_repo.h"
#include "store/connection.h"

namespace robocall::dialer {

struct PhraseSource {
  std::string text;       // template (speech/phrase_template.h)
  std::string recording;  // uploaded WAV replacing synthesis; empty when none
  bool operator==(const PhraseSource&) const = default;
};

struct DialerConfig {
  DialerSettings settings;
  domain::WorkingCalendar calendar;
  domain::PerPhrase<PhraseSource> phrases;  // phrase n at [n - 1]
  std::optional<std::int64_t> account_id;
  sip::Account account;
  // Russian: stored settings that were unusable and what was used instead.
  std::vector<std::string> problems;

  domain::RetrySettings retry() const { return {settings.attempts, settings.retry_after}; }
};

// Reads the configuration. Each block that is missing takes its default
// (the calendar's defaults include the production calendar's exceptions when
// the store holds none); a block that is stored but unusable takes its value
// from `previous` (or the default) and is named in `problems`.
// Only a store failure is an error.
Result<DialerConfig> load_config(store::Connection& db, const DialerConfig* previous);

// The one mapping of a stored SIP account to the SIP layer's account.
sip::Account to_sip_account(const store::SipAccountRecord& record);

}  // namespace robocall::dialer
