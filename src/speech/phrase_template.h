// The eight phrases of the call script (docs/BEHAVIOUR.md "Call script") as
// editable templates with placeholders %дата%, %время%, %ФИО% and the names of
// a task's extra columns. Pure functions on values: any thread may call them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/phrases.h"
#include "domain/task.h"

namespace robocall::speech {

inline constexpr std::string_view kDatePlaceholder = "дата";
inline constexpr std::string_view kTimePlaceholder = "время";
inline constexpr std::string_view kFullNamePlaceholder = "ФИО";

// The default text of phrase `number`. REQUIRES: domain::is_phrase_number(number).
std::string_view default_phrase_text(int number);

// A template split into literal text and placeholder names, in order.
struct TemplatePiece {
  bool placeholder = false;
  std::string text;  // the literal, or the name between % signs
};

// Errors as placeholders() below.
Result<std::vector<TemplatePiece>> template_pieces(std::string_view text);

// The names between % signs, in order of appearance, repeats kept; «%%» is
// a literal percent sign. Errors (kInvalidArgument, Russian): an unpaired %,
// a name over 64 bytes or spanning a line.
Result<std::vector<std::string>> placeholders(std::string_view text);

// The names a template may always use: дата, время, ФИО.
std::vector<std::string> builtin_placeholders();

// For saving an edited phrase: rejects empty or over-long text (2000 bytes)
// and any placeholder that is neither built in nor among extra_names (the
// extra column names known to the system), naming it in a Russian message.
Status validate_template(std::string_view text, std::span<const std::string> extra_names);

// Fills the template from task: %дата% and %время% from task.appointment in
// the process TZ (the year is spoken only when it differs from the year of
// now in the process TZ), %ФИО% and extra columns verbatim. Digits left in
// the result are then spelled out as words (numerals.h spell_numbers), so the
// text is exactly what the synthesiser reads.
// Errors: kInvalidArgument naming a placeholder the task has no value for.
Result<std::string> fill_template(std::string_view text, const domain::Task& task,
                                  domain::Instant now);

}  // namespace robocall::speech
