#include "speech/synthesizer.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <cstring>
#include <vector>

#include "audio/convert.h"
#include "audio/level.h"

namespace robocall::speech {
namespace {

constexpr std::size_t kMaxTextBytes = 4000;

std::atomic<bool> g_alive{false};

std::string status_text(espeak_ng_STATUS status) {
  char buffer[512] = {};
  espeak_ng_GetStatusCodeMessage(status, buffer, sizeof buffer);
  return buffer;
}

int collect_samples(short* wav, int count, espeak_EVENT* events) {
  if (wav != nullptr && count > 0 && events != nullptr && events->user_data != nullptr) {
    auto* out = static_cast<std::vector<std::int16_t>*>(events->user_data);
    out->insert(out->end(), wav, wav + count);
  }
  return 0;
}

Status check_text(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::invalid("Пустой текст для синтеза речи");
  }
  if (text.size() > kMaxTextBytes) {
    return Error::invalid("Текст для синтеза речи слишком длинный (не более 4000 байт)");
  }
  return {};
}

// Runs on the worker only.
Result<audio::Pcm> synthesize(const std::string& text) {
  std::vector<std::int16_t> raw;
  espeak_ng_STATUS status = espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                                 espeakCHARS_UTF8, nullptr, &raw);
  if (status == ENS_OK) status = espeak_ng_Synchronize();
  if (status != ENS_OK) return Error::internal("Ошибка синтеза речи: " + status_text(status));
  audio::Pcm pcm{
      .sample_rate = espeak_ng_GetSampleRate(), .channels = 1, .samples = std::move(raw)};
  auto phone = audio::resample(pcm, audio::kTelephoneRate);
  if (!phone) return phone.error();
  audio::Pcm shaped = audio::normalise_loudness(audio::trim_silence(*phone));
  if (shaped.samples.empty()) {
    return Error::invalid("Синтез речи дал тишину для текста «" + text + "»");
  }
  return shaped;
}

// Runs on the worker only.
std::string to_phonemes(const std::string& text) {
  std::string out;
  const void* cursor = text.c_str();
  while (cursor != nullptr) {
    const char* clause = espeak_TextToPhonemes(&cursor, espeakCHARS_UTF8, espeakPHONEMES_IPA);
    if (clause == nullptr) break;
    if (!out.empty() && *clause != '\0') out += ' ';
    out += clause;
  }
  return out;
}

}  // namespace

std::string VoiceSettings::key() const {
  return "espeak-ng|" + voice + "|" + std::to_string(rate_wpm) + "|" + std::to_string(pitch);
}

Result<std::unique_ptr<Synthesizer>> Synthesizer::start(VoiceSettings settings) {
  if (settings.rate_wpm < 80 || settings.rate_wpm > 450 || settings.pitch < 0 ||
      settings.pitch > 100 || settings.voice.empty()) {
    return Error::invalid("Неверные настройки голоса: темп 80-450 слов в минуту, высота 0-100");
  }
  if (g_alive.exchange(true)) {
    return Error::conflict("Синтезатор речи уже запущен в этом процессе");
  }
  std::unique_ptr<Synthesizer> synth(new Synthesizer(std::move(settings)));
  std::promise<Status> started;
  std::future<Status> ready = started.get_future();
  synth->worker_ =
      std::thread([s = synth.get(), p = std::move(started)]() mutable { s->run(std::move(p)); });
  Status status = ready.get();
  if (!status) return status.error();  // the destructor joins the finished worker
  return synth;
}

Synthesizer::Synthesizer(VoiceSettings settings) : settings_(std::move(settings)) {}

Synthesizer::~Synthesizer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
  g_alive = false;
}

void Synthesizer::run(std::promise<Status> started) {
  espeak_ng_InitializePath(nullptr);
  espeak_ng_ERROR_CONTEXT context = nullptr;
  espeak_ng_STATUS status = espeak_ng_Initialize(&context);
  espeak_ng_ClearErrorContext(&context);
  if (status == ENS_OK) status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
  if (status != ENS_OK) {
    started.set_value(Error{Errc::kUnavailable, "Не удалось запустить синтезатор речи espeak-ng: " +
                                                    status_text(status)});
    return;
  }
  espeak_SetSynthCallback(collect_samples);
  status = espeak_ng_SetVoiceByName(settings_.voice.c_str());
  if (status == ENS_OK) status = espeak_ng_SetParameter(espeakRATE, settings_.rate_wpm, 0);
  if (status == ENS_OK) status = espeak_ng_SetParameter(espeakPITCH, settings_.pitch, 0);
  if (status != ENS_OK) {
    espeak_ng_Terminate();
    started.set_value(Error{Errc::kUnavailable, "Не удалось выбрать голос «" + settings_.voice +
                                                    "» синтезатора речи: " + status_text(status)});
    return;
  }
  started.set_value(Status{});
  for (;;) {
    std::function<void(bool)> job;
    bool cancelled = false;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) break;
      job = std::move(queue_.front());
      queue_.pop_front();
      cancelled = stopping_;
    }
    job(cancelled);
  }
  espeak_ng_Terminate();
}

void Synthesizer::post(std::function<void(bool cancelled)> job) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(job));
      wake_.notify_one();
      return;
    }
  }
  job(true);
}

namespace {

// Checks the text, then runs `work(text)` on the synthesizer's thread through
// `post`; the future carries its result or why it could not run.
template <class T, class Work, class Post>
std::future<Result<T>> submit(std::string text, Work work, Post post) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> result = promise->get_future();
  if (Status ok = check_text(text); !ok) {
    promise->set_value(ok.error());
    return result;
  }
  post([promise, work, text = std::move(text)](bool cancelled) {
    if (cancelled) {
      promise->set_value(Error{Errc::kUnavailable, "Синтезатор речи остановлен"});
      return;
    }
    promise->set_value(work(text));
  });
  return result;
}

}  // namespace

std::future<Result<audio::Pcm>> Synthesizer::render(std::string text) {
  return submit<audio::Pcm>(std::move(text), synthesize,
                            [this](std::function<void(bool)> job) { post(std::move(job)); });
}

std::future<Result<std::string>> Synthesizer::phonemes(std::string text) {
  return submit<std::string>(std::move(text), to_phonemes,
                             [this](std::function<void(bool)> job) { post(std::move(job)); });
}

}  // namespace robocall::speech
