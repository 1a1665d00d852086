#include "store/change_feed.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cctype>
#include <thread>

namespace robocall::store {

std::string_view to_string(Change change) {
  switch (change) {
    case Change::kSettings:
      return "settings";
    case Change::kDialer:
      return "dialer";
    case Change::kAccounts:
      return "accounts";
  }
  return "settings";
}

std::optional<Change> parse_change(std::string_view payload) {
  for (const auto change : kEveryChange) {
    if (to_string(change) == payload) return change;
  }
  return std::nullopt;
}

Status notify_change(Connection& db, Change change) {
  if (db.backend() != Backend::kPostgres) return {};
  auto stmt = db.prepare("SELECT pg_notify('robocall_changes', ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_string(change));
  return stmt->run();
}

std::chrono::milliseconds reconnect_delay(int failures, std::chrono::milliseconds first,
                                          std::chrono::milliseconds most) {
  auto delay = first;
  for (int i = 0; i < failures && delay < most; ++i) delay *= 2;
  return std::min(delay, most);
}

namespace {

struct PgCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConn = std::unique_ptr<PGconn, PgCloser>;

// A connection that listens on the channel, or libpq's message. The URL's
// own parameters win over these defaults (they come before dbname).
Result<PgConn> connect_and_listen(const std::string& location) {
  const char* keys[] = {
      "connect_timeout",  "keepalives",       "keepalives_idle", "keepalives_interval",
      "keepalives_count", "application_name", "dbname",          nullptr};
  const char* values[] = {"5", "1", "10", "5", "3", "robocall-changes", location.c_str(), nullptr};
  PgConn conn(PQconnectdbParams(keys, values, 1));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
    return Error{Errc::kUnavailable, conn ? PQerrorMessage(conn.get()) : "out of memory"};
  // The server's notices (the FATAL of a terminated backend among them)
  // would go to stderr: the loss is reported through on_lost instead.
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  PGresult* res = PQexec(conn.get(), "LISTEN robocall_changes");
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  if (!ok) return Error{Errc::kUnavailable, PQerrorMessage(conn.get())};
  if (PQsetnonblocking(conn.get(), 1) != 0)
    return Error{Errc::kUnavailable, PQerrorMessage(conn.get())};
  return conn;
}

}  // namespace

struct ChangeFeed::Impl {
  Options options;
  PgConn conn;
  int wake_fd = -1;  // an eventfd: stop() writes it
  std::atomic<bool> stopping{false};
  std::thread thread;
  std::thread::id feed_thread;

  // True when stop() was asked during the wait.
  bool stop_within(std::chrono::milliseconds limit) const {
    pollfd fd{wake_fd, POLLIN, 0};
    ::poll(&fd, 1, static_cast<int>(limit.count()));
    return stopping.load();
  }

  void deliver(Change change) const {
    assert(std::this_thread::get_id() == feed_thread);
    if (options.on_change) options.on_change(change);
  }

  // Reads what arrived; false when the connection is lost.
  bool drain() {
    if (PQconsumeInput(conn.get()) == 0 || PQstatus(conn.get()) != CONNECTION_OK) return false;
    while (PGnotify* n = PQnotifies(conn.get())) {
      if (auto change = parse_change(n->extra)) deliver(*change);
      PQfreemem(n);
    }
    return true;
  }

  void lost() {
    // libpq's message spans lines: one line for the log.
    std::string error;
    for (const char* p = PQerrorMessage(conn.get()); *p != 0; ++p) {
      const bool space = std::isspace(static_cast<unsigned char>(*p)) != 0;
      if (!space)
        error += *p;
      else if (!error.empty() && error.back() != ' ')
        error += ' ';
    }
    if (!error.empty() && error.back() == ' ') error.pop_back();
    if (options.on_lost) options.on_lost(error);
    conn.reset();
  }

  void run() {
    feed_thread = std::this_thread::get_id();
    int failures = 0;
    while (!stopping) {
      if (!conn) {
        if (stop_within(reconnect_delay(failures, options.first_delay, options.most_delay))) return;
        auto fresh = connect_and_listen(options.location);
        if (!fresh) {
          ++failures;
          continue;
        }
        failures = 0;
        conn = std::move(*fresh);
        if (options.on_reconnect) options.on_reconnect();
      }
      pollfd fds[2] = {{PQsocket(conn.get()), POLLIN, 0}, {wake_fd, POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) continue;  // EINTR
      if (stopping) return;
      if (!drain()) lost();
    }
  }
};

ChangeFeed::ChangeFeed(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<ChangeFeed>> ChangeFeed::start(Options options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  auto conn = connect_and_listen(impl->options.location);
  if (!conn)
    return Error{Errc::kUnavailable,
                 "Не удалось подписаться на изменения в PostgreSQL: " + conn.error().message};
  impl->conn = std::move(*conn);
  impl->wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (impl->wake_fd < 0) return Error::io("eventfd для подписки на изменения не создан");
  Impl* self = impl.get();
  impl->thread = std::thread([self] { self->run(); });
  return std::unique_ptr<ChangeFeed>(new ChangeFeed(std::move(impl)));
}

ChangeFeed::~ChangeFeed() {
  stop();
}

void ChangeFeed::stop() {
  if (impl_->stopping.exchange(true)) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(impl_->wake_fd, &one, sizeof one);
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->conn.reset();
  ::close(impl_->wake_fd);
}

}  // namespace robocall::store
