#include "speech/phrase_template.h"

#include <array>
#include <cassert>

#include "domain/local_time.h"
#include "speech/date_words.h"
#include "speech/numerals.h"

namespace robocall::speech {
namespace {

constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kMaxTemplateBytes = 2000;

}  // namespace

Result<std::vector<TemplatePiece>> template_pieces(std::string_view text) {
  std::vector<TemplatePiece> pieces;
  std::string literal;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '%') {
      literal += text[i++];
      continue;
    }
    const std::size_t close = text.find('%', i + 1);
    if (close == std::string_view::npos) {
      return Error::invalid("Непарный знак % в тексте фразы: имя поля пишется так: %ФИО%");
    }
    const std::string_view name = text.substr(i + 1, close - i - 1);
    if (name.empty()) {
      literal += '%';
    } else {
      if (name.size() > kMaxNameBytes || name.find('\n') != std::string_view::npos) {
        return Error::invalid(
            "Непарный знак % в тексте фразы: имя поля между знаками % должно быть коротким и "
            "в одну строку");
      }
      if (!literal.empty()) pieces.push_back({false, std::move(literal)});
      literal.clear();
      pieces.push_back({true, std::string(name)});
    }
    i = close + 1;
  }
  if (!literal.empty()) pieces.push_back({false, std::move(literal)});
  return pieces;
}

std::string_view default_phrase_text(int number) {
  static constexpr std::array<std::string_view, domain::kPhraseCount> kTexts = {
      "Вас приветствует система уведомлений.",
      "Напоминаем, что Вы записаны на приём %дата%, %время%.",
      "Для подтверждения записи нажмите 1, для отмены записи нажмите 2.",
      "Ваш приём подтверждён. Всего доброго.",
      "Ваш приём отменён. Всего доброго.",
      "Ваш запрос не распознан. Всего доброго.",
      "Для подтверждения личности введите год вашего рождения.",
      "К сожалению, проверка не пройдена. Всего доброго.",
  };
  assert(domain::is_phrase_number(number));
  return kTexts[number - 1];
}

Result<std::vector<std::string>> placeholders(std::string_view text) {
  auto pieces = template_pieces(text);
  if (!pieces) return pieces.error();
  std::vector<std::string> names;
  for (TemplatePiece& p : *pieces) {
    if (p.placeholder) names.push_back(std::move(p.text));
  }
  return names;
}

std::vector<std::string> builtin_placeholders() {
  return {std::string(kDatePlaceholder), std::string(kTimePlaceholder),
          std::string(kFullNamePlaceholder)};
}

Status validate_template(std::string_view text, std::span<const std::string> extra_names) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::invalid("Текст фразы пуст");
  }
  if (text.size() > kMaxTemplateBytes) {
    return Error::invalid("Текст фразы слишком длинный (не более 2000 байт)");
  }
  auto names = placeholders(text);
  if (!names) return names.error();
  const std::vector<std::string> builtin = builtin_placeholders();
  const std::vector<std::string> extra_names_copy(extra_names.begin(), extra_names.end());
  for (const std::string& name : *names) {
    bool known = false;
    for (const std::string& b : builtin) known = known || b == name;
    for (const std::string& e : extra_names) known = known || e == name;
    if (!known) {
      std::string message = "Неизвестное поле %" + name + "% в тексте фразы. Доступны:";
      for (const auto* list : {&builtin, &extra_names_copy}) {
        for (const std::string& n : *list) message += " %" + n + "%";
      }
      return Error::invalid(std::move(message));
    }
  }
  return {};
}

Result<std::string> fill_template(std::string_view text, const domain::Task& task,
                                  domain::Instant now) {
  auto pieces = template_pieces(text);
  if (!pieces) return pieces.error();
  const auto at = domain::to_local(task.appointment);
  const auto at_day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss<std::chrono::seconds> at_time{at - at_day};
  const auto this_year = domain::local_date(now).year();
  std::string out;
  for (const TemplatePiece& p : *pieces) {
    if (!p.placeholder) {
      out += p.text;
    } else if (p.text == kDatePlaceholder) {
      out += date_words(std::chrono::year_month_day{at_day}, this_year);
    } else if (p.text == kTimePlaceholder) {
      out += time_words(static_cast<int>(at_time.hours().count()),
                        static_cast<int>(at_time.minutes().count()));
    } else if (p.text == kFullNamePlaceholder) {
      out += task.full_name;
    } else {
      bool found = false;
      for (const auto& [name, value] : task.extra) {
        if (name == p.text) {
          out += value;
          found = true;
          break;
        }
      }
      if (!found) {
        return Error::invalid("У задания нет значения для поля %" + p.text + "% из текста фразы");
      }
    }
  }
  return spell_numbers(out);
}

}  // namespace robocall::speech
