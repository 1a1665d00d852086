// Session timers (RFC 4028) as the answering side of a refresh: the peer's
// re-INVITE or UPDATE carries Session-Expires, and our 2xx must carry it back
// (docs/BEHAVIOUR.md "Keys, hold and session refresh"). Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace robocall::sip {

// RFC 4028 4: no session interval may be below 90 s.
inline constexpr std::uint32_t kMinSessionExpires = 90;

struct SessionRefreshReply {
  std::uint16_t status = 200;  // 200, 422 (interval too small) or 400 (unreadable)
  std::string headers;         // header lines for the reply, each ending in CRLF
};

// session_expires: the value of the request's Session-Expires ("1800;
// refresher=uac"); min_se: its Min-SE value, empty when absent. The refresher
// asked for is kept; without one, the peer (uac) refreshes, since robocall
// never sends refreshes of its own.
SessionRefreshReply answer_session_refresh(std::string_view session_expires,
                                           std::string_view min_se);

}  // namespace robocall::sip
