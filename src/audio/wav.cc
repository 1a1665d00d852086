#include "audio/wav.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>

#include "audio/atomic_file.h"
#include "audio/g711.h"

namespace robocall::audio {
namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatFloat = 3;
constexpr std::uint16_t kFormatAlaw = 6;
constexpr std::uint16_t kFormatMulaw = 7;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;
constexpr int kMaxChannels = 8;
constexpr std::uint32_t kMaxRate = 768000;

std::uint16_t le16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint32_t le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

Error bad(const std::string& why) {
  return Error::invalid("Файл не является корректным WAV: " + why);
}

struct Format {
  std::uint16_t tag = 0;
  int channels = 0;
  std::uint32_t rate = 0;
  int block_align = 0;
  int bits = 0;
};

Result<Format> parse_fmt(const std::uint8_t* p, std::uint32_t size) {
  if (size < 16) return bad("блок fmt слишком короткий");
  Format f;
  f.tag = le16(p);
  f.channels = le16(p + 2);
  f.rate = le32(p + 4);
  f.block_align = le16(p + 12);
  f.bits = le16(p + 14);
  if (f.tag == kFormatExtensible) {
    if (size < 40) return bad("блок fmt формата EXTENSIBLE слишком короткий");
    int valid_bits = le16(p + 18);
    f.tag = le16(p + 24);  // first two bytes of the SubFormat GUID
    if (valid_bits != 0 && valid_bits > f.bits) return bad("неверное число значащих бит");
  }
  if (f.channels < 1 || f.channels > kMaxChannels) {
    return bad("число каналов " + std::to_string(f.channels) + " (допустимо от 1 до 8)");
  }
  if (f.rate < 1 || f.rate > kMaxRate) {
    return bad("частота дискретизации " + std::to_string(f.rate) + " Гц");
  }
  bool supported = false;
  switch (f.tag) {
    case kFormatPcm:
      supported = f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32;
      break;
    case kFormatFloat:
      supported = f.bits == 32 || f.bits == 64;
      break;
    case kFormatAlaw:
    case kFormatMulaw:
      supported = f.bits == 8;
      break;
    default:
      return bad("неподдерживаемый формат данных " + std::to_string(f.tag) +
                 " (поддерживаются PCM, float, A-law, µ-law)");
  }
  if (!supported) return bad("неподдерживаемая разрядность " + std::to_string(f.bits) + " бит");
  if (f.block_align != f.channels * (f.bits / 8)) return bad("неверный размер кадра (block align)");
  return f;
}

std::int16_t clamp16(double v) {
  if (std::isnan(v)) return 0;
  double scaled = std::round(v * 32767.0);
  return static_cast<std::int16_t>(std::clamp(scaled, -32768.0, 32767.0));
}

std::int16_t decode_sample(const Format& f, const std::uint8_t* p) {
  switch (f.tag) {
    case kFormatPcm:
      switch (f.bits) {
        case 8:
          return static_cast<std::int16_t>((static_cast<int>(p[0]) - 128) * 256);
        case 16:
          return static_cast<std::int16_t>(le16(p));
        case 24:
          return static_cast<std::int16_t>(le16(p + 1));
        default:
          return static_cast<std::int16_t>(le16(p + 2));
      }
    case kFormatFloat:
      if (f.bits == 32) return clamp16(std::bit_cast<float>(le32(p)));
      return clamp16(std::bit_cast<double>(static_cast<std::uint64_t>(le32(p)) |
                                           (static_cast<std::uint64_t>(le32(p + 4)) << 32)));
    case kFormatAlaw:
      return alaw_to_linear(p[0]);
    default:
      return ulaw_to_linear(p[0]);
  }
}

}  // namespace

