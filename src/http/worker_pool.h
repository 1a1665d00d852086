// WorkerPool: a fixed set of threads that run the route handlers off
// libmicrohttpd's event loops, fed by a bounded queue (docs/SECURITY.md
// "HTTP limits"). try_submit() from any thread; stop() once, from the
// thread that owns the pool.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace robocall::http {

class WorkerPool {
 public:
  // REQUIRES: threads >= 1, queue_capacity >= 1.
  WorkerPool(int threads, std::size_t queue_capacity);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues job for a worker; false when every worker is busy and
  // queue_capacity jobs already wait, or the pool is stopping (the job is
  // dropped, the caller answers for it).
  bool try_submit(std::function<void()> job);

  // Refuses new jobs, runs the queued ones to the end and joins the workers.
  // Idempotent.
  void stop();

 private:
  void work();

  const std::size_t capacity_;
  std::vector<std::thread> threads_;

  std::mutex mu_;
  std::condition_variable ready_;
  // Guarded by mu_.
  std::deque<std::function<void()>> queue_;
  std::size_t idle_ = 0;  // workers waiting for a job
  bool stopping_ = false;
};

}  // namespace robocall::http
