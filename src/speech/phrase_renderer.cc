#include "speech/phrase_renderer.h"

#include <spdlog/spdlog.h>

#include "audio/wav.h"
#include "speech/phrase_template.h"

namespace robocall::speech {

Result<std::shared_ptr<const audio::Pcm>> PhraseRenderer::render(const std::string& text) {
  const std::string voice_key = synth_.settings().key();
  if (auto hit = cache_.find(text, voice_key)) return hit;
  auto rendered = synth_.render(text).get();
  if (!rendered) return rendered.error();
  auto pcm = std::make_shared<const audio::Pcm>(std::move(*rendered));
  if (Status stored = cache_.store(text, voice_key, pcm); !stored) {
    spdlog::warn("phrase cache: {}", stored.error().message);
  }
  return pcm;
}

Result<std::shared_ptr<const audio::Pcm>> PhraseRenderer::phrase(
    std::string_view template_text, const std::filesystem::path& recording,
    const domain::Task& task, domain::Instant now) {
  if (!recording.empty()) {
    auto recorded = audio::read_wav(recording);
    if (recorded && recorded->sample_rate == audio::kTelephoneRate && recorded->channels == 1) {
      return std::make_shared<const audio::Pcm>(std::move(*recorded));
    }
    spdlog::warn("phrase recording {} unusable ({}), synthesising the text instead",
                 recording.string(),
                 recorded ? std::string("not 8 kHz mono") : recorded.error().message);
  }
  auto text = fill_template(template_text, task, now);
  if (!text) return text.error();
  return render(*text);
}

}  // namespace robocall::speech
