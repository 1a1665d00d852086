// The voice pack API over real HTTP (docs/BEHAVIOUR.md "Voice pack"):
// fragments recorded one by one and as a ZIP, all or nothing, outdated after
// phrase 2 is edited, and the example composed once the pack is complete.
#include <cmath>
#include <numbers>

#include "api_fixture.h"
#include "audio/wav.h"
#include "domain/local_time.h"
#include "http/voice_zip.h"
#include "store/audit_repo.h"

namespace robocall::http::testing {
namespace {

// A 16 kHz mono tone as a WAV file, as a browser or an editor would send it.
std::string tone_wav(int hz, int ms = 400) {
  audio::Pcm pcm;
  pcm.sample_rate = 16000;
  for (int i = 0; i < ms * 16; ++i) {
    pcm.samples.push_back(
        static_cast<std::int16_t>(6000 * std::sin(2 * std::numbers::pi * hz * i / 16000.0)));
  }
  const auto bytes = audio::encode_wav(pcm);
  return {bytes.begin(), bytes.end()};
}

std::string zip_of(const std::vector<ZipFile>& files) {
  return write_zip(files).value();
}

// The state of one fragment in GET /api/settings/voice.
std::string state_of(const nlohmann::json& overview, std::string_view id) {
  for (const auto& g : overview["groups"]) {
    for (const auto& f : g["fragments"]) {
      if (f["id"] == id) return f["state"];
    }
  }
  return "missing";
}

int audits_of(store::Connection& db, std::string_view block) {
  auto entries = store::AuditRepo(db).list(1000);
  int n = 0;
  for (const auto& e : entries.value()) {
    if (e.action == "settings.update" && e.details.find(block) != std::string::npos) ++n;
  }
  return n;
}

class VoiceApi : public ApiTest {
 protected:
  httpc::Result put_fragment(const Browser& b, const std::string& id, const std::string& wav) {
    return client().Put("/api/settings/voice/fragments/" + id, headers(b), wav, "audio/wav");
  }
  httpc::Result post_zip(const Browser& b, const std::string& zip) {
    return client().Post("/api/settings/voice/pack", headers(b), zip, "application/zip");
  }
};

TEST_F(VoiceApi, lists_every_fragment_grouped_and_synthesised_at_first) {
  auto b = login();
  auto overview = body(get(b, "/api/settings/voice"));
  EXPECT_EQ(overview["total"], 1 + 31 + 12 + 2 + 24 + 59);
  EXPECT_EQ(overview["recorded"], 0);
  EXPECT_EQ(overview["complete"], false);
  EXPECT_EQ(overview["phrase2_composable"], true);
  EXPECT_EQ(overview["phrase2_note"], "");
  std::vector<std::string> groups;
  for (const auto& g : overview["groups"]) groups.push_back(g["id"]);
  EXPECT_EQ(groups, (std::vector<std::string>{"phrase", "day", "month", "year", "hour", "minute"}));
  EXPECT_EQ(overview["groups"][1]["title"], "Числа");
  EXPECT_EQ(overview["groups"][1]["fragments"][18]["id"], "day-19");
  EXPECT_EQ(overview["groups"][1]["fragments"][18]["text"], "девятнадцатого");
  EXPECT_TRUE(overview["groups"][1]["fragments"][18]["seconds"].is_null());
}

TEST_F(VoiceApi, a_recorded_fragment_is_played_back_and_deleted_each_audited) {
  auto b = login();
  auto saved = put_fragment(b, "day-19", tone_wav(300, 800));
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  EXPECT_EQ(body(saved)["state"], "recorded");
  EXPECT_NEAR(body(saved)["seconds"].get<double>(), 0.8, 0.1);
  EXPECT_TRUE(std::filesystem::exists(data_dir() / "voice" / "day-19.wav"));
  auto audio = get(b, "/api/settings/voice/fragments/day-19/audio");
  ASSERT_EQ(audio->status, 200);
  EXPECT_EQ(audio->body.substr(0, 4), "RIFF");
  EXPECT_EQ(audio->get_header_value("Content-Type"), "audio/wav");
  EXPECT_EQ(body(get(b, "/api/settings/voice"))["recorded"], 1);
  auto gone = del(b, "/api/settings/voice/fragments/day-19");
  ASSERT_EQ(gone->status, 200) << gone->body;
  EXPECT_EQ(body(gone)["state"], "synthesised");
  EXPECT_EQ(audits_of(db(), "voice_fragment"), 2);
}

TEST_F(VoiceApi, bad_input_is_refused_in_russian_and_changes_nothing) {
  auto b = login();
  auto not_wav = put_fragment(b, "day-01", "ID3 not a wav");
  ASSERT_TRUE(not_wav);
  EXPECT_EQ(not_wav->status, 400) << not_wav->body;
  EXPECT_NE(not_wav->body.find("«первого»"), std::string::npos) << not_wav->body;
  auto too_long = put_fragment(b, "day-01", tone_wav(300, 11000));
  EXPECT_EQ(too_long->status, 413) << too_long->body;
  auto unknown = put_fragment(b, "day-32", tone_wav(300));
  EXPECT_EQ(unknown->status, 404) << unknown->body;
  auto escape = put_fragment(b, "..%2Fday-01", tone_wav(300));
  EXPECT_EQ(escape->status, 404) << escape->body;
  EXPECT_EQ(body(get(b, "/api/settings/voice"))["recorded"], 0);
  EXPECT_FALSE(std::filesystem::exists(data_dir() / "voice" / "day-01.wav"));
}

TEST_F(VoiceApi, the_pack_goes_up_and_comes_back_as_a_zip) {
  auto b = login();
  auto res = post_zip(b, zip_of({{"day-01.wav", tone_wav(300)},
                                 {"month-12.wav", tone_wav(320)},
                                 {"hour-10.wav", tone_wav(340)},
                                 {"readme.txt", "hello"},
                                 {"voice/day-02.wav", tone_wav(360)},
                                 {"day-99.wav", tone_wav(380)}}));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(res)["saved"], 3);
  EXPECT_EQ(body(res)["ignored"].size(), 3u);
  EXPECT_EQ(audits_of(db(), "voice_pack"), 1);
  auto down = get(b, "/api/settings/voice/pack");
  ASSERT_EQ(down->status, 200);
  EXPECT_EQ(down->get_header_value("Content-Type"), "application/zip");
  EXPECT_NE(down->get_header_value("Content-Disposition").find("robocall-voice.zip"),
            std::string::npos);
  auto back = read_voice_zip(down->body, [](std::string_view) { return true; });
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->fragments.size(), 3u);
  // Uploaded again (another clinic), nothing changes and nothing is ignored.
  auto again = post_zip(b, down->body);
  EXPECT_EQ(body(again)["saved"], 3);
  EXPECT_TRUE(body(again)["ignored"].empty());
}

