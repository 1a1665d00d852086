// Router: registers API routes with their access rule. Every route runs
// behind one wrapper that authenticates (session cookie + CSRF token on
// state-changing methods, or a bearer token), leases a database connection,
// turns a returned Error or a stray exception into the JSON error model.
// Routes are registered before the server runs; handlers run on HTTP threads.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/task.h"
#include "store/connection.h"

namespace robocall::http {

struct Services;

enum class Access {
  kPublic,   // no authentication (login, the OpenAPI document)
  kSession,  // the UI: session cookie; CSRF token on POST/PUT/DELETE
  kToken,    // the integration API: Authorization: Bearer <token>
};

// Who makes the request, for the audit log.
struct Caller {
  std::int64_t user_id = 0;  // 0 when not a user
  std::string login;
  std::int64_t token_id = 0;  // 0 when not a token
  std::string token_name;
  std::string session_hash;  // the stored hash of the session id
  std::string csrf_token;

  // The user's login, "token:<name>" or "anonymous" (store/audit_repo.h).
  std::string actor() const;
};

struct RequestContext {
  const httplib::Request& req;
  httplib::Response& res;
  store::Connection& db;
  Services& services;
  Caller caller;
};

// The current wall time, from the server's clock (ServerOptions::clock).
domain::Instant now(const RequestContext& ctx);

// Returns an Error to reply with it; on success the handler wrote res.
using RouteHandler = std::function<Status(RequestContext&)>;

// A Router may die once routes are registered: handlers hold Services only.
class Router {
 public:
  explicit Router(Services& services) : services_(services) {}

  void get(const std::string& pattern, Access access, RouteHandler handler);
  void post(const std::string& pattern, Access access, RouteHandler handler);
  void put(const std::string& pattern, Access access, RouteHandler handler);
  void del(const std::string& pattern, Access access, RouteHandler handler);

  Services& services() { return services_; }

 private:
  httplib::Server::Handler wrap(Access access, RouteHandler handler);

  Services& services_;
};

// Writes an audit entry (who, when, what). REQUIRES: the caller is known.
Status audit(RequestContext& ctx, std::string_view action, const nlohmann::json& details);

// The path parameter matched by the route's first regex group as an id > 0.
Result<std::int64_t> path_id(const httplib::Request& req, std::size_t group = 1);

}  // namespace robocall::http
