#include "speech/recorded_phrase.h"

#include <cassert>
#include <string>
#include <system_error>

#include "audio/convert.h"
#include "audio/level.h"
#include "audio/wav.h"
#include "domain/phrases.h"
#include "speech/phrase_template.h"

namespace robocall::speech {

std::filesystem::path phrase_recording_path(const std::filesystem::path& data_dir,
                                            int phrase_number) {
  assert(domain::is_phrase_number(phrase_number));
  return data_dir / "phrases" / ("recorded-" + std::to_string(phrase_number) + ".wav");
}

Result<audio::Pcm> shape_upload(std::span<const std::uint8_t> bytes,
                                std::chrono::seconds max_length, std::string_view what) {
  if (bytes.size() > kMaxRecordingUploadBytes) {
    return Error::limit("Файл записи слишком большой (не более 50 МБ)");
  }
  auto decoded = audio::decode_wav(bytes);
  if (!decoded) {
    return Error::invalid(std::string(what) + " не принята. " + decoded.error().message +
                          ". Загрузите файл WAV");
  }
  if (decoded->duration() > max_length) {
    return Error::limit(std::string(what) + " слишком длинная (не более " +
                        std::to_string(max_length.count()) + " секунд)");
  }
  auto phone = audio::to_telephone(*decoded);
  if (!phone) return phone.error();
  audio::Pcm shaped = audio::normalise_loudness(audio::trim_silence(*phone));
  if (shaped.samples.empty()) {
    return Error::invalid(std::string(what) + " не принята: в файле только тишина");
  }
  return shaped;
}

Result<std::filesystem::path> save_phrase_recording(const std::filesystem::path& data_dir,
                                                    int phrase_number,
                                                    std::span<const std::uint8_t> bytes) {
  if (!domain::is_phrase_number(phrase_number)) {
    return Error::invalid("Нет фразы с номером " + std::to_string(phrase_number) +
                          " (фразы нумеруются от 1 до " + std::to_string(domain::kPhraseCount) +
                          ")");
  }
  auto shaped = shape_upload(bytes, std::chrono::seconds(kMaxRecordingSeconds), "Запись фразы");
  if (!shaped) return shaped.error();
  const std::filesystem::path path = phrase_recording_path(data_dir, phrase_number);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return Error::io("Не удалось создать папку " + path.parent_path().string() + ": " +
                     ec.message());
  }
  if (Status written = audio::write_wav(path, *shaped); !written) return written.error();
  return path;
}

}  // namespace robocall::speech
