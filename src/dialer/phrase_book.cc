#include "dialer/phrase_book.h"

#include "audio/convert.h"
#include "audio/wav.h"
#include "domain/calendar.h"
#include "speech/phrase_template.h"

namespace robocall::dialer {

domain::Task test_call_task(domain::Instant now) {
  domain::Task t;
  t.full_name = "Тестовый вызов";
  t.appointment =
      domain::local_instant(domain::local_date(now + std::chrono::days(1)), std::chrono::hours(10));
  t.birth_date = std::chrono::year{1980} / 1 / 1;
  return t;
}

PhraseBook::PhraseBook(speech::PhraseRenderer& renderer, std::filesystem::path data_dir)
    : renderer_(renderer) {
  if (!data_dir.empty()) voice_ = std::make_unique<speech::VoicePack>(std::move(data_dir));
}

Result<std::shared_ptr<const audio::Pcm>> PhraseBook::recording(const std::string& path) {
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(path, ec);
  if (ec) return Error::io("Запись фразы " + path + " недоступна: " + ec.message());
  if (auto it = recordings_.find(path); it != recordings_.end() && it->second.mtime == mtime)
    return it->second.pcm;
  auto pcm = audio::read_wav(path);
  if (!pcm) return pcm.error();
  auto tel = audio::to_telephone(*pcm);
  if (!tel) return tel.error();
  auto shared = std::make_shared<const audio::Pcm>(std::move(*tel));
  recordings_[path] = {mtime, shared};
  return shared;
}

Result<CallPhrases> PhraseBook::prepare(const domain::PerPhrase<PhraseSource>& sources,
                                        const domain::Task& task, domain::Instant now,
                                        bool verification) {
  CallPhrases out;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!verification && domain::is_verification_phrase(static_cast<int>(i) + 1)) continue;
    const auto& source = sources[i];
    const auto fail = [&](const Error& e) {
      return Error{e.code, "Фраза " + std::to_string(i + 1) + ": " + e.message};
    };
    if (!source.recording.empty()) {
      auto pcm = recording(source.recording);
      if (!pcm) return fail(pcm.error());
      out[i] = *pcm;
      continue;
    }
    if (i == 1 && voice_) {
      auto composed = voice_->phrase2(source.text, task.appointment, now);
      if (!composed) return fail(composed.error());
      if (*composed) {
        out[i] = *composed;
        continue;
      }
    }
    auto text = speech::fill_template(source.text, task, now);
    if (!text) return fail(text.error());
    auto pcm = renderer_.render(*text);
    if (!pcm) return fail(pcm.error());
    out[i] = *pcm;
  }
  return out;
}

}  // namespace robocall::dialer
