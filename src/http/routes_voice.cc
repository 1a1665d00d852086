// Routes: the voice pack (docs/BEHAVIOUR.md "Voice pack") — GET
// /api/settings/voice (the fragments and their states), a fragment's audio,
// PUT/DELETE of one fragment's recording, an example of phrase 2 for a chosen
// appointment, and the whole pack as a ZIP archive up and down.
#include <nlohmann/json.hpp>

#include "dialer/control.h"
#include "domain/calendar.h"
#include "domain/local_time.h"
#include "http/change_notice.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/text_util.h"
#include "http/time_format.h"
#include "http/voice_zip.h"
#include "speech/phrase_template.h"
#include "speech/voice_pack.h"
#include "store/settings_repo.h"

namespace robocall::http {
namespace {

using speech::VoiceFragment;

// The fragments for phrase 2's current text and the current year.
struct Pack {
  std::string phrase2_text;
  std::vector<VoiceFragment> fragments;

  const VoiceFragment* find(std::string_view id) const {
    for (const auto& f : fragments) {
      if (f.id == id) return &f;
    }
    return nullptr;
  }
};

Result<Pack> current_pack(RequestContext& ctx) {
  auto phrases = store::SettingsRepo(ctx.db).phrases();
  if (!phrases) return phrases.error();
  Pack pack{std::string(speech::default_phrase_text(2)), {}};
  for (const auto& p : *phrases) {
    if (p.number == 2) pack.phrase2_text = p.text;
  }
  pack.fragments = speech::voice_fragments(pack.phrase2_text, domain::local_date(now(ctx)).year());
  return pack;
}

Result<const VoiceFragment*> path_fragment(const RequestContext& ctx, const Pack& pack) {
  const std::string id = ctx.req.matches.size() > 1 ? ctx.req.matches[1].str() : "";
  const VoiceFragment* f = speech::is_fragment_id_syntax(id) ? pack.find(id) : nullptr;
  if (f == nullptr) return Error::not_found("Нет фрагмента голоса с именем «" + id + "»");
  return f;
}

nlohmann::json fragment_json(const std::filesystem::path& data_dir, const VoiceFragment& f) {
  const auto status = speech::fragment_status(data_dir, f);
  return {{"id", f.id},
          {"text", f.text},
          {"state", speech::state_id(status.state)},
          {"seconds", status.seconds ? nlohmann::json(*status.seconds) : nlohmann::json()}};
}

void reload(RequestContext& ctx) {
  reload_everywhere(ctx, store::Change::kSettings);
}

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

Status overview(RequestContext& ctx) {
  auto pack = current_pack(ctx);
  if (!pack) return pack.error();
  const auto& data_dir = ctx.services.options.data_dir;
  const std::string note = speech::phrase2_note(pack->phrase2_text);
  auto groups = nlohmann::json::array();
  int recorded = 0;
  for (const auto& f : pack->fragments) {
    const std::string_view group = speech::group_id(f.group);
    if (groups.empty() || groups.back()["id"] != group) {
      groups.push_back({{"id", group},
                        {"title", speech::group_title(f.group)},
                        {"fragments", nlohmann::json::array()}});
    }
    auto json = fragment_json(data_dir, f);
    if (json["state"] == "recorded") ++recorded;
    groups.back()["fragments"].push_back(std::move(json));
  }
  const int total = static_cast<int>(pack->fragments.size());
  send_json(ctx.res, {{"complete", recorded == total},
                      {"phrase2_composable", note.empty()},
                      {"phrase2_note", note},
                      {"groups", std::move(groups)},
                      {"recorded", recorded},
                      {"total", total}});
  return {};
}

Status send_synthesised(RequestContext& ctx, const std::string& text) {
  const auto& render = ctx.services.options.render_phrase;
  if (!render) {
    return Error{Errc::kUnavailable,
                 "Синтез речи для прослушивания недоступен: сервис запущен без обзвона"};
  }
  auto wav = render(text);
  if (!wav) return wav.error();
  ctx.res.set_content(std::string(wav->begin(), wav->end()), "audio/wav");
  return {};
}

Status fragment_audio(RequestContext& ctx) {
  auto pack = current_pack(ctx);
  if (!pack) return pack.error();
  auto f = path_fragment(ctx, *pack);
  if (!f) return f.error();
  auto wav = speech::fragment_wav(ctx.services.options.data_dir, (*f)->id);
  if (wav) {
    ctx.res.set_content(std::string(wav->begin(), wav->end()), "audio/wav");
    return {};
  }
  return send_synthesised(ctx, (*f)->text);
}

Status put_fragment(RequestContext& ctx) {
  auto pack = current_pack(ctx);
  if (!pack) return pack.error();
  auto f = path_fragment(ctx, *pack);
  if (!f) return f.error();
  auto shaped = speech::shape_fragment(**f, bytes_of(ctx.req.body));
  if (!shaped) return shaped.error();
  const auto& data_dir = ctx.services.options.data_dir;
  if (auto st = speech::write_fragment(data_dir, **f, *shaped); !st) return st;
  if (auto st = audit(ctx, "settings.update", {{"block", "voice_fragment"}, {"id", (*f)->id}});
      !st) {
    return st;
  }
  reload(ctx);
  send_json(ctx.res, fragment_json(data_dir, **f));
  return {};
}

Status delete_fragment(RequestContext& ctx) {
  auto pack = current_pack(ctx);
  if (!pack) return pack.error();
  auto f = path_fragment(ctx, *pack);
  if (!f) return f.error();
  const auto& data_dir = ctx.services.options.data_dir;
  if (auto st = speech::delete_fragment(data_dir, (*f)->id); !st) return st;
  if (auto st =
          audit(ctx, "settings.update", {{"block", "voice_fragment_deleted"}, {"id", (*f)->id}});
      !st) {
    return st;
  }
  reload(ctx);
  send_json(ctx.res, fragment_json(data_dir, **f));
  return {};
}

// The appointment of ?date=YYYY-MM-DD&time=HH:MM in server-local time.
Result<domain::Task> example_task(const Request& req) {
  auto date = parse_iso_date(req.get_param_value("date"));
  if (!date) return Error::invalid("Укажите дату приёма в виде ГГГГ-ММ-ДД");
  auto time = domain::parse_time_of_day(req.get_param_value("time"));
  if (!time || *time >= std::chrono::hours(24)) {
    return Error::invalid("Укажите время приёма в виде ЧЧ:ММ");
  }
  domain::Task task;
  task.full_name = "Иванов Иван Иванович";
  task.appointment = domain::local_instant(*date, *time);
  return task;
}

Status example(RequestContext& ctx) {
  auto pack = current_pack(ctx);
  if (!pack) return pack.error();
  auto task = example_task(ctx.req);
  if (!task) return task.error();
  speech::VoicePack voice(ctx.services.options.data_dir);
  auto composed = voice.phrase2_wav(pack->phrase2_text, task->appointment, now(ctx));
  if (!composed) return composed.error();
  if (!composed->empty()) {
    ctx.res.set_header("X-Robocall-Voice", "composed");
    ctx.res.set_content(std::string(composed->begin(), composed->end()), "audio/wav");
    return {};
  }
  auto text = speech::fill_template(pack->phrase2_text, *task, now(ctx));
  if (!text) return text.error();
  ctx.res.set_header("X-Robocall-Voice", "synthesised");
  return send_synthesised(ctx, *text);
}

Status upload_pack(RequestContext& ctx) {
  auto pack = current_pack(ctx);
  if (!pack) return pack.error();
  auto zip =
      read_voice_zip(ctx.req.body, [&](std::string_view id) { return pack->find(id) != nullptr; });
  if (!zip) return zip.error();
  // All or nothing: every file is shaped before the first is written.
  std::vector<std::pair<const VoiceFragment*, audio::Pcm>> shaped;
  for (const ZipFile& file : zip->fragments) {
    const VoiceFragment* f = pack->find(file.name);
    auto pcm = speech::shape_fragment(*f, bytes_of(file.bytes));
    if (!pcm) {
      return Error{pcm.error().code,
                   "Файл " + file.name + ".wav: " + pcm.error().message + ". Ничего не сохранено"};
    }
    shaped.emplace_back(f, std::move(*pcm));
  }
  const auto& data_dir = ctx.services.options.data_dir;
  for (const auto& [f, pcm] : shaped) {
    if (auto st = speech::write_fragment(data_dir, *f, pcm); !st) return st;
  }
  auto ignored = nlohmann::json::array();
  for (const IgnoredFile& i : zip->ignored)
    ignored.push_back({{"file", i.file}, {"reason", i.reason}});
  if (auto st =
          audit(ctx, "settings.update",
                {{"block", "voice_pack"}, {"saved", shaped.size()}, {"ignored", ignored.size()}});
      !st) {
    return st;
  }
  reload(ctx);
  send_json(ctx.res, {{"saved", shaped.size()}, {"ignored", std::move(ignored)}});
  return {};
}

Status download_pack(RequestContext& ctx) {
  auto pack = current_pack(ctx);
  if (!pack) return pack.error();
  std::vector<ZipFile> files;
  for (const auto& f : pack->fragments) {
    auto bytes = speech::fragment_wav(ctx.services.options.data_dir, f.id);
    if (bytes) files.push_back({f.id + ".wav", std::string(bytes->begin(), bytes->end())});
  }
  auto zip = write_zip(files);
  if (!zip) return zip.error();
  ctx.res.set_header("Content-Disposition",
                     attachment_disposition("robocall-voice.zip", "robocall-voice.zip"));
  ctx.res.set_content(std::move(*zip), "application/zip");
  return {};
}

}  // namespace

void add_voice_routes(Router& router) {
  router.get("/api/settings/voice", Access::kAdmin, overview);
  router.get(R"(/api/settings/voice/fragments/([a-z0-9-]+)/audio)", Access::kAdmin, fragment_audio);
  router.put(R"(/api/settings/voice/fragments/([a-z0-9-]+))", Access::kAdmin, put_fragment);
  router.del(R"(/api/settings/voice/fragments/([a-z0-9-]+))", Access::kAdmin, delete_fragment);
  router.get("/api/settings/voice/example", Access::kAdmin, example);
  router.post("/api/settings/voice/pack", Access::kAdmin, upload_pack);
  router.get("/api/settings/voice/pack", Access::kAdmin, download_pack);
}

}  // namespace robocall::http
