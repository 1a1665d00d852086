// Housekeeping: the part of `robocall serve` that applies the retention
// settings (docs/BEHAVIOUR.md "Retention") once at start and then daily,
// whether or not the dialer runs: recordings past their retention, then
// tasks with their attempts, webhook deliveries and import reports past the
// tasks' retention; one audit entry per run, with counts only.
// THREADS: start() and stop() from serve's main thread; the purge runs on
// the part's own thread with its own SQLite connection.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "common/result.h"
#include "domain/clock.h"
#include "store/connection.h"

namespace robocall::app {

// One purge run over the database at `now`, the recordings in
// `recordings_dir` (also what tests call).
Status purge_once(store::Connection& db, const std::filesystem::path& recordings_dir,
                  domain::Instant now);

class Housekeeping {
 public:
  // REQUIRES: clock outlives the object.
  Housekeeping(std::filesystem::path db_path, std::filesystem::path recordings_dir,
               const domain::Clock& clock);
  ~Housekeeping();
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  // Opens the connection and starts the thread, which purges at once.
  Status start();
  // Finishes the run in progress and joins.
  void stop();

 private:
  void run();

  // Constant after construction.
  const std::filesystem::path db_path_;
  const std::filesystem::path recordings_dir_;  // store::recordings_folder
  const domain::Clock& clock_;

  store::Connection db_;  // used by the thread only once started
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace robocall::app
