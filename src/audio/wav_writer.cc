#include "audio/wav_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "audio/wav.h"

namespace robocall::audio {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;
// Appends of this size or more are written at once, not buffered.
constexpr std::size_t kDirectBytes = 16 * 1024;
constexpr std::uint64_t kMaxDataBytes = 0xFFFFFFFFull - 36;

Status write_all(int fd, const std::uint8_t* p, std::size_t n, off_t offset) {
  while (n > 0) {
    ssize_t w = offset >= 0 ? ::pwrite(fd, p, n, offset) : ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Error::io(std::string("Не удалось записать файл записи разговора: ") +
                       std::strerror(errno));
    }
    p += w;
    n -= static_cast<std::size_t>(w);
    if (offset >= 0) offset += w;
  }
  return {};
}

}  // namespace

Result<WavWriter> WavWriter::create(const std::filesystem::path& path, int sample_rate,
                                    int channels) {
  if (sample_rate <= 0 || channels < 1 || channels > 8) {
    return Error::invalid("Неверные параметры звука для записи WAV");
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error::io("Не удалось создать файл " + path.string() + ": " + std::strerror(errno));
  }
  WavWriter writer(fd, path, channels);
  std::vector<std::uint8_t> header = wav_header(sample_rate, channels, 0);
  header[4] = header[5] = header[6] = header[7] = 0;  // RIFF size unknown until close()
  if (auto st = write_all(fd, header.data(), header.size(), -1); !st) return st.error();
  return writer;
}

WavWriter::WavWriter(int fd, std::filesystem::path path, int channels)
    : fd_(fd), path_(std::move(path)), channels_(channels) {}

WavWriter::WavWriter(WavWriter&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      channels_(other.channels_),
      data_bytes_(other.data_bytes_),
      buffer_(std::move(other.buffer_)),
      failed_(other.failed_) {}

WavWriter& WavWriter::operator=(WavWriter&& other) noexcept {
  if (this != &other) {
    (void)close();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    channels_ = other.channels_;
    data_bytes_ = other.data_bytes_;
    buffer_ = std::move(other.buffer_);
    failed_ = other.failed_;
  }
  return *this;
}

WavWriter::~WavWriter() {
  (void)close();
}

Status WavWriter::append(std::span<const std::int16_t> interleaved) {
  if (fd_ < 0) return Error::invalid("Файл записи разговора уже закрыт");
  if (failed_) return Error::io("Запись в файл " + path_.string() + " прервана ошибкой");
  if (interleaved.size() % channels_ != 0) {
    return Error::invalid("Число отсчётов не кратно числу каналов");
  }
  const std::uint64_t adding = interleaved.size() * 2u;
  if (data_bytes_ + buffer_.size() + adding > kMaxDataBytes) {
    return Error::limit("Запись разговора превысила предельный размер файла WAV");
  }
  if constexpr (std::endian::native == std::endian::little) {
    // WAV's byte order already: a large block goes straight to the file,
    // without a copy, once what is buffered before it has gone.
    if (adding >= kDirectBytes) {
      if (auto st = flush(); !st) return st;
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(interleaved.data());
      if (Status st = write_all(fd_, bytes, adding, -1); !st) {
        failed_ = true;
        return st;
      }
      data_bytes_ += adding;
      return {};
    }
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(interleaved.data());
    buffer_.insert(buffer_.end(), bytes, bytes + adding);
  } else {
    for (std::int16_t s : interleaved) {
      const auto u = static_cast<std::uint16_t>(s);
      buffer_.push_back(static_cast<std::uint8_t>(u));
      buffer_.push_back(static_cast<std::uint8_t>(u >> 8));
    }
  }
  if (buffer_.size() >= kFlushBytes) return flush();
  return {};
}

Status WavWriter::flush() {
  if (buffer_.empty()) return {};
  Status st = write_all(fd_, buffer_.data(), buffer_.size(), -1);
  if (!st) {
    failed_ = true;
    return st;
  }
  data_bytes_ += buffer_.size();
  buffer_.clear();
  return {};
}

Status WavWriter::close() {
  if (fd_ < 0) return {};
  Status result = failed_
                      ? Status(Error::io("Запись в файл " + path_.string() + " прервана ошибкой"))
                      : flush();
  if (result) {
    std::uint8_t size[4];
    const auto riff = static_cast<std::uint32_t>(36 + data_bytes_);
    const auto data = static_cast<std::uint32_t>(data_bytes_);
    for (int i = 0; i < 4; ++i) size[i] = static_cast<std::uint8_t>(riff >> (8 * i));
    result = write_all(fd_, size, 4, 4);
    for (int i = 0; i < 4; ++i) size[i] = static_cast<std::uint8_t>(data >> (8 * i));
    if (result) result = write_all(fd_, size, 4, 40);
    if (result && ::fsync(fd_) != 0) {
      result = Error::io("Не удалось сохранить на диск файл " + path_.string());
    }
  }
  if (::close(std::exchange(fd_, -1)) != 0 && result) {
    result = Error::io("Не удалось закрыть файл " + path_.string());
  }
  return result;
}

}  // namespace robocall::audio
