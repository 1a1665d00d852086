// PhraseBook: the audio of one call's phrases, ready before dialing.
// Each phrase is the administrator's recording when there is one, else its
// template filled from the task and synthesised through the phrase cache
// (only phrases naming task data differ per call; the rest are cache hits).
// Phrase 2 without a recording is composed from the voice pack when the pack
// holds every fragment it needs for the task's appointment (docs/BEHAVIOUR.md
// "Voice pack"), synthesised whole otherwise.
// THREADS: the dialer's speech thread only (it blocks on synthesis and disk).
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "common/result.h"
#include "dialer/call_session.h"
#include "dialer/config.h"
#include "domain/task.h"
#include "speech/phrase_renderer.h"
#include "speech/voice_pack.h"

namespace robocall::dialer {

// The stand-in task whose data a test call's phrases speak (the UI's test
// call and `robocall call`): «Тестовый вызов», appointment tomorrow at 10:00
// local time.
domain::Task test_call_task(domain::Instant now);

class PhraseBook {
 public:
  // REQUIRES: renderer outlives the book. An empty data_dir: no voice pack.
  explicit PhraseBook(speech::PhraseRenderer& renderer, std::filesystem::path data_dir = {});

  // Phrases 7 and 8 only with `verification` (the step is off otherwise and
  // never plays them; their slots stay empty). Errors: a template the task
  // cannot fill, a synthesis failure, or an unreadable recording (Russian
  // messages, the phrase number in them).
  Result<CallPhrases> prepare(const domain::PerPhrase<PhraseSource>& sources,
                              const domain::Task& task, domain::Instant now,
                              bool verification = false);

 private:
  Result<std::shared_ptr<const audio::Pcm>> recording(const std::string& path);

  speech::PhraseRenderer& renderer_;
  std::unique_ptr<speech::VoicePack> voice_;  // null without a data folder
  struct Loaded {
    std::filesystem::file_time_type mtime;
    std::shared_ptr<const audio::Pcm> pcm;
  };
  std::map<std::string, Loaded> recordings_;
};

}  // namespace robocall::dialer
