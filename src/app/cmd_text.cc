// `robocall text --at "YYYY-MM-DD HH:MM"`: prints the reminder phrase (or
// another with --phrase) filled for an appointment at that local time,
// exactly as the synthesiser will read it.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "domain/clock.h"
#include "domain/local_time.h"
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
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month(mo),
                                         std::chrono::day(d)};
  if (!date.ok() || h < 0 || h > 23 || mi < 0 || mi > 59) return std::nullopt;
  const auto local =
      std::chrono::local_days{date} + std::chrono::hours{h} + std::chrono::minutes{mi};
  const auto instant = domain::to_instant(local);
  // A time skipped by a clock change does not exist either.
  if (domain::to_local(instant) != local) return std::nullopt;
  return instant;
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
  cmd->add_option("--phrase", args->phrase, "Номер фразы от 1 до 8 (по умолчанию 2)")
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
    const auto now = domain::system_clock().now();
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
