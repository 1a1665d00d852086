// `robocall call`: one test call through a SIP trunk, for administrators. It
// runs the call script of `robocall serve` (dialer::CallSession over the
// dialog: the phrases, key 1 or 2) with the phrases prepared as the dialer
// prepares a test call's, and prints the outcome (Russian text or one JSON
// object). Runs the SIP engine for the duration of the call only. The SIP
// password comes from stdin or a file readable by its owner only, never from
// the command line, where `ps` shows it (docs/SECURITY.md "SIP").
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dialer/call_session.h"
#include "dialer/config.h"
#include "dialer/phrase_book.h"
#include "domain/clock.h"
#include "domain/labels.h"
#include "domain/outcome.h"
#include "domain/public_address.h"
#include "sip/engine.h"
#include "sip/local_address.h"
#include "sip/tls.h"
#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/phrase_template.h"
#include "speech/synthesizer.h"
#include "store/connection.h"

namespace robocall::app {
namespace {

struct CallArgs {
  sip::Account account;
  std::string transport = "udp";
  bool password_stdin = false;
  std::string password_file;
  std::string to;
  std::string db;        // empty: the default phrase texts
  std::string data_dir;  // empty: phrase 2 is synthesised, never composed
  std::string say;       // replaces the greeting's text
  std::string wav;       // replaces the greeting with a recording
  std::string record;
  std::string bind;  // empty: the address that routes to the server
  int answer_timeout_s = 30;
  int silence_s = 5;
  bool json = false;
};

// The first line of `in`, without its line end.
std::string first_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The first line of stdin; typed at a terminal, asked for and not echoed.
std::string password_from_stdin() {
  termios saved{};
  if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) != 0) return first_line(std::cin);
  std::cerr << "Пароль SIP: " << std::flush;
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string password = first_line(std::cin);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  return password;
}

// The password from stdin or from a file only its owner may read.
Result<std::string> read_password(const CallArgs& args) {
  if (args.password_stdin) return password_from_stdin();
  if (args.password_file.empty())
    return Error::invalid("укажите пароль SIP: --password-stdin или --password-file");
  struct stat st {};
  if (stat(args.password_file.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return Error::invalid("файл пароля «" + args.password_file + "» не найден");
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Error::invalid("файл пароля «" + args.password_file +
                          "» доступен группе или другим пользователям (права " + mode +
                          "): выполните chmod 600 «" + args.password_file + "»");
  }
  std::ifstream in(args.password_file);
  if (!in) return Error::invalid("файл пароля «" + args.password_file + "» не читается");
  return first_line(in);
}

// The phrases, prepared as the dialer prepares a test call's: the
// database's texts and recordings (or the default texts), phrase 2 composed
// from the voice pack of --data-dir when it covers the appointment, the
// greeting replaced by --say or --wav, filled for the stand-in test task.
Result<dialer::CallPhrases> prepare_phrases(const CallArgs& args) {
  domain::PerPhrase<dialer::PhraseSource> sources;
  if (args.db.empty()) {
    for (int n = 1; n <= domain::kPhraseCount; ++n)
      sources[n - 1].text = std::string(speech::default_phrase_text(n));
  } else {
    auto db = store::Connection::open(args.db, false);
    if (!db) return db.error();
    auto config = dialer::load_config(*db, nullptr);
    if (!config) return config.error();
    sources = config->phrases;
  }
  auto& greeting = sources[domain::kGreetingPhrase - 1];
  if (!args.say.empty()) greeting = {args.say, ""};
  if (!args.wav.empty()) greeting = {greeting.text, args.wav};

  auto synth = speech::Synthesizer::start();
  if (!synth) return synth.error();
  speech::PhraseCache cache;
  speech::PhraseRenderer renderer(**synth, cache);
  dialer::PhraseBook book(renderer, args.data_dir);
  const domain::Instant now = domain::system_clock().now();
  return book.prepare(sources, dialer::test_call_task(now), now);
}

int run_call(CallArgs& args) {
  const auto fail = [&](const std::string& message, int code) {
    if (args.json)
      std::cout << nlohmann::json{{"error", message}}.dump() << "\n";
    else
      std::cerr << "Ошибка: " << message << "\n";
    return code;
  };
  if (!sip::is_ten_digits(args.to))
    return fail("--to: номер должен состоять ровно из 10 цифр, получено «" + args.to + "»", 2);
  auto password = read_password(args);
  if (!password) return fail(password.error().message, 2);
  args.account.password = std::move(*password);
  args.account.transport = args.transport == "tcp"   ? sip::Transport::kTcp
                           : args.transport == "tls" ? sip::Transport::kTls
                                                     : sip::Transport::kUdp;
  if (auto st = sip::check_transport_supported(args.account.transport); !st)
    return fail(st.error().message, 2);
  if (auto st = domain::check_public_address(args.account.public_address); !st)
    return fail(st.error().message, 2);
  if (auto addr = sip::call_addresses(args.account, args.to); !addr)
    return fail(addr.error().message, 2);
  auto phrases = prepare_phrases(args);
  if (!phrases) return fail(phrases.error().message, 2);

  if (args.bind.empty()) {
    auto local = sip::local_address_towards(args.account.server);
    if (!local) return fail(local.error().message, 1);
    args.bind = *local;
  }
  sip::EngineConfig config;
  config.bind_ip = args.bind;
  config.max_calls = 1;
  auto engine = sip::Engine::start(config);
  if (!engine) return fail(engine.error().message, 1);

  std::promise<dialer::SessionEnd> ended;
  auto result = ended.get_future();
  dialer::CallSession session(
      **engine, std::move(*phrases), std::chrono::seconds(args.silence_s), std::nullopt,
      [&ended](dialer::CallSession&, const dialer::SessionEnd& end) { ended.set_value(end); });
  std::promise<Status> placed;
  auto placed_result = placed.get_future();
  sip::CallOptions options;
  options.answer_timeout = std::chrono::seconds(args.answer_timeout_s);
  options.record_path = args.record;
  (*engine)->post([&] {
    auto call = (*engine)->place_call(args.account, args.to, options, session);
    if (!call) {
      placed.set_value(call.error());
      return;
    }
    session.attach(*call);
    placed.set_value(Status{});
  });
  if (auto st = placed_result.get(); !st) return fail(st.error().message, 1);
  const dialer::SessionEnd r = result.get();
  engine->reset();  // closes the recording before we report it

  const double duration =
      std::round(std::chrono::duration<double>(r.ended - r.started).count() * 10) / 10;
  if (args.json) {
    std::cout << nlohmann::json{{"outcome", domain::to_string(r.outcome)},
                                {"sip_code", r.sip_code},
                                {"digits", r.digits},
                                {"answered", r.answered},
                                {"duration_s", duration}}
                     .dump()
              << "\n";
  } else {
    std::cout << "Итог: " << domain::label(r.outcome) << "\n"
              << "Код SIP: " << r.sip_code << (r.reason.empty() ? "" : " (" + r.reason + ")")
              << "\n"
              << "Нажатые клавиши: " << (r.digits.empty() ? "нет" : r.digits) << "\n"
              << "Длительность: " << duration << " с\n";
    if (!args.record.empty() && r.answered) std::cout << "Запись: " << args.record << "\n";
  }
  return r.answered ? 0 : 1;
}

}  // namespace

