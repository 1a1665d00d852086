#include "sip/call.h"

#include "sip/engine_impl.h"

namespace robocall::sip {
namespace {

// The call behind a handle, once its loop thread is asserted.
std::shared_ptr<LiveCall> lock_on_loop(const std::weak_ptr<LiveCall>& handle) {
  auto call = handle.lock();
  assert_on_loop_thread(call ? &call->engine : nullptr);
  return call;
}

}  // namespace

bool Call::active() const {
  auto call = lock_on_loop(call_);
  return call && !call->ending;
}

Status Call::play(std::shared_ptr<const audio::Pcm> phrase) {
  auto call = lock_on_loop(call_);
  if (!phrase || phrase->sample_rate != audio::kTelephoneRate || phrase->channels != 1)
    return Error::invalid("фраза должна быть в формате 8 кГц моно");
  if (!call || call->ending) return Error::conflict("звонок уже завершён");
  call->phrases.push_back(std::move(phrase));
  return {};
}

void Call::stop_playback() {
  auto call = lock_on_loop(call_);
  if (!call) return;
  call->phrases.clear();
  call->phrase_pos = 0;
}

void Call::hangup() {
  auto call = lock_on_loop(call_);
  if (!call) return;
  call->finish(EndCause::kLocalHangup, 0, "завершён нашей стороной");
}

}  // namespace robocall::sip
