// PhraseRenderer: the one path from text to phrase audio: the cache first,
// then the Synthesizer's worker, storing what it renders. Any thread may call
// render() except the SIP loop thread: a miss blocks for the synthesis
// (a few ms) and a disk read or write.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "audio/pcm.h"
#include "common/result.h"
#include "domain/task.h"
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

  // The audio of one phrase for one task: the administrator's recording when
  // `recording` is not empty (read from disk each time, ~0.1 ms); else, or if
  // that file cannot be read (logged), the template filled for the task
  // (phrase_template.h fill_template) and rendered through the cache.
  // Errors: those of fill_template and render.
  Result<std::shared_ptr<const audio::Pcm>> phrase(std::string_view template_text,
                                                   const std::filesystem::path& recording,
                                                   const domain::Task& task, domain::Instant now);

 private:
  Synthesizer& synth_;
  PhraseCache& cache_;
};

}  // namespace robocall::speech
