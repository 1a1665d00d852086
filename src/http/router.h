// Router: registers API routes with their access rule and body limit. The
// server admits a request from its headers alone (route, body limit, body
// type, authentication: a session cookie or a bearer token, the user's role,
// a pending password change) before it reads a byte of body, then
// dispatches the complete request: CSRF token on state-changing methods, a
// leased database connection, a returned Error or a stray exception turned
// into the JSON error model. Refusals (403) are audited.
// Routes are registered before the server runs; handlers run on HTTP threads.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/role.h"
#include "domain/task.h"
#include "http/message.h"
#include "store/connection.h"

namespace robocall::http {

struct Services;

// docs/SECURITY.md "Users and roles".
enum class Access {
  kPublic,   // no authentication (login, the OpenAPI document)
  kSelf,     // a session even before its user changed a required password (me, logout, password)
  kSession,  // the UI, any role: session cookie; CSRF token on POST/PUT/DELETE
  kAdmin,    // as kSession, administrators only (403 for a registrar)
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
  domain::Role role = domain::Role::kRegistrar;  // of a user
  bool must_change_password = false;

  // The user's login, "token:<name>" or "anonymous" (store/audit_repo.h).
  std::string actor() const;
};

struct RequestContext {
  const Request& req;
  Response& res;
  store::Connection& db;
  Services& services;
  Caller caller;
};

// The current wall time, from the server's clock (ServerOptions::clock).
domain::Instant now(const RequestContext& ctx);

// Returns an Error to reply with it; on success the handler wrote res.
using RouteHandler = std::function<Status(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern_text;  // as registered
  std::regex pattern;        // matches the whole path
  Access access;
  RouteHandler handler;
  // False for a poll the UI repeats by itself: it needs a live session but
  // does not extend its idle deadline.
  bool renews_session = true;
};

// A Router may die once routes are registered: handlers hold Services only.
class Router {
 public:
  explicit Router(Services& services) : services_(services) {}

  void get(const std::string& pattern, Access access, RouteHandler handler);
  void post(const std::string& pattern, Access access, RouteHandler handler);
  void put(const std::string& pattern, Access access, RouteHandler handler);
  void del(const std::string& pattern, Access access, RouteHandler handler);
  // A GET the UI repeats on a timer (the live status): polls are not
  // activity, so an unattended tab still reaches the idle timeout
  // (docs/SECURITY.md "Sessions and tokens").
  void poll(const std::string& pattern, Access access, RouteHandler handler);
  void patch(const std::string& pattern, Access access, RouteHandler handler);

  Services& services() { return services_; }

 private:
  void add(std::string method, const std::string& pattern, Access access, RouteHandler handler,
           bool renews_session = true);

  Services& services_;
};

// What the server learned of a request from its line and headers.
struct Admission {
  const Route* route = nullptr;  // nullptr: no API route (static files or 404)
  std::size_t body_limit = 0;    // the most body bytes the server reads
  Caller caller;                 // who, for routes that need authentication
};

// Decides from the request line and headers alone, before any body is read
// (docs/SECURITY.md "HTTP limits"): a Content-Encoding other than identity
// is 415, a body on POST/PUT/DELETE that is neither application/json nor
// multipart/form-data 415, a declared body over the route's limit 413, a
// request without a valid session or token on a route that needs one 401,
// a registrar on an administrators' route or a user who must first change
// the password 403. Returns nullopt after writing that answer to res.
std::optional<Admission> admit(Services& services, Request& req, Response& res);

// Runs the admitted route over the complete request (body read and within
// the limit) and writes its answer to res.
void dispatch(Services& services, const Admission& admission, Request& req, Response& res);

// Writes an audit entry (who, when, what). REQUIRES: the caller is known.
Status audit(RequestContext& ctx, std::string_view action, const nlohmann::json& details);

// The path parameter matched by the route's first regex group as an id > 0.
Result<std::int64_t> path_id(const Request& req, std::size_t group = 1);

}  // namespace robocall::http
