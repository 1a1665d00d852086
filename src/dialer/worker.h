// Worker: one thread running posted jobs in order. The dialer keeps one for
// the store (it owns its own SQLite connection) and one for phrase rendering,
// so the SIP loop thread never blocks on either.
// THREADS: post() and stop() from any thread; jobs run on the worker thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace robocall::dialer {

class Worker {
 public:
  explicit Worker(std::string name);
  // Runs every job still queued, then joins.
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Queues a job. After stop() jobs are dropped.
  void post(std::function<void()> job);
  // Runs the jobs already queued, then ends the thread. Idempotent.
  void stop();
  // Time spent running jobs so far.
  std::chrono::nanoseconds busy() const;
  std::size_t queued() const;

 private:
  void run();

  // Constant after construction.
  const std::string name_;
  // Guarded by mu_.
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::chrono::nanoseconds busy_{0};

  std::thread thread_;
};

}  // namespace robocall::dialer
