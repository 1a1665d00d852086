// Routes for monitoring (docs/DESIGN.md "Metrics and health"): GET /metrics
// in the Prometheus text format (open on loopback, else an API token) and
// GET /healthz (no authentication, nothing secret).
#include <nlohmann/json.hpp>

#include "common/prometheus_text.h"
#include "dialer/control.h"
#include "http/auth.h"
#include "http/http_metrics.h"
#include "http/ops_access.h"
#include "http/reply.h"
#include "http/routes.h"
#include "http/services.h"

namespace robocall::http {
namespace {

// Gauges read from the database at scrape time: the work waiting there.
Status write_queues(store::Connection& db, PrometheusText& out) {
  out.family("robocall_tasks", "gauge", "Tasks waiting for a call (pending) or in a call.");
  for (const auto* state : {"pending", "calling"}) {
    auto n = db.query_int(std::string("SELECT count(*) FROM tasks WHERE state = '") + state + "'");
    if (!n.ok()) return n.error();
    out.sample("robocall_tasks", {{"state", state}}, static_cast<std::uint64_t>(*n));
  }
  auto queued = db.query_int("SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL");
  if (!queued.ok()) return queued.error();
  auto failing = db.query_int(
      "SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL AND attempts > 0");
  if (!failing.ok()) return failing.error();
  out.family("robocall_webhook_queue", "gauge", "Webhook deliveries not yet delivered.");
  out.sample("robocall_webhook_queue", {}, static_cast<std::uint64_t>(*queued));
  out.family("robocall_webhook_failing", "gauge",
             "Undelivered webhook deliveries whose last attempt failed.");
  out.sample("robocall_webhook_failing", {}, static_cast<std::uint64_t>(*failing));
  return {};
}

Status metrics(RequestContext& ctx) {
  auto& s = ctx.services;
  if (!metrics_open_to(ctx.req.remote_addr, s.options.behind_tls_proxy)) {
    auto caller = authenticate_token(ctx);
    if (!caller.ok()) {
      ctx.res.set_header("WWW-Authenticate", "Bearer");
      return caller.error();
    }
  }
  PrometheusText out;
  out.family("robocall_up", "gauge", "1 while the process serves.");
  out.sample("robocall_up", {}, std::uint64_t{1});
  if (auto st = write_queues(ctx.db, out); !st.ok()) return st;
  s.metrics->write(out);
  if (auto* dialer = s.options.dialer) dialer->write_metrics(out);
  ctx.res.set_header("Cache-Control", "no-store");
  ctx.res.set_content(out.text(), "text/plain; version=0.0.4; charset=utf-8");
  return {};
}

// SQLite: a write lock taken and given back: the file, its folder and the WAL
// are writable and no one holds the database locked past the busy timeout.
// PostgreSQL: a transaction id assigned and given back, which a read-only
// server (a standby, a full disk's read-only mode) refuses.
Status database_writable(store::Connection& db) {
  const bool sqlite = db.backend() == store::Backend::kSqlite;
  if (auto st = db.exec(sqlite ? "BEGIN IMMEDIATE" : "BEGIN; SELECT txid_current()"); !st.ok())
    return st;
  return db.exec("ROLLBACK");
}

Status healthz(RequestContext& ctx) {
  nlohmann::json checks = {{"process", "ok"}};
  bool healthy = true;
  if (auto st = database_writable(ctx.db); st.ok()) {
    checks["database"] = "ok";
  } else {
    healthy = false;
    checks["database"] = "База данных недоступна для записи: " + st.error().message;
  }
  auto* dialer = ctx.services.options.dialer;
  if (!dialer) {
    checks["sip"] = "off";
    checks["dialer"] = "off";
  } else {
    if (auto st = dialer->check_health(); st.ok()) {
      checks["sip"] = "ok";
    } else {
      healthy = false;
      checks["sip"] = st.error().message;
    }
    checks["dialer"] = dialer::to_string(dialer->live().state);
  }
  ctx.res.set_header("Cache-Control", "no-store");
  send_json(ctx.res, {{"status", healthy ? "ok" : "error"}, {"checks", checks}},
            healthy ? 200 : 503);
  return {};
}

}  // namespace

void add_ops_routes(Router& router) {
  router.get("/metrics", Access::kPublic, metrics);
  router.get("/healthz", Access::kPublic, healthz);
}

}  // namespace robocall::http
