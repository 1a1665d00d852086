#include "sip/sip_info_dtmf.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

TEST(SipInfoDtmf, reads_the_key_of_dtmf_relay_and_dtmf_bodies) {
  struct Row {
    std::string_view type;
    std::string_view body;
    std::uint16_t status;
    std::optional<char> key;
  };
  const Row rows[] = {
      {"application/dtmf-relay", "Signal=1\r\nDuration=160\r\n", 200, '1'},
      {"application/dtmf-relay", "Signal= 5\r\nDuration= 250\r\n", 200, '5'},
      {"Application/DTMF-Relay", "signal=*\r\n", 200, '*'},
      {"application/dtmf-relay", "Signal=#\nDuration=100", 200, '#'},
      {"application/dtmf-relay", "Signal=10\r\n", 200, '*'},
      {"application/dtmf-relay", "Signal=11\r\n", 200, '#'},
      {"application/dtmf-relay", "Signal=d\r\n", 200, 'D'},
      {"application/dtmf-relay; charset=utf-8", "Signal=A\r\n", 200, 'A'},
      {"application/dtmf-relay", "Duration=160\r\n", 200, std::nullopt},
      {"application/dtmf-relay", "Signal=12\r\n", 200, std::nullopt},
      {"application/dtmf-relay", "Signal=E\r\n", 200, std::nullopt},
      {"application/dtmf", "1", 200, '1'},
      {"application/dtmf", "#\r\n", 200, '#'},
      {"application/dtmf", "12", 200, std::nullopt},
      {"", "", 200, std::nullopt},
      {"application/media_control+xml", "<media_control/>", 415, std::nullopt},
      {"text/plain", "1", 415, std::nullopt},
  };
  for (const auto& r : rows) {
    const InfoDtmf got = parse_info_dtmf(r.type, r.body);
    EXPECT_EQ(got.status, r.status) << r.type << " / " << r.body;
    EXPECT_EQ(got.key, r.key) << r.type << " / " << r.body;
  }
}

}  // namespace
}  // namespace robocall::sip
