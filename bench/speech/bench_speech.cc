// bench_speech: how long a filled reminder (phrase 2) takes to become 8 kHz
// phrase audio: cold (distinct texts, nothing cached), from the memory cache,
// from the disk cache, and the `espeak-ng` command line rendering the same
// texts to a WAV file in the same run as the peer; then phrase 2 composed from
// a voice pack (every fragment synthesised once and stored as a recording):
// cold (a new appointment: fragments checked on disk, joined) and cached.
// Prints medians and ratios.
// Usage: bench_speech [ROUNDS]  (default 60 distinct texts; bounded, stops by itself)
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "domain/local_time.h"
#include "speech/phrase_cache.h"
#include "speech/phrase_renderer.h"
#include "speech/phrase_template.h"
#include "speech/synthesizer.h"
#include "speech/voice_pack.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using namespace robocall;

double median_ms(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

const auto kNow = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

// A different appointment minute each.
domain::Instant appointment(int i) {
  return kNow + std::chrono::days(1 + i % 28) + std::chrono::minutes(37 * i);
}

// Distinct filled reminders.
std::vector<std::string> reminder_texts(int count) {
  std::vector<std::string> texts;
  const auto now = kNow;
  for (int i = 0; i < count; ++i) {
    domain::Task task;
    task.appointment = appointment(i);
    auto text =
        speech::fill_template(speech::default_phrase_text(domain::kReminderPhrase), task, now);
    if (!text) {
      std::fprintf(stderr, "%s\n", text.error().message.c_str());
      std::exit(1);
    }
    texts.push_back(*text);
  }
  return texts;
}

bool run_espeak_ng(const std::string& text, const std::filesystem::path& wav,
                   const speech::VoiceSettings& voice) {
  const std::string rate = std::to_string(voice.rate_wpm);
  const std::string pitch = std::to_string(voice.pitch);
  std::vector<std::string> args = {"espeak-ng", "-v",  voice.voice, "-s",         rate,
                                   "-p",        pitch, "-w",        wav.string(), text};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "espeak-ng", nullptr, nullptr, argv.data(), environ) != 0) return false;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::clamp(std::atoi(argv[1]), 5, 1000) : 60;
  const std::vector<std::string> texts = reminder_texts(rounds);
  const auto dir =
      std::filesystem::temp_directory_path() / ("bench_speech_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);

  auto started = speech::Synthesizer::start();
  if (!started) {
    std::fprintf(stderr, "%s\n", started.error().message.c_str());
    return 1;
  }
  speech::Synthesizer& synth = **started;
  speech::PhraseCache cache(dir / "phrases");
  speech::PhraseRenderer renderer(synth, cache);

  // Warm-up: espeak-ng loads its dictionaries on the first request.
  (void)synth.render("Прогрев синтезатора.").get();

  std::vector<double> cold, memory, disk, synth_only, peer;
  double seconds_of_audio = 0;
  for (const std::string& text : texts) {
    auto t = Clock::now();
    auto rendered = renderer.render(text);
    cold.push_back(ms_since(t));
    if (!rendered) {
      std::fprintf(stderr, "%s\n", rendered.error().message.c_str());
      return 1;
    }
    seconds_of_audio += std::chrono::duration<double>((*rendered)->duration()).count();

    t = Clock::now();
    auto hit = renderer.render(text);
    memory.push_back(ms_since(t));
    if (!hit || hit->get() != rendered->get()) return 1;
  }
  {
    speech::PhraseCache restarted(dir / "phrases");
    for (const std::string& text : texts) {
      const auto t = Clock::now();
      auto hit = restarted.find(text, synth.settings().key());
      disk.push_back(ms_since(t));
      if (!hit) return 1;
    }
  }
  for (const std::string& text : texts) {
    const auto t = Clock::now();
    auto pcm = synth.render(text + " ").get();  // uncached: the synthesizer alone
    synth_only.push_back(ms_since(t));
    if (!pcm) return 1;
  }
  for (const std::string& text : texts) {
    const auto t = Clock::now();
    if (!run_espeak_ng(text, dir / "peer.wav", synth.settings())) {
      std::fprintf(stderr, "espeak-ng command line failed\n");
      return 1;
    }
    peer.push_back(ms_since(t));
  }
  // The voice pack: every fragment synthesised once and stored as if recorded.
  const std::string phrase2(speech::default_phrase_text(domain::kReminderPhrase));
  for (const auto& f : speech::voice_fragments(phrase2, domain::local_date(kNow).year())) {
    auto pcm = synth.render(f.text).get();
    if (!pcm || !speech::write_fragment(dir, f, *pcm)) return 1;
  }
  std::vector<double> composed_cold, composed_hit;
  speech::VoicePack pack(dir);
  // Warm-up: the first call reads the common fragments from disk.
  if (auto warm = pack.phrase2(phrase2, appointment(10 * rounds), kNow); !warm || !*warm) return 1;
  for (int i = 0; i < rounds; ++i) {
    auto t = Clock::now();
    auto first = pack.phrase2(phrase2, appointment(i + rounds), kNow);
    const double cold_ms = ms_since(t);
    t = Clock::now();
    auto again = pack.phrase2(phrase2, appointment(i + rounds), kNow);
    const double hit_ms = ms_since(t);
    if (!first || !*first || !again || again->get() != first->get()) {
      std::fprintf(stderr, "composing phrase 2 failed\n");
      return 1;
    }
    composed_cold.push_back(cold_ms);
    composed_hit.push_back(hit_ms);
  }
  std::filesystem::remove_all(dir);

  const double m_cold = median_ms(cold), m_memory = median_ms(memory), m_disk = median_ms(disk),
               m_synth = median_ms(synth_only), m_peer = median_ms(peer);
  std::printf("bench_speech: %d distinct filled reminders (phrase 2), %.1f s of audio each\n",
              rounds, seconds_of_audio / rounds);
  std::printf("  %-44s %9.3f ms  (target < 10 ms)\n", "cold render (espeak-ng + soxr + disk cache)",
              m_cold);
  std::printf("  %-44s %9.3f ms\n", "synthesizer alone (no cache)", m_synth);
  std::printf("  %-44s %9.4f ms  (target < 0.1 ms)\n", "memory cache hit", m_memory);
  std::printf("  %-44s %9.3f ms\n", "disk cache hit (after restart)", m_disk);
  std::printf("  %-44s %9.3f ms\n", "peer: espeak-ng command line to WAV", m_peer);
  std::printf("  %-44s %9.3f ms  (target < 1 ms)\n", "voice pack: composed, cold (new appointment)",
              median_ms(composed_cold));
  std::printf("  %-44s %9.4f ms\n", "voice pack: composed, cached", median_ms(composed_hit));
  std::printf("ratios: peer/cold %.1fx, cold/memory hit %.0fx, peer/memory hit %.0fx\n",
              m_peer / m_cold, m_cold / m_memory, m_peer / m_memory);
  return 0;
}
