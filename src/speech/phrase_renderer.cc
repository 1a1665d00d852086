#include "speech/phrase_renderer.h"

#include <spdlog/spdlog.h>

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

}  // namespace robocall::speech
