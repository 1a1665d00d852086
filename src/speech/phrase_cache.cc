#include "speech/phrase_cache.h"

#include <sodium.h>

#include <system_error>

#include "audio/atomic_file.h"
#include "audio/wav.h"

namespace robocall::speech {
namespace {

std::string cache_key(std::string_view text, std::string_view voice_key) {
  std::string key(voice_key);
  key += '\n';
  key += text;
  return key;
}

// Cache files are written without fsync: after a power cut one may be torn.
// Only a file exactly as encode_wav writes it, with its data size matching
// the bytes that follow, is trusted.
bool is_whole_canonical_wav(const std::vector<std::uint8_t>& bytes) {
  constexpr std::size_t kHeader = 44;
  if (bytes.size() < kHeader) return false;
  const std::uint32_t data =
      static_cast<std::uint32_t>(bytes[40]) | (static_cast<std::uint32_t>(bytes[41]) << 8) |
      (static_cast<std::uint32_t>(bytes[42]) << 16) | (static_cast<std::uint32_t>(bytes[43]) << 24);
  return data == bytes.size() - kHeader;
}

std::size_t bytes_of(const audio::Pcm& pcm) {
  return pcm.samples.size() * sizeof(std::int16_t);
}

}  // namespace

PhraseCache::PhraseCache(std::filesystem::path dir, std::size_t memory_budget)
    : dir_(std::move(dir)), memory_budget_(memory_budget) {}

std::string PhraseCache::file_name(std::string_view text, std::string_view voice_key) {
  const std::string key = cache_key(text, voice_key);
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(key.data()),
                     key.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name;
  for (unsigned char b : hash) {
    name += kHex[b >> 4];
    name += kHex[b & 15];
  }
  return name + ".wav";
}

std::shared_ptr<const audio::Pcm> PhraseCache::find(std::string_view text,
                                                    std::string_view voice_key) {
  const std::string key = cache_key(text, voice_key);
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.age);
      return it->second.pcm;
    }
  }
  if (dir_.empty()) return nullptr;
  auto bytes = audio::read_file(dir_ / file_name(text, voice_key));
  if (!bytes || !is_whole_canonical_wav(*bytes)) return nullptr;
  auto loaded = audio::decode_wav(*bytes);
  if (!loaded || loaded->sample_rate != audio::kTelephoneRate || loaded->channels != 1) {
    return nullptr;
  }
  auto pcm = std::make_shared<const audio::Pcm>(std::move(*loaded));
  std::lock_guard lock(mu_);
  remember(key, pcm);
  return pcm;
}

Status PhraseCache::store(std::string_view text, std::string_view voice_key,
                          std::shared_ptr<const audio::Pcm> pcm) {
  {
    std::lock_guard lock(mu_);
    remember(cache_key(text, voice_key), pcm);
  }
  if (dir_.empty()) return {};
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) {
    return Error::io("Не удалось создать папку " + dir_.string() + ": " + ec.message());
  }
  return audio::write_file_atomically(dir_ / file_name(text, voice_key), audio::encode_wav(*pcm),
                                      audio::Durability::kNoFsync);
}

std::size_t PhraseCache::memory_entries() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void PhraseCache::remember(const std::string& key, std::shared_ptr<const audio::Pcm> pcm) {
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    memory_bytes_ -= bytes_of(*it->second.pcm);
    lru_.erase(it->second.age);
    entries_.erase(it);
  }
  memory_bytes_ += bytes_of(*pcm);
  lru_.push_front(key);
  entries_.emplace(key, Entry{std::move(pcm), lru_.begin()});
  while (memory_bytes_ > memory_budget_ && lru_.size() > 1) {
    auto oldest = entries_.find(lru_.back());
    memory_bytes_ -= bytes_of(*oldest->second.pcm);
    entries_.erase(oldest);
    lru_.pop_back();
  }
}

}  // namespace robocall::speech
