// Call: a handle on one outbound call living in the Engine, and the observer
// through which the call reports what happens to it.
// THREADS: every method of Call and every CallObserver callback runs on the
// engine's loop thread only. A handle outlives its call safely: once the call
// has ended, its methods do nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "audio/pcm.h"
#include "common/result.h"
#include "sip/call_end.h"

namespace robocall::sip {

struct CallOptions {
  // Ringing longer than this is cancelled (outcome kNoAnswer).
  std::chrono::milliseconds answer_timeout{std::chrono::seconds(30)};
  // Without any response (not even 100 Trying/180) for this long the call
  // ends as kNoResponse (outcome kFailed).
  std::chrono::milliseconds no_response_timeout{std::chrono::seconds(32)};
  // When set, the answered part of the call is recorded here as a stereo
  // 8 kHz WAV: patient left, system right.
  std::filesystem::path record_path;
};

// Callbacks of one call, all on the loop thread. They may call the call's
// methods (play, hangup...) directly. on_ended comes exactly once, last, from
// its own loop iteration (never from inside a Call method), and only once the
// recording file, if any, is complete on disk.
// REQUIRES: the observer outlives the call until on_ended has returned.
class CallObserver {
 public:
  virtual ~CallObserver() = default;
  // A provisional response: 180 ringing, 183 progress (early media SDP taken).
  virtual void on_progress(std::uint16_t /*sip_code*/) {}
  virtual void on_answered() {}
  // A key pressed by the patient (RFC 4733 or in-band), once per press.
  virtual void on_digit(char /*digit*/) {}
  // The patient put the call on hold (true) or resumed it (false): the
  // phrase waits where it stopped meanwhile.
  virtual void on_hold(bool /*held*/) {}
  // A queued phrase has been sent to its end (not after stop_playback()).
  virtual void on_playback_finished() {}
  virtual void on_ended(const CallEnd& end) = 0;
};

struct LiveCall;

class Call {
 public:
  Call() = default;  // a handle on no call

  bool active() const;
  std::uint64_t id() const { return id_; }

  // Queues a phrase after those already queued; it is sent once the call is
  // answered. REQUIRES: 8 kHz mono. Wrong format: kInvalidArgument, nothing
  // queued. An ended call: kConflict.
  Status play(std::shared_ptr<const audio::Pcm> phrase);
  // Barge-in: silences the current phrase at once and drops the queue.
  void stop_playback();
  // Ends the call: BYE when answered, CANCEL while ringing. on_ended follows
  // with EndCause::kLocalHangup.
  void hangup();

 private:
  friend class Engine;
  Call(std::weak_ptr<LiveCall> call, std::uint64_t id) : call_(std::move(call)), id_(id) {}

  std::weak_ptr<LiveCall> call_;
  std::uint64_t id_ = 0;
};

}  // namespace robocall::sip
