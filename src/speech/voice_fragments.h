// The voice pack's fragments (docs/BEHAVIOUR.md "Voice pack"): every piece of
// audio a clinic records so that phrase 2 can be said in its own voice for any
// appointment — phrase 2's text split at %дата% and %время%, the days, months,
// years, hours and minutes exactly as date_words.h speaks them.
// Pure functions on values: any thread may call them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace robocall::speech {

enum class FragmentGroup { kPhrase, kDay, kMonth, kYear, kHour, kMinute };

// "phrase", "day", "month", "year", "hour", "minute".
std::string_view group_id(FragmentGroup group);
// «Текст фразы 2», «Числа», «Месяцы», «Годы», «Часы», «Минуты».
std::string_view group_title(FragmentGroup group);

struct VoiceFragment {
  std::string id;  // ASCII [a-z0-9-]+, the ZIP file name without ".wav"
  std::string text;
  FragmentGroup group = FragmentGroup::kPhrase;
};

// How many years after the current one the pack covers: an appointment in
// the current year says no year, one in the next two says its year; any
// other year is synthesised.
inline constexpr int kVoiceYearsAhead = 2;

// A pause between fragments where phrase 2's text has only punctuation
// between its placeholders («%дата%, %время%»).
inline constexpr std::chrono::milliseconds kVoicePause{200};

// "" when phrase 2 can be composed (its text uses no placeholder but %дата%
// and %время%), else a Russian sentence saying why it is synthesised.
std::string phrase2_note(std::string_view phrase2_text);

// Every fragment in display order: phrase-1..N (only when composable), the
// days, months, years current+1..current+kVoiceYearsAhead, hours, minutes.
std::vector<VoiceFragment> voice_fragments(std::string_view phrase2_text,
                                           std::chrono::year current_year);

// The fragments phrase 2 speaks for one appointment, in order; one with an
// empty id is a pause of kVoicePause. Errors (kInvalidArgument, Russian): the text
// is not composable (the message of phrase2_note).
// REQUIRES: date.ok(), 0 <= hour <= 23, 0 <= minute <= 59.
Result<std::vector<VoiceFragment>> phrase2_sequence(std::string_view phrase2_text,
                                                    std::chrono::year_month_day date,
                                                    std::chrono::year current_year, int hour,
                                                    int minute);

// True for a non-empty id of ASCII lower-case letters, digits and '-' of at
// most 32 bytes (a safe file name); says nothing of whether it is known.
bool is_fragment_id_syntax(std::string_view id);

}  // namespace robocall::speech
