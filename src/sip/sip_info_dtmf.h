// Keys sent as SIP INFO inside the call's dialog (docs/BEHAVIOUR.md "Keys,
// hold and session refresh"): `application/dtmf-relay` (Signal=1,
// Duration=160) and `application/dtmf` (a body of the key alone). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace robocall::sip {

struct InfoDtmf {
  std::uint16_t status = 200;  // the answer to the INFO: 200, or 415 for other content
  std::optional<char> key;     // '0'-'9', '*', '#', 'A'-'D' when the body carries one
};

// content_type: "type/subtype" (parameters allowed, any case); body: the
// INFO's body. An empty content type with an empty body is a keep-alive: 200.
InfoDtmf parse_info_dtmf(std::string_view content_type, std::string_view body);

}  // namespace robocall::sip
