#include "app/change_listener.h"

#include <spdlog/spdlog.h>

#include "store/calling_settings.h"
#include "store/schema.h"

namespace robocall::app {
namespace {

// Lives in the feed's callbacks: used on the feed's thread only.
struct Applier {
  dialer::DialerControl* dialer;
  std::string location;
  std::optional<store::Connection> db;  // opened when needed, dropped after an error
  std::optional<bool> enabled;          // as last applied here

  std::optional<bool> stored_enabled() {
    if (!db) {
      auto opened = store::open_database(location);
      if (!opened.ok()) {
        spdlog::error("changes: dialing on/off not read: {}", opened.error().message);
        return std::nullopt;
      }
      db = std::move(opened).value();
    }
    auto settings = store::load_calling_settings(*db);
    if (!settings.ok()) {
      spdlog::error("changes: dialing on/off not read: {}", settings.error().message);
      db.reset();
      return std::nullopt;
    }
    return settings->robocall.enabled;
  }

  // `always`: an administrator switched it (lifts a pause, as a local switch
  // does); else only a change of the stored value is applied.
  void apply_enabled(bool always) {
    const auto stored = stored_enabled();
    if (!stored || (!always && stored == enabled)) return;
    enabled = stored;
    spdlog::info("changes: dialing switched {} on another node", *stored ? "on" : "off");
    dialer->set_enabled(*stored);
  }

  void on_change(store::Change change) {
    spdlog::debug("changes: {} changed on a node", store::to_string(change));
    if (change == store::Change::kDialer) {
      apply_enabled(true);
      return;
    }
    dialer->reload_settings();
  }

  // The server may have restarted: the next read opens a new connection.
  void on_reconnect() {
    spdlog::info("changes: listening again; reloading everything");
    db.reset();
    dialer->reload_settings();
    apply_enabled(false);
  }
};

}  // namespace

Result<std::unique_ptr<store::ChangeFeed>> listen_for_changes(const std::string& location,
                                                              dialer::DialerControl* dialer) {
  if (!store::is_postgres_location(location) || dialer == nullptr)
    return std::unique_ptr<store::ChangeFeed>();
  auto applier = std::make_shared<Applier>(Applier{dialer, location, std::nullopt, std::nullopt});
  applier->enabled = applier->stored_enabled();
  store::ChangeFeed::Options options;
  options.location = location;
  options.on_change = [applier](store::Change change) { applier->on_change(change); };
  options.on_reconnect = [applier] { applier->on_reconnect(); };
  options.on_lost = [](const std::string& error) {
    spdlog::warn("changes: connection to PostgreSQL lost, reconnecting: {}", error);
  };
  return store::ChangeFeed::start(std::move(options));
}

}  // namespace robocall::app