TEST_F(VoiceApi, a_broken_zip_or_a_broken_wav_in_it_saves_nothing) {
  auto b = login();
  auto garbage = post_zip(b, "PK not really a zip");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400) << garbage->body;
  auto one_bad = post_zip(b, zip_of({{"day-01.wav", tone_wav(300)}, {"day-02.wav", "RIFF...."}}));
  EXPECT_EQ(one_bad->status, 400) << one_bad->body;
  EXPECT_NE(one_bad->body.find("day-02.wav"), std::string::npos) << one_bad->body;
  EXPECT_EQ(body(get(b, "/api/settings/voice"))["recorded"], 0);
  EXPECT_FALSE(std::filesystem::exists(data_dir() / "voice" / "day-01.wav"));
}

TEST_F(VoiceApi, editing_phrase_two_outdates_its_recorded_text_only) {
  auto b = login();
  ASSERT_EQ(put_fragment(b, "phrase-1", tone_wav(300, 1500))->status, 200);
  ASSERT_EQ(put_fragment(b, "day-01", tone_wav(300))->status, 200);
  auto edited =
      put_json(b, "/api/settings/phrases/2", {{"text", "Вы записаны к врачу %дата%, %время%."}});
  ASSERT_EQ(edited->status, 200) << edited->body;
  auto overview = body(get(b, "/api/settings/voice"));
  EXPECT_EQ(state_of(overview, "phrase-1"), "outdated");
  EXPECT_EQ(state_of(overview, "day-01"), "recorded");
  auto with_name = put_json(b, "/api/settings/phrases/2", {{"text", "%ФИО%, Вы записаны %дата%."}});
  ASSERT_EQ(with_name->status, 200) << with_name->body;
  overview = body(get(b, "/api/settings/voice"));
  EXPECT_EQ(overview["phrase2_composable"], false);
  EXPECT_NE(overview["phrase2_note"].get<std::string>().find("%ФИО%"), std::string::npos);
}

TEST_F(VoiceApi, a_complete_pack_gives_a_composed_example) {
  auto b = login();
  auto overview = body(get(b, "/api/settings/voice"));
  std::vector<ZipFile> files;
  int hz = 200;
  for (const auto& g : overview["groups"]) {
    for (const auto& f : g["fragments"]) {
      files.push_back({f["id"].get<std::string>() + ".wav", tone_wav(hz++, 300)});
    }
  }
  auto res = post_zip(b, zip_of(files));
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body(get(b, "/api/settings/voice"))["complete"], true);
  const auto next_year = static_cast<int>(
      domain::local_date(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()))
          .year() +
      std::chrono::years(1));
  auto example =
      get(b, "/api/settings/voice/example?date=" + std::to_string(next_year) + "-01-19&time=21:01");
  ASSERT_EQ(example->status, 200) << example->body;
  EXPECT_EQ(example->get_header_value("X-Robocall-Voice"), "composed");
  EXPECT_EQ(example->body.substr(0, 4), "RIFF");
  // phrase-1, day, month, year, a pause, hour, minute: about 6 x 0.3 s + 0.2 s.
  EXPECT_NEAR(static_cast<double>(example->body.size() - 44) / 16000.0, 2.0, 0.3);
  auto bad = get(b, "/api/settings/voice/example?date=2026-02-30&time=10:00");
  EXPECT_EQ(bad->status, 400) << bad->body;
  // «Прослушать» on the phrases page plays phrase 2 as a call would: composed.
  auto listen = get(b, "/api/settings/phrases/2/audio");
  ASSERT_EQ(listen->status, 200) << listen->body;
  EXPECT_EQ(listen->get_header_value("X-Robocall-Voice"), "composed");
}

}  // namespace
}  // namespace robocall::http::testing
