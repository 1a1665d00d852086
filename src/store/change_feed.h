// Changes that reach every node (docs/BEHAVIOUR.md "Several nodes: changes
// and sessions"): on PostgreSQL a save of settings, of SIP accounts or of
// dialing on/off sends a notification on the channel `robocall_changes`
// (payload "settings", "dialer" or "accounts"), and each node's ChangeFeed
// listens on its own libpq connection and thread and calls back per payload.
// On SQLite there is one node: notify_change does nothing.
// THREADS: notify_change on the caller's thread with its own Connection;
// ChangeFeed::start/stop from one owning thread; the callbacks run on the
// feed's own thread (asserted in debug builds).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "store/connection.h"

namespace robocall::store {

enum class Change { kSettings, kDialer, kAccounts };

inline constexpr std::string_view kChangeChannel = "robocall_changes";
inline constexpr Change kEveryChange[] = {Change::kSettings, Change::kDialer, Change::kAccounts};

// "settings", "dialer", "accounts": the notification's payload.
std::string_view to_string(Change change);
std::optional<Change> parse_change(std::string_view payload);

// On PostgreSQL `SELECT pg_notify('robocall_changes', <change>)` on `db`:
// inside the caller's transaction it is delivered at commit, else at once.
// On SQLite nothing.
Status notify_change(Connection& db, Change change);

// How long a lost connection waits before its next attempt: doubling from
// `first`, at most `most`.
std::chrono::milliseconds reconnect_delay(int failures, std::chrono::milliseconds first,
                                          std::chrono::milliseconds most);

class ChangeFeed {
 public:
  struct Options {
    std::string location;  // a libpq URL (postgresql://…)
    // One call per notification received.
    std::function<void(Change)> on_change;
    // After the connection came back: notifications may have been missed,
    // so reload everything.
    std::function<void()> on_reconnect;
    // The connection was lost (libpq's message, English); it is retried.
    std::function<void(const std::string&)> on_lost;
    std::chrono::milliseconds first_delay{100};
    std::chrono::milliseconds most_delay{5000};
  };

  // Connects and listens; an unreachable database is an error (Russian).
  static Result<std::unique_ptr<ChangeFeed>> start(Options options);
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Ends the thread and closes the connection. Idempotent.
  void stop();

  struct Impl;

 private:
  explicit ChangeFeed(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace robocall::store