void add_call_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CallArgs>();
  auto* cmd = app.add_subcommand(
      "call", "Тестовый звонок через SIP-транк по сценарию обзвона: фразы, нажатие 1 или 2");
  cmd->add_option("--server", args->account.server, "SIP-сервер host[:port]")->required();
  cmd->add_option("--user", args->account.username, "Имя пользователя SIP")->required();
  auto* pass_stdin = cmd->add_flag("--password-stdin", args->password_stdin,
                                   "Прочитать пароль SIP из первой строки стандартного ввода");
  cmd->add_option("--password-file", args->password_file,
                  "Файл с паролем SIP в первой строке; доступен только владельцу (chmod 600)")
      ->excludes(pass_stdin);
  cmd->add_option("--realm", args->account.realm,
                  "Область (realm) провайдера для пароля; по умолчанию — домен сервера");
  cmd->add_option("--transport", args->transport, "udp или tcp (tls не поддерживается)")
      ->check(CLI::IsMember({"udp", "tcp", "tls"}));
  cmd->add_option("--prefix", args->account.prefix, "Префикс перед номером");
  cmd->add_option("--from-user", args->account.from_user, "Пользователь в заголовке From");
  cmd->add_option("--from-host", args->account.from_host, "Домен в заголовке From");
  cmd->add_option("--caller-id", args->account.caller_id,
                  "Caller ID (имя в From и P-Asserted-Identity)");
  cmd->add_option("--to", args->to, "Номер: ровно 10 цифр")->required();
  cmd->add_option("--db", args->db,
                  "База данных (файл SQLite или postgresql://…): фразы (тексты и записи) из "
                  "настроек, как при обзвоне; "
                  "без него — тексты фраз по умолчанию");
  cmd->add_option("--data-dir", args->data_dir,
                  "Папка данных сервера: фраза 2 собирается из записанных фрагментов голоса "
                  "(voice/), как при обзвоне; без неё — синтез");
  auto* say = cmd->add_option("--say", args->say,
                              "Текст первой фразы (приветствия) вместо настроенного; поля "
                              "%дата%, %время%, %ФИО% — тестового вызова");
  cmd->add_option("--wav", args->wav, "WAV-файл вместо первой фразы (приветствия)")->excludes(say);
  cmd->add_option("--record", args->record, "Записать разговор в WAV (стерео)");
  cmd->add_option("--answer-timeout", args->answer_timeout_s, "Ожидание ответа, секунд")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--silence", args->silence_s, "Ожидание нажатия после вопроса (фраза 3), секунд")
      ->check(CLI::Range(1, 60));
  cmd->add_option(
      "--bind", args->bind,
      "Локальный IP-адрес для SIP и RTP (по умолчанию: адрес, через который виден сервер)");
  cmd->add_option("--public-address", args->account.public_address,
                  "За NAT: внешний IP-адрес[:порт] для Contact и SDP");
  cmd->add_flag("--json", args->json,
                "Вывести один JSON-объект {outcome, sip_code, digits, answered, duration_s}; "
                "duration_s — от INVITE до конца звонка");
  cmd->footer(
      "Код выхода: 0 — абонент ответил, 1 — не ответил или ошибка соединения, "
      "2 — неверные параметры.");
  cmd->callback([args, &exit_code] { exit_code = run_call(*args); });
}

}  // namespace robocall::app
