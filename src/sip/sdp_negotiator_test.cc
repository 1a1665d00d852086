#include "sip/sdp_negotiator.h"

#include <gtest/gtest.h>

#include <string>

namespace robocall::sip {
namespace {

std::string answer_with(const std::string& formats, const std::string& rtpmaps) {
  return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
         "m=audio 6000 RTP/AVP " +
         formats + "\r\n" + rtpmaps;
}

TEST(SdpNegotiator, offers_pcma_pcmu_and_telephone_event_at_20_ms) {
  auto sdp = SdpNegotiator::create("127.0.0.1", 4000);
  ASSERT_TRUE(sdp.ok());
  auto offer = sdp->offer();
  ASSERT_TRUE(offer.ok());
  EXPECT_NE(offer->find("m=audio 4000 RTP/AVP 8 0 101"), std::string::npos) << *offer;
  EXPECT_NE(offer->find("a=rtpmap:101 telephone-event/8000"), std::string::npos);
  EXPECT_NE(offer->find("a=fmtp:101 0-15"), std::string::npos);
  EXPECT_NE(offer->find("a=ptime:20"), std::string::npos);
  EXPECT_NE(offer->find("c=IN IP4 127.0.0.1"), std::string::npos);
}

TEST(SdpNegotiator, lets_the_answer_decide_the_codec) {
  struct Row {
    std::string formats;
    std::string rtpmaps;
    Codec codec;
    std::uint8_t pt;
    std::optional<std::uint8_t> telev;
  };
  const Row rows[] = {
      {"8 101", "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n", Codec::kPcma, 8,
       101},
      {"0", "a=rtpmap:0 PCMU/8000\r\n", Codec::kPcmu, 0, std::nullopt},
      {"0 8", "", Codec::kPcmu, 0, std::nullopt},
      {"8", "", Codec::kPcma, 8, std::nullopt},
      {"18 0 96", "a=rtpmap:18 G729/8000\r\na=rtpmap:96 telephone-event/8000\r\n", Codec::kPcmu, 0,
       96},
  };
  for (const auto& row : rows) {
    auto sdp = SdpNegotiator::create("127.0.0.1", 4000);
    ASSERT_TRUE(sdp.ok());
    ASSERT_TRUE(sdp->offer().ok());
    auto media = sdp->answer(answer_with(row.formats, row.rtpmaps));
    ASSERT_TRUE(media.ok()) << row.formats << ": " << media.error().message;
    EXPECT_EQ(media->codec, row.codec) << row.formats;
    EXPECT_EQ(media->payload_type, row.pt) << row.formats;
    EXPECT_EQ(media->telephone_event_pt, row.telev) << row.formats;
    EXPECT_EQ(media->address, "127.0.0.2");
    EXPECT_EQ(media->port, 6000);
  }
}

TEST(SdpNegotiator, refuses_answers_without_a_common_codec_or_audio) {
  for (const std::string& bad :
       {answer_with("18", "a=rtpmap:18 G729/8000\r\n"), std::string(""), std::string("garbage"),
        std::string("v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
                    "m=audio 0 RTP/AVP 8\r\n")}) {
    auto sdp = SdpNegotiator::create("127.0.0.1", 4000);
    ASSERT_TRUE(sdp.ok());
    ASSERT_TRUE(sdp->offer().ok());
    EXPECT_FALSE(sdp->answer(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace robocall::sip
