#include "sip/session_timer.h"

#include <gtest/gtest.h>

namespace robocall::sip {
namespace {

TEST(SessionTimer, a_refresh_is_answered_with_the_interval_and_refresher_asked_for) {
  struct Row {
    std::string_view session_expires;
    std::string_view min_se;
    std::uint16_t status;
    std::string headers;
  };
  const Row rows[] = {
      {"1800;refresher=uac", "", 200,
       "Session-Expires: 1800;refresher=uac\r\nSupported: timer\r\nRequire: timer\r\n"},
      {"1800; refresher=UAS", "", 200,
       "Session-Expires: 1800;refresher=uas\r\nSupported: timer\r\n"},
      {"90", "", 200,
       "Session-Expires: 90;refresher=uac\r\nSupported: timer\r\nRequire: timer\r\n"},
      {" 600 ;x=y;refresher=uac", "90", 200,
       "Session-Expires: 600;refresher=uac\r\nSupported: timer\r\nRequire: timer\r\n"},
      {"60;refresher=uac", "", 422, "Min-SE: 90\r\n"},
      {"300;refresher=uac", "600", 422, "Min-SE: 600\r\n"},
      {"soon", "", 400, ""},
      {"", "", 400, ""},
  };
  for (const auto& r : rows) {
    const SessionRefreshReply got = answer_session_refresh(r.session_expires, r.min_se);
    EXPECT_EQ(got.status, r.status) << r.session_expires;
    EXPECT_EQ(got.headers, r.headers) << r.session_expires;
  }
}

}  // namespace
}  // namespace robocall::sip
