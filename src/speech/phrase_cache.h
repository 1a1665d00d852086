// PhraseCache: rendered phrases keyed by (text, voice settings key), kept in
// memory (least recently used dropped past a byte budget) and, when given a
// folder, on disk as <dir>/<hash>.wav so a restart does not re-render.
// Thread-safe: any thread may call any method; disk reads and writes happen
// on the calling thread (so not on the SIP loop thread).
#pragma once

#include <cstddef>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "audio/pcm.h"
#include "common/result.h"

namespace robocall::speech {

class PhraseCache {
 public:
  static constexpr std::size_t kDefaultMemoryBudget = 64u << 20;  // bytes of samples

  // An empty dir keeps the cache in memory only; otherwise the folder is
  // created on the first store.
  explicit PhraseCache(std::filesystem::path dir = {},
                       std::size_t memory_budget = kDefaultMemoryBudget);

  // Memory first, then disk (a disk hit is kept in memory). nullptr on a miss;
  // an unreadable or foreign file counts as a miss.
  std::shared_ptr<const audio::Pcm> find(std::string_view text, std::string_view voice_key);

  // Keeps pcm in memory and writes it to disk (temp file + rename, no fsync:
  // a file torn by a power cut is detected and counts as a miss).
  // A disk failure is returned; the memory entry stays.
  Status store(std::string_view text, std::string_view voice_key,
               std::shared_ptr<const audio::Pcm> pcm);

  // "<32 hex digits of BLAKE2b-128 of the key>.wav"
  static std::string file_name(std::string_view text, std::string_view voice_key);

  std::size_t memory_entries() const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  struct Entry {
    std::shared_ptr<const audio::Pcm> pcm;
    std::list<std::string>::iterator age;
  };
  void remember(const std::string& key, std::shared_ptr<const audio::Pcm> pcm);

  // Constant after construction.
  const std::filesystem::path dir_;
  const std::size_t memory_budget_;
  // Guarded by mu_.
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // front = most recently used
  std::size_t memory_bytes_ = 0;
};

}  // namespace robocall::speech
