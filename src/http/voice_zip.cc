#include "http/voice_zip.h"

#include <zip.h>

#include <cctype>
#include <set>

#include "xlsx/zip_archive.h"

namespace robocall::http {
namespace {

constexpr std::string_view kWav = ".wav";

bool ends_with_wav(std::string_view name) {
  if (name.size() < kWav.size()) return false;
  const auto tail = name.substr(name.size() - kWav.size());
  for (std::size_t i = 0; i < kWav.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(tail[i])) != kWav[i]) return false;
  }
  return true;
}

// The archive bytes libzip wrote into the in-memory source.
Result<std::string> source_bytes(zip_source_t* source) {
  if (zip_source_open(source) < 0) return Error::internal("zip_source_open failed");
  std::string out;
  char buffer[64 * 1024];
  for (;;) {
    const zip_int64_t n = zip_source_read(source, buffer, sizeof buffer);
    if (n < 0) {
      zip_source_close(source);
      return Error::internal("zip_source_read failed");
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  zip_source_close(source);
  return out;
}

}  // namespace

Result<VoiceZip> read_voice_zip(std::string_view zip,
                                const std::function<bool(std::string_view)>& is_known) {
  xlsx::Limits limits;
  limits.max_uncompressed_bytes = std::uint64_t{256} << 20;
  auto archive = xlsx::ZipArchive::open_memory(zip, limits);
  if (!archive) return Error::invalid("Файл не является архивом ZIP или повреждён");
  VoiceZip out;
  std::set<std::string> seen;
  for (const std::string& name : archive->names()) {
    const auto ignore = [&](std::string reason) {
      out.ignored.push_back({name, std::move(reason)});
    };
    if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) {
      ignore("файл во вложенной папке: файлы фрагментов лежат в корне архива");
      continue;
    }
    if (!ends_with_wav(name)) {
      ignore("не файл .wav");
      continue;
    }
    const std::string id = name.substr(0, name.size() - kWav.size());
    if (!is_known(id)) {
      ignore("нет фрагмента с таким именем");
      continue;
    }
    if (!seen.insert(id).second) {
      ignore("фрагмент уже есть в архиве под другим именем");
      continue;
    }
    auto bytes = archive->read_part(name);
    if (!bytes) return Error::invalid("Файл " + name + " в архиве не читается: архив повреждён");
    out.fragments.push_back({id, std::move(*bytes)});
  }
  return out;
}

Result<std::string> write_zip(const std::vector<ZipFile>& files) {
  if (files.empty()) return std::string("PK\x05\x06", 4) + std::string(18, '\0');
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_TRUNCATE, &error) : nullptr;
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    return Error::internal("zip_open_from_source failed");
  }
  zip_source_keep(source);
  for (const ZipFile& f : files) {
    zip_source_t* part = zip_source_buffer(archive, f.bytes.data(), f.bytes.size(), 0);
    if (part == nullptr || zip_file_add(archive, f.name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
      if (part) zip_source_free(part);
      zip_discard(archive);
      zip_source_free(source);
      return Error::internal("zip_file_add failed");
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    zip_source_free(source);
    return Error::internal("zip_close failed");
  }
  auto bytes = source_bytes(source);
  zip_source_free(source);
  return bytes;
}

}  // namespace robocall::http