Result<Pcm> decode_wav(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 12) return bad("файл слишком короткий");
  if (std::memcmp(bytes.data(), "RIFF", 4) != 0 || std::memcmp(bytes.data() + 8, "WAVE", 4) != 0) {
    return bad("нет заголовка RIFF/WAVE");
  }
  std::optional<Format> format;
  const std::uint8_t* data = nullptr;
  std::size_t data_size = 0;
  std::size_t pos = 12;
  while (pos + 8 <= bytes.size()) {
    const std::uint8_t* chunk = bytes.data() + pos;
    const std::uint32_t size = le32(chunk + 4);
    const std::size_t body = pos + 8;
    const std::size_t left = bytes.size() - body;
    if (std::memcmp(chunk, "data", 4) == 0) {
      data = chunk + 8;
      if (size == 0 || size == 0xFFFFFFFFu || size > left) {
        data_size = left;  // sizes never patched: the samples run to the end
        break;
      }
      data_size = size;
      if (format) break;
    } else if (size > left) {
      return bad("блок «" + std::string(reinterpret_cast<const char*>(chunk), 4) +
                 "» выходит за конец файла");
    } else if (std::memcmp(chunk, "fmt ", 4) == 0) {
      auto parsed = parse_fmt(chunk + 8, size);
      if (!parsed) return parsed.error();
      format = *parsed;
      if (data) break;
    }
    pos = body + size + (size & 1u);
  }
  if (!format) return bad("нет блока fmt");
  if (!data) return bad("нет блока data");

  Pcm pcm;
  pcm.sample_rate = static_cast<int>(format->rate);
  pcm.channels = format->channels;
  const std::size_t frame_bytes = static_cast<std::size_t>(format->block_align);
  const std::size_t frames = data_size / frame_bytes;
  const std::size_t sample_bytes = static_cast<std::size_t>(format->bits / 8);
  pcm.samples.resize(frames * format->channels);
  for (std::size_t i = 0; i < pcm.samples.size(); ++i) {
    pcm.samples[i] = decode_sample(*format, data + i * sample_bytes);
  }
  return pcm;
}

Result<Pcm> read_wav(const std::filesystem::path& path) {
  auto bytes = read_file(path);
  if (!bytes) return bytes.error();
  return decode_wav(*bytes);
}

std::vector<std::uint8_t> wav_header(int sample_rate, int channels, std::uint32_t data_bytes) {
  std::vector<std::uint8_t> h;
  h.reserve(44);
  h.insert(h.end(), {'R', 'I', 'F', 'F'});
  put32(h, data_bytes > 0xFFFFFFFFu - 36 ? 0xFFFFFFFFu : 36 + data_bytes);
  h.insert(h.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
  put32(h, 16);
  put16(h, kFormatPcm);
  put16(h, static_cast<std::uint16_t>(channels));
  put32(h, static_cast<std::uint32_t>(sample_rate));
  put32(h, static_cast<std::uint32_t>(sample_rate * channels * 2));
  put16(h, static_cast<std::uint16_t>(channels * 2));
  put16(h, 16);
  h.insert(h.end(), {'d', 'a', 't', 'a'});
  put32(h, data_bytes);
  return h;
}

std::vector<std::uint8_t> encode_wav(const Pcm& pcm) {
  const auto data_bytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
  std::vector<std::uint8_t> out = wav_header(pcm.sample_rate, pcm.channels, data_bytes);
  out.reserve(out.size() + data_bytes);
  for (std::int16_t s : pcm.samples) put16(out, static_cast<std::uint16_t>(s));
  return out;
}

Status write_wav(const std::filesystem::path& path, const Pcm& pcm) {
  if (pcm.channels < 1 || pcm.channels > kMaxChannels || pcm.sample_rate <= 0) {
    return Error::invalid("Неверные параметры звука для записи WAV");
  }
  if (pcm.samples.size() * 2 > 0xFFFFFFFFu - 36) {
    return Error::limit("Звук слишком длинный для файла WAV");
  }
  return write_file_atomically(path, encode_wav(pcm));
}

}  // namespace robocall::audio
