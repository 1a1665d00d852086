// Synthesizer: Russian text to 8 kHz mono 16-bit speech with libespeak-ng.
// espeak-ng keeps global state, so one worker thread owned by the (single)
// Synthesizer does every espeak call; any thread may post requests and gets
// a future. Output is trimmed of silence at the ends and loudness-normalised.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "audio/pcm.h"
#include "common/result.h"

namespace robocall::speech {

struct VoiceSettings {
  std::string voice = "ru";
  int rate_wpm = 150;  // espeak-ng accepts 80..450
  int pitch = 50;      // 0..100
  // A stable text naming these settings, part of the phrase cache key.
  std::string key() const;
};

class Synthesizer {
 public:
  // Starts the worker and initialises espeak-ng on it (data from the default
  // install path, voice settings.voice). Errors: kConflict if another
  // Synthesizer is alive in the process, kUnavailable if espeak-ng or its
  // voice cannot be loaded, kInvalidArgument for settings out of range.
  static Result<std::unique_ptr<Synthesizer>> start(VoiceSettings settings = {});

  Synthesizer(const Synthesizer&) = delete;
  Synthesizer& operator=(const Synthesizer&) = delete;
  // Requests still queued complete with kUnavailable; joins the worker.
  ~Synthesizer();

  // Renders text as is (spell digits out first: numerals.h). Thread-safe.
  // Errors: kInvalidArgument for empty text or text over 4000 bytes or that
  // renders to silence.
  std::future<Result<audio::Pcm>> render(std::string text);

  // The IPA phonemes espeak-ng reads for text, clauses joined by spaces.
  std::future<Result<std::string>> phonemes(std::string text);

  const VoiceSettings& settings() const { return settings_; }

 private:
  explicit Synthesizer(VoiceSettings settings);
  void run(std::promise<Status> started);
  void post(std::function<void(bool cancelled)> job);

  // Constant after construction.
  const VoiceSettings settings_;
  // Guarded by mu_.
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void(bool)>> queue_;
  bool stopping_ = false;
  // The worker: the only thread that calls espeak-ng.
  std::thread worker_;
};

}  // namespace robocall::speech
