#include "xlsx/zip_archive.h"

#include <algorithm>
#include <string>

namespace robocall::xlsx {

namespace {

Error bomb_error() {
  return Error::limit(
      "Файл XLSX отклонён: после распаковки он слишком велик (похоже на ZIP-бомбу).");
}

Error open_error(int code) {
  if (code == ZIP_ER_NOZIP) {
    return Error::invalid("Файл не является книгой XLSX: это не ZIP-архив (или архив обрезан).");
  }
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = "Файл XLSX повреждён: не удаётся открыть ZIP-архив (";
  message += zip_error_strerror(&error);
  message += ").";
  zip_error_fini(&error);
  return Error::corrupt(std::move(message));
}

}  // namespace

Result<ZipArchive> ZipArchive::from_source(zip_source_t* source, const Limits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (zip == nullptr) {
    const int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return open_error(code);
  }
  zip_error_fini(&error);
  auto state = std::make_unique<State>();
  state->zip.reset(zip);
  state->limits = limits;
  return ZipArchive(std::move(state));
}

Result<ZipArchive> ZipArchive::open_file(const std::filesystem::path& path, const Limits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error::not_found("Файл не найден: " + path.string());
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_file_create(path.c_str(), 0, -1, &error);
  zip_error_fini(&error);
  if (source == nullptr) return Error::io("Не удаётся прочитать файл: " + path.string());
  return from_source(source, limits);
}

Result<ZipArchive> ZipArchive::open_memory(std::string_view data, const Limits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(data.data(), data.size(), 0, &error);
  zip_error_fini(&error);
  if (source == nullptr) return Error::internal("zip_source_buffer_create failed");
  return from_source(source, limits);
}

std::vector<std::string> ZipArchive::names() const {
  std::vector<std::string> out;
  const zip_int64_t n = zip_get_num_entries(state_->zip.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    if (const char* name = zip_get_name(state_->zip.get(), static_cast<zip_uint64_t>(i), 0)) {
      out.emplace_back(name);
    }
  }
  return out;
}

std::optional<zip_int64_t> ZipArchive::find(const std::string& name) const {
  const zip_int64_t index = zip_name_locate(state_->zip.get(), name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  return index;
}

Result<zip_stat_t> ZipArchive::stat_part(const std::string& name) const {
  const auto index = find(name);
  if (!index) return Error::corrupt("Файл XLSX повреждён: нет части " + name + ".");
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(state_->zip.get(), *index, 0, &stat) != 0 ||
      (stat.valid & ZIP_STAT_SIZE) == 0 || (stat.valid & ZIP_STAT_COMP_SIZE) == 0 ||
      (stat.valid & ZIP_STAT_INDEX) == 0) {
    return Error::corrupt("Файл XLSX повреждён: не читается каталог архива (" + name + ").");
  }
  return stat;
}

Result<std::uint64_t> ZipArchive::part_size(const std::string& name) const {
  auto stat = stat_part(name);
  if (!stat) return stat.error();
  return std::uint64_t{stat->size};
}

Result<PartStream> ZipArchive::open_part(const std::string& name) {
  auto found = stat_part(name);
  if (!found) return found.error();
  const zip_stat_t& stat = *found;
  const Limits& limits = state_->limits;
  if (stat.size > limits.max_uncompressed_bytes ||
      state_->bytes_read + stat.size > limits.max_uncompressed_bytes) {
    return bomb_error();
  }
  if (stat.size > limits.ratio_floor_bytes &&
      stat.size / std::max<zip_uint64_t>(stat.comp_size, 1) > limits.max_ratio) {
    return bomb_error();
  }
  zip_file_t* file = zip_fopen_index(state_->zip.get(), stat.index, 0);
  if (file == nullptr) {
    std::string message = "Файл XLSX повреждён: не открывается часть " + name + " (";
    message += zip_strerror(state_->zip.get());
    message += ").";
    return Error::corrupt(std::move(message));
  }
  return PartStream(name, file, stat.size, &state_->bytes_read, &state_->limits);
}

Result<std::string> ZipArchive::read_part(const std::string& name) {
  auto stream = open_part(name);
  if (!stream) return stream.error();
  std::string data;
  char buffer[16384];
  for (;;) {
    auto n = stream->read(buffer, sizeof buffer);
    if (!n) return n.error();
    if (*n == 0) break;
    data.append(buffer, *n);
  }
  return data;
}

Result<std::size_t> PartStream::read(char* buffer, std::size_t n) {
  const zip_int64_t got = zip_fread(file_.get(), buffer, n);
  if (got < 0) {
    std::string message = "Файл XLSX повреждён: часть " + name_ + " не распаковывается (";
    message += zip_file_strerror(file_.get());
    message += ").";
    return Error::corrupt(std::move(message));
  }
  *bytes_read_ += static_cast<std::uint64_t>(got);
  delivered_ += static_cast<std::uint64_t>(got);
  if (*bytes_read_ > limits_->max_uncompressed_bytes) return bomb_error();
  if (delivered_ > declared_ || (got == 0 && n > 0 && delivered_ < declared_))
    return Error::corrupt("Файл XLSX повреждён: часть " + name_ +
                          " не совпадает с размером, записанным в архиве.");
  return static_cast<std::size_t>(got);
}

}  // namespace robocall::xlsx
