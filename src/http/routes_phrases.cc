// Routes: the eight phrases of the call script — GET /api/settings/phrases,
// PUT .../{n} (text), POST/DELETE .../{n}/recording (uploaded WAV),
// GET .../{n}/audio («Прослушать»: the recording, phrase 2 composed from the
// voice pack when it covers the sample appointment, or the text synthesised
// for a sample appointment when the server has a phrase renderer).
#include <fstream>
#include <nlohmann/json.hpp>

#include "dialer/control.h"
#include "domain/phrases.h"
#include "http/change_notice.h"
#include "http/json_input.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "speech/phrase_template.h"
#include "speech/recorded_phrase.h"
#include "speech/voice_pack.h"
#include "store/settings_repo.h"

namespace robocall::http {
namespace {

// Extra column names a template may use besides %дата%, %время%, %ФИО%: those
// of the example workbook and the integration API's named fields.
const std::vector<std::string> kKnownExtraNames = {"Врач", "Кабинет", "Адрес"};

Result<int> phrase_number(const Request& req) {
  auto id = path_id(req);
  if (!id.ok() || !domain::is_phrase_number(*id)) {
    return Error::not_found("Нет фразы с таким номером (допустимы 1-" +
                            std::to_string(domain::kPhraseCount) + ")");
  }
  return static_cast<int>(*id);
}

Result<store::Phrase> current_phrase(store::Connection& db, int n) {
  auto all = store::SettingsRepo(db).phrases();
  if (!all.ok()) return all.error();
  for (const auto& p : *all) {
    if (p.number == n) return p;
  }
  store::Phrase p;
  p.number = n;
  p.text = std::string(speech::default_phrase_text(n));
  return p;
}

nlohmann::json phrase_json(const store::Phrase& p) {
  return {{"n", p.number},
          {"text", p.text},
          {"default_text", speech::default_phrase_text(p.number)},
          {"has_recording", p.recording.has_value() && !p.recording->empty()}};
}

void reload(RequestContext& ctx) {
  reload_everywhere(ctx, store::Change::kSettings);
}

Status list(RequestContext& ctx) {
  auto out = nlohmann::json::array();
  for (int n = 1; n <= domain::kPhraseCount; ++n) {
    auto p = current_phrase(ctx.db, n);
    if (!p.ok()) return p.error();
    out.push_back(phrase_json(*p));
  }
  send_json(ctx.res, out);
  return {};
}

Status put_text(RequestContext& ctx) {
  auto n = phrase_number(ctx.req);
  if (!n.ok()) return n.error();
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader f(*body);
  auto text = f.string("text", 2000, false);
  if (!f.ok()) return f.error();
  if (auto st = speech::validate_template(*text, kKnownExtraNames); !st.ok()) return st;
  auto p = current_phrase(ctx.db, *n);
  if (!p.ok()) return p.error();
  p->text = *text;
  p->updated = now(ctx);
  if (auto st = store::SettingsRepo(ctx.db).put_phrase(*p); !st.ok()) return st;
  if (auto st = audit(ctx, "settings.update", {{"block", "phrase"}, {"n", *n}, {"text", *text}});
      !st.ok()) {
    return st;
  }
  reload(ctx);
  send_json(ctx.res, phrase_json(*p));
  return {};
}

Status upload_recording(RequestContext& ctx) {
  auto n = phrase_number(ctx.req);
  if (!n.ok()) return n.error();
  if (!ctx.req.is_multipart_form_data() || !ctx.req.has_file("file")) {
    return Error::invalid("Выберите файл WAV (поле формы «file»)");
  }
  const auto& content = ctx.req.get_file_value("file").content;
  auto path = speech::save_phrase_recording(
      ctx.services.options.data_dir, *n,
      std::span(reinterpret_cast<const std::uint8_t*>(content.data()), content.size()));
  if (!path.ok()) return path.error();
  auto p = current_phrase(ctx.db, *n);
  if (!p.ok()) return p.error();
  p->recording = path->string();
  p->updated = now(ctx);
  if (auto st = store::SettingsRepo(ctx.db).put_phrase(*p); !st.ok()) return st;
  if (auto st = audit(ctx, "settings.update", {{"block", "phrase_recording"}, {"n", *n}});
      !st.ok()) {
    return st;
  }
  reload(ctx);
  send_json(ctx.res, phrase_json(*p));
  return {};
}

Status delete_recording(RequestContext& ctx) {
  auto n = phrase_number(ctx.req);
  if (!n.ok()) return n.error();
  auto p = current_phrase(ctx.db, *n);
  if (!p.ok()) return p.error();
  if (!p->recording || p->recording->empty()) return Error::not_found("У этой фразы нет записи");
  const std::filesystem::path file = *p->recording;
  p->recording.reset();
  p->updated = now(ctx);
  if (auto st = store::SettingsRepo(ctx.db).put_phrase(*p); !st.ok()) return st;
  std::error_code ec;
  if (file == speech::phrase_recording_path(ctx.services.options.data_dir, *n)) {
    std::filesystem::remove(file, ec);
  }
  if (auto st = audit(ctx, "settings.update", {{"block", "phrase_recording_deleted"}, {"n", *n}});
      !st.ok()) {
    return st;
  }
  reload(ctx);
  send_json(ctx.res, phrase_json(*p));
  return {};
}

// A sample appointment for listening: tomorrow at 10:30.
domain::Task sample_task(domain::Instant now) {
  domain::Task t;
  t.full_name = "Иванов Иван Иванович";
  t.phone = "9161234567";
  t.appointment = now + std::chrono::days(1);
  t.appointment -= t.appointment.time_since_epoch() % std::chrono::hours(1);
  t.appointment += std::chrono::minutes(30);
  t.birth_date =
      std::chrono::year_month_day(std::chrono::year(1980), std::chrono::March, std::chrono::day(4));
  t.extra = {{"Врач", "Петрова Анна Сергеевна"}, {"Кабинет", "215"}, {"Адрес", "ул. Ленина, 1"}};
  return t;
}

Status audio(RequestContext& ctx) {
  auto n = phrase_number(ctx.req);
  if (!n.ok()) return n.error();
  auto p = current_phrase(ctx.db, *n);
  if (!p.ok()) return p.error();
  if (p->recording && !p->recording->empty()) {
    std::ifstream in(*p->recording, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    if (!in.bad() && !bytes.empty()) {
      ctx.res.set_content(std::move(bytes), "audio/wav");
      return {};
    }
  }
  // Phrase 2 sounds as it will at call time: composed from the voice pack
  // when the pack covers the sample appointment (docs/BEHAVIOUR.md "Voice pack").
  if (*n == 2) {
    speech::VoicePack voice(ctx.services.options.data_dir);
    auto composed = voice.phrase2_wav(p->text, sample_task(now(ctx)).appointment, now(ctx));
    if (!composed.ok()) return composed.error();
    if (!composed->empty()) {
      ctx.res.set_header("X-Robocall-Voice", "composed");
      ctx.res.set_content(std::string(composed->begin(), composed->end()), "audio/wav");
      return {};
    }
  }
  const auto& render = ctx.services.options.render_phrase;
  if (!render) {
    return Error{Errc::kUnavailable,
                 "Синтез речи для прослушивания недоступен: сервис запущен без обзвона"};
  }
  auto text = speech::fill_template(p->text, sample_task(now(ctx)), now(ctx));
  if (!text.ok()) return text.error();
  auto wav = render(*text);
  if (!wav.ok()) return wav.error();
  ctx.res.set_content(std::string(wav->begin(), wav->end()), "audio/wav");
  return {};
}

}  // namespace

void add_phrase_routes(Router& router) {
  router.get("/api/settings/phrases", Access::kAdmin, list);
  router.put(R"(/api/settings/phrases/(\d+))", Access::kAdmin, put_text);
  router.post(R"(/api/settings/phrases/(\d+)/recording)", Access::kAdmin, upload_recording);
  router.del(R"(/api/settings/phrases/(\d+)/recording)", Access::kAdmin, delete_recording);
  router.get(R"(/api/settings/phrases/(\d+)/audio)", Access::kAdmin, audio);
}

}  // namespace robocall::http
