#include "speech/voice_pack.h"

#include <array>
#include <system_error>

#include "audio/atomic_file.h"
#include "audio/convert.h"
#include "audio/wav.h"
#include "domain/local_time.h"
#include "speech/recorded_phrase.h"
#include "speech/voice_composer.h"

namespace robocall::speech {
namespace {

std::filesystem::path wav_path(const std::filesystem::path& dir, std::string_view id) {
  return dir / (std::string(id) + ".wav");
}

std::filesystem::path text_path(const std::filesystem::path& dir, std::string_view id) {
  return dir / (std::string(id) + ".txt");
}

std::optional<std::string> read_text(const std::filesystem::path& path) {
  auto bytes = audio::read_file(path);
  if (!bytes) return std::nullopt;
  return std::string(bytes->begin(), bytes->end());
}

// "<size>:<mtime>" of a file, "" when it is missing.
std::string file_version(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return {};
  const auto mtime = std::filesystem::last_write_time(path, ec);
  if (ec) return {};
  return std::to_string(size) + ":" + std::to_string(mtime.time_since_epoch().count());
}

}  // namespace

std::filesystem::path voice_dir(const std::filesystem::path& data_dir) {
  return data_dir / "voice";
}

std::string_view state_id(FragmentState state) {
  static constexpr std::array<std::string_view, 3> kIds = {"synthesised", "recorded", "outdated"};
  return kIds[static_cast<std::size_t>(state)];
}

FragmentStatus fragment_status(const std::filesystem::path& data_dir,
                               const VoiceFragment& fragment) {
  const auto dir = voice_dir(data_dir);
  std::error_code ec;
  const auto size = std::filesystem::file_size(wav_path(dir, fragment.id), ec);
  if (ec) return {};
  FragmentStatus out;
  // Fragments are written as canonical 16-bit 8 kHz mono WAV: a 44-byte header.
  out.seconds = size > 44 ? static_cast<double>(size - 44) / (2.0 * audio::kTelephoneRate) : 0.0;
  out.state = read_text(text_path(dir, fragment.id)) == fragment.text ? FragmentState::kRecorded
                                                                      : FragmentState::kOutdated;
  return out;
}

Result<audio::Pcm> shape_fragment(const VoiceFragment& fragment,
                                  std::span<const std::uint8_t> bytes) {
  return shape_upload(bytes, std::chrono::seconds(kMaxFragmentSeconds),
                      "Запись фрагмента «" + fragment.text + "»");
}

Status write_fragment(const std::filesystem::path& data_dir, const VoiceFragment& fragment,
                      const audio::Pcm& pcm) {
  const auto dir = voice_dir(data_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::io("Не удалось создать папку " + dir.string() + ": " + ec.message());
  if (Status st = audio::write_wav(wav_path(dir, fragment.id), pcm); !st) return st;
  return audio::write_file_atomically(
      text_path(dir, fragment.id),
      std::span(reinterpret_cast<const std::uint8_t*>(fragment.text.data()), fragment.text.size()));
}

Status delete_fragment(const std::filesystem::path& data_dir, std::string_view id) {
  const auto dir = voice_dir(data_dir);
  for (const auto& path : {wav_path(dir, id), text_path(dir, id)}) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec) return Error::io("Не удалось удалить " + path.string() + ": " + ec.message());
  }
  return {};
}

Result<std::vector<std::uint8_t>> fragment_wav(const std::filesystem::path& data_dir,
                                               std::string_view id) {
  return audio::read_file(wav_path(voice_dir(data_dir), id));
}

VoicePack::VoicePack(std::filesystem::path data_dir)
    : dir_(voice_dir(data_dir)), composed_({}, 16u << 20) {}

Result<const VoicePack::Loaded*> VoicePack::load(const std::string& id) {
  const std::string wav_version = file_version(wav_path(dir_, id));
  if (wav_version.empty()) return nullptr;
  const std::string version = wav_version + "/" + file_version(text_path(dir_, id));
  if (auto it = loaded_.find(id); it != loaded_.end() && it->second.version == version) {
    return &it->second;
  }
  auto pcm = audio::read_wav(wav_path(dir_, id));
  if (!pcm) return pcm.error();
  auto tel = audio::to_telephone(*pcm);
  if (!tel) return tel.error();
  Loaded& slot = loaded_[id];
  slot = {version, read_text(text_path(dir_, id)).value_or(""),
          std::make_shared<const audio::Pcm>(std::move(*tel))};
  return &slot;
}

Result<std::shared_ptr<const audio::Pcm>> VoicePack::phrase2(std::string_view phrase2_text,
                                                             domain::Instant appointment,
                                                             domain::Instant now) {
  const auto at = domain::to_local(appointment);
  const auto at_day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss<std::chrono::seconds> at_time{at - at_day};
  auto sequence = phrase2_sequence(
      phrase2_text, std::chrono::year_month_day{at_day}, domain::local_date(now).year(),
      static_cast<int>(at_time.hours().count()), static_cast<int>(at_time.minutes().count()));
  if (!sequence) return std::shared_ptr<const audio::Pcm>();
  static const audio::Pcm kPause = silence(kVoicePause);
  std::vector<const audio::Pcm*> parts;
  std::string ids;
  std::string versions;
  for (const VoiceFragment& f : *sequence) {
    ids += f.id + ",";
    if (f.id.empty()) {
      parts.push_back(&kPause);
      continue;
    }
    auto loaded = load(f.id);
    if (!loaded) return loaded.error();
    if (*loaded == nullptr || (*loaded)->text != f.text) return std::shared_ptr<const audio::Pcm>();
    versions += (*loaded)->version + ",";
    parts.push_back((*loaded)->pcm.get());
  }
  if (auto hit = composed_.find(ids, versions)) return hit;
  auto pcm = std::make_shared<const audio::Pcm>(compose(parts));
  (void)composed_.store(ids, versions, pcm);  // memory only: cannot fail
  return pcm;
}

Result<std::vector<std::uint8_t>> VoicePack::phrase2_wav(std::string_view phrase2_text,
                                                         domain::Instant appointment,
                                                         domain::Instant now) {
  auto pcm = phrase2(phrase2_text, appointment, now);
  if (!pcm) return pcm.error();
  if (*pcm == nullptr) return std::vector<std::uint8_t>();
  return audio::encode_wav(**pcm);
}

}  // namespace robocall::speech
