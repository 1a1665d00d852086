// PhraseRenderer: the one path from text to phrase audio: the cache first,
// then the Synthesizer's worker, storing what it renders. Any thread may call
// render() except the SIP loop thread: a miss blocks for the synthesis
// (a few ms) and a disk read or write.
#pragma once

#include <memory>
#include <string>

#include "audio/pcm.h"
#include "common/result.h"
#include "speech/phrase_cache.h"
#include "speech/synthesizer.h"

namespace robocall::speech {

class PhraseRenderer {
 public:
  // REQUIRES: synth and cache outlive the renderer.
  PhraseRenderer(Synthesizer& synth, PhraseCache& cache) : synth_(synth), cache_(cache) {}

  // Errors: those of Synthesizer::render. A failure to write the disk cache
  // is logged, not returned (the phrase is still returned and kept in memory).
  Result<std::shared_ptr<const audio::Pcm>> render(const std::string& text);

 private:
  Synthesizer& synth_;
  PhraseCache& cache_;
};

}  // namespace robocall::speech
