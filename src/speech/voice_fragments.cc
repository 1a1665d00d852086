#include "speech/voice_fragments.h"

#include <array>
#include <cctype>

#include "speech/date_words.h"
#include "speech/numerals.h"
#include "speech/phrase_template.h"

namespace robocall::speech {
namespace {

// Where the first spoken character (an ASCII letter or digit, or a Cyrillic
// letter: UTF-8 lead byte 0xD0 or 0xD1) is, npos when there is none.
std::size_t first_spoken(std::string_view literal) {
  for (std::size_t i = 0; i < literal.size(); ++i) {
    const auto b = static_cast<unsigned char>(literal[i]);
    if ((b < 0x80 && std::isalnum(b)) || b == 0xD0 || b == 0xD1) return i;
  }
  return std::string_view::npos;
}

bool is_pause(std::string_view literal) {
  return literal.find_first_not_of(" \t\r\n") != std::string_view::npos;
}

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

// One step of phrase 2: a spoken literal (its fragment), a pause, or a
// placeholder (дата or время).
struct Step {
  enum Kind { kLiteral, kPause, kDate, kTime } kind;
  VoiceFragment literal;
};

Result<std::vector<Step>> phrase2_steps(std::string_view text) {
  auto pieces = template_pieces(text);
  if (!pieces) return pieces.error();
  std::vector<Step> steps;
  int spoken = 0;
  for (const TemplatePiece& p : *pieces) {
    if (p.placeholder && p.text == kDatePlaceholder) {
      steps.push_back({Step::kDate, {}});
    } else if (p.placeholder && p.text == kTimePlaceholder) {
      steps.push_back({Step::kTime, {}});
    } else if (p.placeholder) {
      return Error::invalid("В тексте фразы 2 есть поле %" + p.text +
                            "%: его нельзя записать заранее, поэтому фраза 2 синтезируется");
    } else if (const std::size_t at = first_spoken(p.text); at != std::string_view::npos) {
      // Punctuation before the first word («%время%. Кабинет») is a pause.
      if (is_pause(std::string_view(p.text).substr(0, at))) steps.push_back({Step::kPause, {}});
      steps.push_back({Step::kLiteral,
                       {"phrase-" + std::to_string(++spoken),
                        trimmed(spell_numbers(p.text.substr(at))), FragmentGroup::kPhrase}});
    } else if (is_pause(p.text)) {
      steps.push_back({Step::kPause, {}});
    }
  }
  return steps;
}

}  // namespace

std::string_view group_id(FragmentGroup group) {
  static constexpr std::array<std::string_view, 6> kIds = {"phrase", "day",  "month",
                                                           "year",   "hour", "minute"};
  return kIds[static_cast<std::size_t>(group)];
}

std::string_view group_title(FragmentGroup group) {
  static constexpr std::array<std::string_view, 6> kTitles = {"Текст фразы 2", "Числа", "Месяцы",
                                                              "Годы",          "Часы",  "Минуты"};
  return kTitles[static_cast<std::size_t>(group)];
}

std::string phrase2_note(std::string_view phrase2_text) {
  auto steps = phrase2_steps(phrase2_text);
  return steps ? std::string() : steps.error().message;
}

std::vector<VoiceFragment> voice_fragments(std::string_view phrase2_text,
                                           std::chrono::year current_year) {
  using namespace std::chrono;
  std::vector<VoiceFragment> out;
  if (auto steps = phrase2_steps(phrase2_text)) {
    for (Step& s : *steps) {
      if (s.kind == Step::kLiteral) out.push_back(std::move(s.literal));
    }
  }
  const auto add = [&](const SpokenPart& part, FragmentGroup group) {
    out.push_back({part.id, part.text, group});
  };
  // Dates in a year other than the current one: their parts are day, month, year.
  const year other_year = current_year + years(1);
  for (unsigned d = 1; d <= 31; ++d) {
    add(date_parts(other_year / January / day(d), current_year)[0], FragmentGroup::kDay);
  }
  for (unsigned m = 1; m <= 12; ++m) {
    add(date_parts(other_year / month(m) / 1, current_year)[1], FragmentGroup::kMonth);
  }
  for (int ahead = 1; ahead <= kVoiceYearsAhead; ++ahead) {
    add(date_parts((current_year + years(ahead)) / January / 1, current_year)[2],
        FragmentGroup::kYear);
  }
  for (int h = 0; h <= 23; ++h) add(time_parts(h, 0)[0], FragmentGroup::kHour);
  for (int m = 1; m <= 59; ++m) add(time_parts(0, m)[1], FragmentGroup::kMinute);
  return out;
}

Result<std::vector<VoiceFragment>> phrase2_sequence(std::string_view phrase2_text,
                                                    std::chrono::year_month_day date,
                                                    std::chrono::year current_year, int hour,
                                                    int minute) {
  auto steps = phrase2_steps(phrase2_text);
  if (!steps) return steps.error();
  std::vector<VoiceFragment> out;
  const auto add_parts = [&](const std::vector<SpokenPart>& parts, FragmentGroup first) {
    auto group = static_cast<int>(first);
    for (const SpokenPart& p : parts) out.push_back({p.id, p.text, FragmentGroup(group++)});
  };
  for (Step& s : *steps) {
    switch (s.kind) {
      case Step::kLiteral:
        out.push_back(std::move(s.literal));
        break;
      case Step::kPause:
        if (!out.empty() && !out.back().id.empty()) out.emplace_back();
        break;
      case Step::kDate:
        add_parts(date_parts(date, current_year), FragmentGroup::kDay);
        break;
      case Step::kTime:
        add_parts(time_parts(hour, minute), FragmentGroup::kHour);
        break;
    }
  }
  if (!out.empty() && out.back().id.empty()) out.pop_back();
  return out;
}

bool is_fragment_id_syntax(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace robocall::speech
