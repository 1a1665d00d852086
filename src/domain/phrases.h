// The phrases of the call script by number: the dialog plays them, speech
// holds their default texts, the store and the web keep them by number.
// The one home of these numbers. Constants only; any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace robocall::domain {

inline constexpr int kGreetingPhrase = 1;
inline constexpr int kReminderPhrase = 2;
inline constexpr int kQuestionPhrase = 3;  // "press 1 to confirm, 2 to cancel"
inline constexpr int kConfirmedPhrase = 4;
inline constexpr int kCancelledPhrase = 5;
inline constexpr int kNotRecognisedPhrase = 6;
// The verification step (docs/BEHAVIOUR.md "Call script"), played only when
// «Проверять личность» is on.
inline constexpr int kVerifyPhrase = 7;  // "enter your birth year"
inline constexpr int kNotVerifiedPhrase = 8;

inline constexpr int kPhraseCount = 8;

// Whether the call script plays phrase n only with the verification step on.
constexpr bool is_verification_phrase(int n) {
  return n == kVerifyPhrase || n == kNotVerifiedPhrase;
}

// One value per phrase, phrase n at [n - 1].
template <typename T>
using PerPhrase = std::array<T, static_cast<std::size_t>(kPhraseCount)>;

constexpr bool is_phrase_number(std::int64_t n) {
  return n >= 1 && n <= kPhraseCount;
}

}  // namespace robocall::domain
