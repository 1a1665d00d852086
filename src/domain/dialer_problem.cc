#include "domain/dialer_problem.h"

namespace robocall::domain {

std::optional<DialerProblem> dialer_problem(const DialerFacts& f) {
  constexpr const char* kSip = "/settings/sip";
  if (!f.enabled) return std::nullopt;
  if (!f.has_account)
    return DialerProblem{"no_sip_account", "не настроена учётная запись телефонии", kSip};
  if (f.paused) {
    const int code = f.sip_code.value_or(0);
    if (f.registration_failed)
      return DialerProblem{
          "sip_registration",
          code ? "провайдер не принял регистрацию (ошибка " + std::to_string(code) + ")"
               : std::string("провайдер не ответил на регистрацию"),
          kSip};
    if (code == 401 || code == 403 || code == 407)
      return DialerProblem{"sip_auth", "провайдер отклонил пароль", kSip};
    if (code == 408)
      return DialerProblem{"sip_unreachable", "провайдер телефонии не отвечает", kSip};
    if (code == 503)
      return DialerProblem{"sip_unavailable", "провайдер телефонии временно недоступен", kSip};
    return DialerProblem{"sip_error", "обзвон приостановлен из-за ошибки связи с провайдером",
                         kSip};
  }
  if (!f.inside_window) {
    std::string text = "сейчас не время звонков";
    if (!f.next_calling.empty()) text += ", " + f.next_calling;
    return DialerProblem{"outside_hours", std::move(text), "/settings/schedule"};
  }
  return std::nullopt;
}

}  // namespace robocall::domain
