// What keeps calling from going on, in a clinic's words, with the page of the
// web UI that fixes it (docs/BEHAVIOUR.md "The status strip"): the status
// strip's `problem`. Pure; any thread.
#pragma once

#include <optional>
#include <string>

namespace robocall::domain {

struct DialerFacts {
  bool enabled = false;         // the administrator switched calling on
  bool has_account = false;     // a default SIP account is set
  bool paused = false;          // the dialer paused itself on an error
  std::optional<int> sip_code;  // the SIP code behind the pause, when one
  bool inside_window = false;   // the calendar is open now
  std::string next_calling;     // «обзвон начнётся в 09:00», for outside_hours
  bool registration_failed = false;  // the pause is the account's failed REGISTER
};

struct DialerProblem {
  std::string code;  // "no_sip_account" | "sip_auth" | "sip_unreachable" | "sip_unavailable" |
                     // "sip_error" | "sip_registration" | "outside_hours"
  std::string text;  // lower case, to follow «Обзвон включён: »
  std::string link;  // the web UI path that fixes it
  bool operator==(const DialerProblem&) const = default;
};

// nullopt when calling is off by the administrator or nothing is wrong.
std::optional<DialerProblem> dialer_problem(const DialerFacts& facts);

}  // namespace robocall::domain
