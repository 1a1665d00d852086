#include "dialer/worker.h"

#include <pthread.h>

#include "domain/clock.h"

namespace robocall::dialer {

Worker::Worker(std::string name) : name_(std::move(name)), thread_([this] { run(); }) {}

Worker::~Worker() {
  stop();
}

void Worker::post(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void Worker::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::chrono::nanoseconds Worker::busy() const {
  std::lock_guard lock(mu_);
  return busy_;
}

std::size_t Worker::queued() const {
  std::lock_guard lock(mu_);
  return jobs_.size();
}

void Worker::run() {
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    const auto start = domain::system_clock().steady();
    job();
    const auto spent = domain::system_clock().steady() - start;
    std::lock_guard lock(mu_);
    busy_ += spent;
  }
}

}  // namespace robocall::dialer
