// `robocall text --at "YYYY-MM-DD HH:MM"`: prints the reminder phrase (or
// another with --phrase) filled for an appointment at that local time,
// exactly as the synthesiser will read it.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "domain/phrases.h"
#include "domain/task.h"
#include "speech/phrase_template.h"

namespace robocall::app {
namespace {

// "YYYY-MM-DD HH:MM" in the process TZ; nullopt for anything else,
// including dates that do not exist (2027-02-30).
std::optional<domain::Instant> parse_local(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_isdst = -1;
  const std::tm wanted = tm;
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1) || tm.tm_year != wanted.tm_year ||
      tm.tm_mon != wanted.tm_mon || tm.tm_mday != wanted.tm_mday || tm.tm_hour != wanted.tm_hour ||
      tm.tm_min != wanted.tm_min) {
    return std::nullopt;
  }
  return domain::Instant(std::chrono::seconds(t));
}

}  // namespace

void add_text_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string at;
    int phrase = domain::kReminderPhrase;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "text", "Показать текст фразы для приёма в указанное время так, как его прочтёт синтезатор");
  cmd->add_option("--at", args->at, "Дата и время приёма: \"ГГГГ-ММ-ДД ЧЧ:ММ\" (местное время)")
      ->required();
  cmd->add_option("--phrase", args->phrase, "Номер фразы от 1 до 6 (по умолчанию 2)")
      ->check(CLI::Range(1, domain::kPhraseCount));
  cmd->callback([args, &exit_code] {
    const auto at = parse_local(args->at);
    if (!at) {
      std::cerr << "Неверная дата и время приёма «" << args->at
                << "»: нужны существующие дата и время в формате \"ГГГГ-ММ-ДД ЧЧ:ММ\", например "
                   "\"2027-01-19 10:02\"\n";
      exit_code = 2;
      return;
    }
    domain::Task task;
    task.appointment = *at;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto text = speech::fill_template(speech::default_phrase_text(args->phrase), task, now);
    if (!text) {
      std::cerr << text.error().message << '\n';
      exit_code = 1;
      return;
    }
    std::cout << *text << '\n';
  });
}

}  // namespace robocall::app
