// Recorder: writes call recordings (stereo 8 kHz WAV) on its own thread so
// the loop thread never touches the disk. The loop thread hands over whole
// buffers; the writer thread owns every open file.
// open/append/close: any thread (in practice the loop thread); the order of
// requests for one recording is kept. Destruction drains the queue and joins.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "audio/wav_writer.h"

namespace robocall::sip {

class Recorder {
 public:
  using Id = std::uint64_t;

  Recorder();
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Starts a stereo 8 kHz recording at path; returns its id at once (the file
  // is created on the writer thread; failures are logged and later appends
  // for the id are dropped).
  Id open(std::filesystem::path path);
  // interleaved stereo samples (left patient, right system).
  void append(Id id, std::vector<std::int16_t> interleaved);
  // An empty buffer with room for at least `capacity` samples, to fill and
  // hand to append: one an earlier append gave back once written, so that
  // steady recording allocates nothing (any thread).
  std::vector<std::int16_t> buffer(std::size_t capacity);
  // Closes the file; then done runs on the writer thread (keep it short:
  // typically a post to the loop thread).
  void close(Id id, std::function<void()> done);

  // Failed creates, writes or closes since start (any thread).
  std::uint64_t failures() const;

 private:
  enum class Op { kOpen, kAppend, kClose };
  struct Request {
    Op op;
    Id id;
    std::filesystem::path path;
    std::vector<std::int16_t> samples;
    std::function<void()> done;
  };

  void push(Request request);
  void give_back(std::vector<std::int16_t> written);  // to spare_, writer thread
  void run();

  // Guarded by mu_.
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Request> queue_;
  bool stopping_ = false;
  Id next_id_ = 1;
  std::uint64_t failures_ = 0;
  std::vector<std::vector<std::int16_t>> spare_;  // written buffers, emptied
  // Writer thread only.
  std::unordered_map<Id, audio::WavWriter> open_;
  std::thread thread_;  // last: starts after every member above exists
};

}  // namespace robocall::sip
