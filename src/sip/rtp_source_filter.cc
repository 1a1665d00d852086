#include "sip/rtp_source_filter.h"

namespace robocall::sip {

void RtpSourceFilter::expect(const MediaSource& sdp_source, const MediaSource& sip_peer) {
  if (expected_ != sdp_source) {
    latched_.reset();
    latched_elsewhere_ = false;
  }
  expected_ = sdp_source;
  sip_peer_ = sip_peer;
  ssrc_.reset();
}

bool RtpSourceFilter::drop() {
  ++dropped_;
  return false;
}

bool RtpSourceFilter::accept(const MediaSource& source, std::uint32_t ssrc) {
  if (latched_ == source) {
    if (!ssrc_) ssrc_ = ssrc;  // the first packet after new SDP
    return *ssrc_ == ssrc || drop();
  }
  const bool from_sdp = expected_ == source;
  if (!from_sdp) {
    if (latched_elsewhere_ || latched_ || !expected_) return drop();
    if (!source.same_host(*expected_) && !source.same_host(*sip_peer_)) return drop();
  }
  if (!from_sdp) latched_elsewhere_ = true;
  latched_ = source;
  ssrc_ = ssrc;
  return true;
}

}  // namespace robocall::sip
