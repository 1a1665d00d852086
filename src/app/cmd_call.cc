// `robocall call`: one test call through a SIP trunk, for administrators. It
// plays a phrase, collects keys and prints the outcome (Russian text or one
// JSON object). Runs the SIP engine for the duration of the call only.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "audio/convert.h"
#include "audio/wav.h"
#include "domain/labels.h"
#include "domain/outcome.h"
#include "sip/engine.h"
#include "sip/local_address.h"
#include "speech/synthesizer.h"

namespace robocall::app {
namespace {

struct CallArgs {
  sip::Account account;
  std::string transport = "udp";
  std::string to;
  std::string say;
  std::string wav;
  std::string record;
  std::string bind;  // empty: the address that routes to the server
  int answer_timeout_s = 30;
  int silence_s = 5;
  bool json = false;
};

struct CallReport {
  domain::CallOutcome outcome = domain::CallOutcome::kFailed;
  std::uint16_t sip_code = 0;
  std::string digits;
  bool answered = false;
  double duration_s = 0;
  std::string reason;
};

// Runs on the engine's loop thread: plays the phrase once answered, hangs up
// on the first 1 or 2, or after silence_s without keys once the audio is over.
class TestCall : public sip::CallObserver {
 public:
  TestCall(sip::Engine& engine, std::shared_ptr<const audio::Pcm> phrase,
           std::chrono::seconds silence)
      : engine_(engine), phrase_(std::move(phrase)), silence_(silence) {}

  void attach(sip::Call call) { call_ = call; }
  std::future<CallReport> result() { return done_.get_future(); }

  void on_answered() override {
    if (phrase_ && call_.play(phrase_).ok()) return;
    arm_silence();
  }
  void on_playback_finished() override { arm_silence(); }
  void on_digit(char digit) override {
    digits_ += digit;
    if (digit == '1' || digit == '2') {
      call_.hangup();
      return;
    }
    call_.stop_playback();
    arm_silence();
  }
  void on_ended(const sip::CallEnd& end) override {
    silence_timer_.reset();
    CallReport r;
    r.answered = end.answered;
    r.sip_code = end.sip_code;
    r.digits = digits_;
    r.reason = end.reason;
    r.outcome = end.outcome;
    if (end.answered) {
      const auto decisive = digits_.find_first_of("12");
      r.outcome = decisive == std::string::npos ? domain::CallOutcome::kNoInput
                  : digits_[decisive] == '1'    ? domain::CallOutcome::kConfirmed
                                                : domain::CallOutcome::kCancelled;
    }
    r.duration_s = std::chrono::duration<double>(end.ended - end.started).count();
    done_.set_value(std::move(r));
  }

 private:
  void arm_silence() {
    silence_timer_ = engine_.start_timer(silence_, [this] { call_.hangup(); });
  }

  sip::Engine& engine_;
  std::shared_ptr<const audio::Pcm> phrase_;
  std::chrono::seconds silence_;
  sip::Call call_;
  sip::Timer silence_timer_;
  std::string digits_;
  std::promise<CallReport> done_;
};

Result<std::shared_ptr<const audio::Pcm>> load_phrase(const CallArgs& args) {
  if (!args.wav.empty()) {
    auto pcm = audio::read_wav(args.wav);
    if (!pcm) return pcm.error();
    auto tel = audio::to_telephone(*pcm);
    if (!tel) return tel.error();
    return std::make_shared<const audio::Pcm>(std::move(*tel));
  }
  if (!args.say.empty()) {
    auto synth = speech::Synthesizer::start();
    if (!synth) return synth.error();
    auto pcm = (*synth)->render(args.say).get();
    if (!pcm) return pcm.error();
    return std::make_shared<const audio::Pcm>(std::move(*pcm));
  }
  return std::shared_ptr<const audio::Pcm>();
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
  args.account.transport = args.transport == "tcp" ? sip::Transport::kTcp : sip::Transport::kUdp;
  if (auto addr = sip::call_addresses(args.account, args.to); !addr)
    return fail(addr.error().message, 2);
  auto phrase = load_phrase(args);
  if (!phrase) return fail(phrase.error().message, 2);

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

  TestCall test(**engine, *phrase, std::chrono::seconds(args.silence_s));
  auto result = test.result();
  std::promise<Status> placed;
  auto placed_result = placed.get_future();
  sip::CallOptions options;
  options.answer_timeout = std::chrono::seconds(args.answer_timeout_s);
  options.record_path = args.record;
  (*engine)->post([&] {
    auto call = (*engine)->place_call(args.account, args.to, options, test);
    if (!call) {
      placed.set_value(call.error());
      return;
    }
    test.attach(*call);
    placed.set_value(Status{});
  });
  if (auto st = placed_result.get(); !st) return fail(st.error().message, 1);
  const CallReport r = result.get();
  engine->reset();  // closes the recording before we report it

  const double duration = std::round(r.duration_s * 10) / 10;
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
      "call", "Тестовый звонок через SIP-транк: проиграть фразу и принять нажатие 1 или 2");
  cmd->add_option("--server", args->account.server, "SIP-сервер host[:port]")->required();
  cmd->add_option("--user", args->account.username, "Имя пользователя SIP")->required();
  cmd->add_option("--password", args->account.password, "Пароль SIP")->required();
  cmd->add_option("--transport", args->transport, "udp или tcp")
      ->check(CLI::IsMember({"udp", "tcp"}));
  cmd->add_option("--prefix", args->account.prefix, "Префикс перед номером");
  cmd->add_option("--from-user", args->account.from_user, "Пользователь в заголовке From");
  cmd->add_option("--from-host", args->account.from_host, "Домен в заголовке From");
  cmd->add_option("--caller-id", args->account.caller_id,
                  "Caller ID (имя в From и P-Asserted-Identity)");
  cmd->add_option("--to", args->to, "Номер: ровно 10 цифр")->required();
  auto* say = cmd->add_option("--say", args->say, "Текст фразы для синтеза речи");
  cmd->add_option("--wav", args->wav, "WAV-файл с фразой")->excludes(say);
  cmd->add_option("--record", args->record, "Записать разговор в WAV (стерео)");
  cmd->add_option("--answer-timeout", args->answer_timeout_s, "Ожидание ответа, секунд")
      ->check(CLI::Range(1, 300));
  cmd->add_option("--silence", args->silence_s, "Ожидание нажатия после фразы, секунд")
      ->check(CLI::Range(1, 60));
  cmd->add_option(
      "--bind", args->bind,
      "Локальный IP-адрес для SIP и RTP (по умолчанию: адрес, через который виден сервер)");
  cmd->add_flag("--json", args->json,
                "Вывести один JSON-объект {outcome, sip_code, digits, answered, duration_s}; "
                "duration_s — от INVITE до конца звонка");
  cmd->footer(
      "Код выхода: 0 — абонент ответил, 1 — не ответил или ошибка соединения, "
      "2 — неверные параметры.");
  cmd->callback([args, &exit_code] { exit_code = run_call(*args); });
}

}  // namespace robocall::app
