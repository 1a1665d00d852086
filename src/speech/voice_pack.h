// The voice pack on disk (docs/BEHAVIOUR.md "Voice pack"): each recorded
// fragment as <data_dir>/voice/<id>.wav (8 kHz mono, trimmed, normalised)
// with the text it was recorded for beside it as <id>.txt; a fragment whose
// text has changed since (phrase 2 edited) is outdated and not used.
// Free functions: any thread except the SIP loop (they do file I/O).
// VoicePack: one thread at a time (the dialer's speech thread, or one request).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audio/pcm.h"
#include "common/result.h"
#include "domain/task.h"
#include "speech/phrase_cache.h"
#include "speech/voice_fragments.h"

namespace robocall::speech {

inline constexpr int kMaxFragmentSeconds = 10;

std::filesystem::path voice_dir(const std::filesystem::path& data_dir);

enum class FragmentState { kSynthesised, kRecorded, kOutdated };
// "synthesised", "recorded", "outdated".
std::string_view state_id(FragmentState state);

struct FragmentStatus {
  FragmentState state = FragmentState::kSynthesised;
  std::optional<double> seconds;  // of the recording, when there is one
};

// From the files: no recording → synthesised; a recording whose text file
// holds fragment.text → recorded; otherwise outdated.
FragmentStatus fragment_status(const std::filesystem::path& data_dir,
                               const VoiceFragment& fragment);

// An upload shaped for a fragment (recorded_phrase.h shape_upload, at most
// kMaxFragmentSeconds). Errors name the fragment's text in Russian.
Result<audio::Pcm> shape_fragment(const VoiceFragment& fragment,
                                  std::span<const std::uint8_t> bytes);

// Replaces the fragment's recording (atomically) and then its text file.
// Errors: kIoError with a Russian message.
Status write_fragment(const std::filesystem::path& data_dir, const VoiceFragment& fragment,
                      const audio::Pcm& pcm);

// Removes the recording and its text file; a missing one is no error.
Status delete_fragment(const std::filesystem::path& data_dir, std::string_view id);

// The recording of a fragment as stored (WAV bytes). Errors: kNotFound when
// none, kIoError.
Result<std::vector<std::uint8_t>> fragment_wav(const std::filesystem::path& data_dir,
                                               std::string_view id);

class VoicePack {
 public:
  explicit VoicePack(std::filesystem::path data_dir);

  // Phrase 2 composed from the recorded fragments for the appointment (date
  // and time in the process TZ, the year spoken as fill_template does), or
  // nullptr when the text is not composable or a fragment it needs is not
  // recorded or outdated: the caller then synthesises the whole phrase.
  // Composed audio is cached in memory, keyed by the fragments' versions.
  // Errors: kIoError or kInvalidArgument for a recording that cannot be read.
  Result<std::shared_ptr<const audio::Pcm>> phrase2(std::string_view phrase2_text,
                                                    domain::Instant appointment,
                                                    domain::Instant now);
  // The same as a WAV file; empty when phrase2 gives nullptr.
  Result<std::vector<std::uint8_t>> phrase2_wav(std::string_view phrase2_text,
                                                domain::Instant appointment, domain::Instant now);

 private:
  struct Loaded {
    std::string version;  // sizes and modification times of both files
    std::string text;     // what the recording was made for
    std::shared_ptr<const audio::Pcm> pcm;
  };
  // nullptr when not recorded (no files).
  Result<const Loaded*> load(const std::string& id);

  const std::filesystem::path dir_;
  std::map<std::string, Loaded> loaded_;
  PhraseCache composed_;
};

}  // namespace robocall::speech
