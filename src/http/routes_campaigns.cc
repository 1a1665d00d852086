// Routes: GET /api/campaigns (every campaign with its counts), PATCH
// /api/campaigns/{id} (rename, pause, resume), DELETE /api/campaigns/{id}
// (administrators: the campaign, its tasks and recordings). Every change is
// audited (docs/BEHAVIOUR.md "Campaigns", docs/SECURITY.md "Users and roles").
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "http/json_input.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"
#include "http/time_format.h"
#include "store/campaigns_repo.h"
#include "store/recording_file.h"

namespace robocall::http {
namespace {

nlohmann::json campaign_json(const store::CampaignSummary& s) {
  const auto& c = s.campaign;
  return {{"id", c.id},
          {"name", c.name},
          {"source", c.source},
          {"created_at", rfc3339(c.created)},
          {"created_by", c.created_by},
          {"paused", c.paused},
          {"counts",
           {{"total", s.counts.total},
            {"confirmed", s.counts.confirmed},
            {"cancelled", s.counts.cancelled},
            {"unknown", s.counts.unknown},
            {"final", s.counts.finished},
            {"recordings", s.counts.recordings}}}};
}

Result<store::CampaignSummary> summary(store::Connection& db, std::int64_t id) {
  auto all = store::CampaignsRepo(db).list();
  if (!all.ok()) return all.error();
  for (auto& s : *all)
    if (s.campaign.id == id) return std::move(s);
  return Error::not_found("Кампания " + std::to_string(id) + " не найдена");
}

Status list(RequestContext& ctx) {
  auto all = store::CampaignsRepo(ctx.db).list();
  if (!all.ok()) return all.error();
  auto items = nlohmann::json::array();
  for (const auto& s : *all) items.push_back(campaign_json(s));
  send_json(ctx.res, {{"campaigns", std::move(items)}});
  return {};
}

Status update(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  auto body = parse_json(ctx.req.body);
  if (!body.ok()) return body.error();
  FieldReader fields(*body);
  if (!fields.has("name") && !fields.has("paused"))
    return Error::invalid("Укажите название («name») или паузу («paused»)");
  std::optional<std::string> name;
  if (fields.has("name")) name = fields.string("name", 4 * store::kMaxCampaignName);
  std::optional<bool> paused;
  if (fields.has("paused")) paused = fields.boolean("paused");
  if (!fields.ok()) return fields.error();
  store::CampaignsRepo repo(ctx.db);
  auto before = repo.get(*id);
  if (!before.ok()) return before.error();
  // Checked before anything changes: a bad name leaves the pause as it was.
  if (name) {
    auto checked = store::checked_campaign_name(*name);
    if (!checked.ok()) return checked.error();
    name = *checked;
  }
  auto tx = store::Transaction::begin(ctx.db);
  if (!tx.ok()) return tx.error();
  if (name && *name != before->name) {
    if (auto st = repo.rename(*id, *name, now(ctx)); !st.ok()) return st;
    auto st = audit(ctx, "campaign.rename",
                    {{"campaign_id", *id}, {"from", before->name}, {"name", *name}});
    if (!st.ok()) return st;
  }
  if (paused && *paused != before->paused) {
    if (auto st = repo.set_paused(*id, *paused, now(ctx)); !st.ok()) return st;
    auto st = audit(ctx, *paused ? "campaign.pause" : "campaign.resume",
                    {{"campaign_id", *id}, {"name", name.value_or(before->name)}});
    if (!st.ok()) return st;
  }
  if (auto st = tx->commit(); !st.ok()) return st;
  auto after = summary(ctx.db, *id);
  if (!after.ok()) return after.error();
  send_json(ctx.res, campaign_json(*after));
  return {};
}

Status remove(RequestContext& ctx) {
  auto id = path_id(ctx.req);
  if (!id.ok()) return id.error();
  auto removed = store::CampaignsRepo(ctx.db).remove(
      *id,
      store::recordings_folder(ctx.services.options.data_dir, ctx.services.options.recordings_dir));
  if (!removed.ok()) return removed.error();
  if (removed->recordings_kept > 0) {
    spdlog::warn("campaign {}: {} recording files could not be deleted", *id,
                 removed->recordings_kept);
  }
  auto st = audit(ctx, "campaign.delete",
                  {{"campaign_id", *id},
                   {"name", removed->campaign.name},
                   {"tasks", removed->tasks},
                   {"attempts", removed->attempts},
                   {"recordings", removed->recordings}});
  if (!st.ok()) return st;
  send_json(ctx.res, {{"tasks", removed->tasks},
                      {"attempts", removed->attempts},
                      {"recordings", removed->recordings}});
  return {};
}

}  // namespace

void add_campaign_routes(Router& router) {
  router.get("/api/campaigns", Access::kSession, list);
  router.patch(R"(/api/campaigns/(\d+))", Access::kSession, update);
  router.del(R"(/api/campaigns/(\d+))", Access::kAdmin, remove);
}

}  // namespace robocall::http
