#include "sip/recorder.h"

#include <spdlog/spdlog.h>

namespace robocall::sip {
namespace {

// Written buffers kept for reuse; beyond these they are freed.
constexpr std::size_t kMaxSpare = 512;

}  // namespace

Recorder::Recorder() : thread_([this] { run(); }) {}

Recorder::~Recorder() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

Recorder::Id Recorder::open(std::filesystem::path path) {
  Id id;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
  }
  push({Op::kOpen, id, std::move(path), {}, {}});
  return id;
}

void Recorder::append(Id id, std::vector<std::int16_t> interleaved) {
  push({Op::kAppend, id, {}, std::move(interleaved), {}});
}

void Recorder::close(Id id, std::function<void()> done) {
  push({Op::kClose, id, {}, {}, std::move(done)});
}

std::vector<std::int16_t> Recorder::buffer(std::size_t capacity) {
  std::vector<std::int16_t> b;
  {
    std::lock_guard lock(mu_);
    if (!spare_.empty()) {
      b = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  b.reserve(capacity);
  return b;
}

void Recorder::give_back(std::vector<std::int16_t> written) {
  written.clear();
  std::lock_guard lock(mu_);
  if (spare_.size() < kMaxSpare) spare_.push_back(std::move(written));
}

std::uint64_t Recorder::failures() const {
  std::lock_guard lock(mu_);
  return failures_;
}

void Recorder::push(Request request) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(request));
  }
  cv_.notify_one();
}

void Recorder::run() {
  std::deque<Request> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) break;
      batch.swap(queue_);
    }
    std::uint64_t failed = 0;
    for (auto& r : batch) {
      switch (r.op) {
        case Op::kOpen: {
          auto writer = audio::WavWriter::create(r.path, 8000, 2);
          if (!writer) {
            spdlog::warn("recording {}: {}", r.path.string(), writer.error().message);
            ++failed;
          } else {
            open_.emplace(r.id, std::move(*writer));
          }
          break;
        }
        case Op::kAppend: {
          auto it = open_.find(r.id);
          if (it == open_.end()) break;
          if (auto st = it->second.append(r.samples); !st) {
            spdlog::warn("recording {}: {}", it->second.path().string(), st.error().message);
            ++failed;
            open_.erase(it);
          }
          give_back(std::move(r.samples));
          break;
        }
        case Op::kClose: {
          auto it = open_.find(r.id);
          if (it != open_.end()) {
            if (auto st = it->second.close(); !st) {
              spdlog::warn("recording {}: {}", it->second.path().string(), st.error().message);
              ++failed;
            }
            open_.erase(it);
          }
          if (r.done) r.done();
          break;
        }
      }
    }
    batch.clear();
    if (failed) {
      std::lock_guard lock(mu_);
      failures_ += failed;
    }
  }
  for (auto& [id, writer] : open_) (void)writer.close();
  open_.clear();
}

}  // namespace robocall::sip
