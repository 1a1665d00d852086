#include "sip/call.h"

#include "sip/engine_impl.h"

namespace robocall::sip {

bool Call::active() const {
  auto call = call_.lock();
  return call && !call->ending;
}

Status Call::play(std::shared_ptr<const audio::Pcm> phrase) {
  if (!phrase || phrase->sample_rate != audio::kTelephoneRate || phrase->channels != 1)
    return Error::invalid("фраза должна быть в формате 8 кГц моно");
  auto call = call_.lock();
  if (!call || call->ending) return Error::conflict("звонок уже завершён");
  call->phrases.push_back(std::move(phrase));
  return {};
}

void Call::stop_playback() {
  auto call = call_.lock();
  if (!call) return;
  call->phrases.clear();
  call->phrase_pos = 0;
}

void Call::hangup() {
  auto call = call_.lock();
  if (!call) return;
  call->finish(EndCause::kLocalHangup, 0, "завершён нашей стороной");
}

}  // namespace robocall::sip
