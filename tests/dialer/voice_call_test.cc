// A call through SIPp plays phrase 2 composed from the voice pack
// (docs/BEHAVIOUR.md "Voice pack"): every fragment is a 1 kHz tone, so the
// system channel of the call's recording holds that tone for as long as the
// composed phrase lasts, at the level every phrase is normalised to; a
// synthesised phrase 2 would hold none.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <thread>

#include "audio/level.h"
#include "audio/wav.h"
#include "domain/local_time.h"
#include "harness.h"
#include "speech/voice_pack.h"
#include "store/attempts_repo.h"
#include "store/recording_file.h"
#include "store/tasks_repo.h"

namespace robocall::dialer::testing {
namespace {

constexpr double kToneHz = 1000;
constexpr int kFragmentMs = 400;

std::vector<std::uint8_t> tone_wav() {
  audio::Pcm pcm;
  pcm.sample_rate = 16000;
  for (int i = 0; i < kFragmentMs * 16; ++i) {
    pcm.samples.push_back(static_cast<std::int16_t>(
        8000 * std::sin(2 * std::numbers::pi * kToneHz * i / pcm.sample_rate)));
  }
  return audio::encode_wav(pcm);
}

// Share of a block's energy at kToneHz (Goertzel), 0..1.
double tone_share(const std::vector<std::int16_t>& x) {
  const double w = 2 * std::numbers::pi * kToneHz / audio::kTelephoneRate;
  double s1 = 0, s2 = 0, energy = 0;
  for (const auto v : x) {
    const double s = v + 2 * std::cos(w) * s1 - s2;
    s2 = s1;
    s1 = s;
    energy += static_cast<double>(v) * v;
  }
  const double power = s1 * s1 + s2 * s2 - 2 * std::cos(w) * s1 * s2;
  return energy > 0 ? 2 * power / (energy * static_cast<double>(x.size())) : 0;
}

TEST(VoiceCall, a_call_plays_phrase_two_composed_from_the_recorded_fragments) {
  const auto dir = make_temp_dir();
  const auto db_path = dir / "robocall.db";
  SippPeer peer(dir, sip::testing::free_peer_ports(), std::chrono::milliseconds(4000));
  pin_local_time_to_midday();
  const auto start = now();
  auto db = open_db(db_path);
  add_account(db, peer.port());
  set_schedule_until(db, start + std::chrono::hours(1));  // phrase 2: «Приём %время%.»
  set_robocall(db, R"({"enabled":true,"attempts":1,"retry_after_min":30,"answer_timeout_s":5,)"
                   R"("max_calls":1,"max_calls_per_second":2,"retention_days":7})");
  for (const auto& f :
       speech::voice_fragments("Приём %время%.", domain::local_date(start).year())) {
    auto shaped = speech::shape_fragment(f, tone_wav());
    ASSERT_TRUE(shaped.ok()) << shaped.error().message;
    ASSERT_TRUE(speech::write_fragment(dir / "data", f, *shaped).ok());
  }
  // «Приём», «в десять часов», «две минуты»: three fragments.
  const std::chrono::year_month_day tomorrow{std::chrono::sys_days(domain::local_date(start)) +
                                             std::chrono::days(1)};
  const auto appointment =
      domain::local_instant(tomorrow, std::chrono::hours(10) + std::chrono::minutes(2));
  const auto id = add_task(db, phone_of(Patient::kPresses1, 1), appointment, start);

  ServeProcess serve(dir, db_path);
  store::TasksRepo tasks(db);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (!domain::is_final(tasks.get(id).value().state) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  ASSERT_EQ(serve.terminate(std::chrono::seconds(30)), 0) << serve.log();
  peer.stop_and_read();
  ASSERT_EQ(tasks.get(id).value().state, domain::TaskState::kConfirmed) << serve.log();

  const auto tries = store::AttemptsRepo(db).of_task(id).value();
  ASSERT_EQ(tries.size(), 1u);
  ASSERT_TRUE(tries[0].recording.has_value());
  auto recording = audio::read_wav(
      store::recording_file(store::recordings_folder(dir / "data", ""), *tries[0].recording));
  ASSERT_TRUE(recording.ok()) << recording.error().message;
  ASSERT_EQ(recording->channels, 2);
  audio::Pcm system;  // the right channel: what robocall played
  for (std::size_t i = 1; i < recording->samples.size(); i += 2) {
    system.samples.push_back(recording->samples[i]);
  }
  audio::Pcm tone;
  constexpr std::size_t kBlock = audio::kTelephoneRate / 50;  // 20 ms
  for (std::size_t at = 0; at + kBlock <= system.samples.size(); at += kBlock) {
    std::vector<std::int16_t> block(
        system.samples.begin() + static_cast<std::ptrdiff_t>(at),
        system.samples.begin() + static_cast<std::ptrdiff_t>(at + kBlock));
    if (tone_share(block) > 0.8)
      tone.samples.insert(tone.samples.end(), block.begin(), block.end());
  }
  const double tone_s = static_cast<double>(tone.samples.size()) / audio::kTelephoneRate;
  EXPECT_NEAR(tone_s, 3 * kFragmentMs / 1000.0, 0.3) << "the composed phrase 2 was played";
  EXPECT_GT(static_cast<double>(system.samples.size()) / audio::kTelephoneRate, tone_s + 0.5)
      << "phrases 1 and 3 around it";
  const double target = 32768 * std::pow(10.0, audio::kTargetLevelDbfs / 20);
  EXPECT_NEAR(20 * std::log10(audio::rms(tone) / target), 0.0, 2.0) << "at the phrases' level";
}

}  // namespace
}  // namespace robocall::dialer::testing
