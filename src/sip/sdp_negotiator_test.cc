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

TEST(SdpNegotiator, answers_a_hold_with_the_mirrored_direction_and_pauses) {
  struct Row {
    std::string connection;
    std::string direction;
    std::string answered;
    bool play;
    bool remote;
  };
  const Row rows[] = {
      {"127.0.0.2", "a=sendonly\r\n", "a=recvonly", false, true},
      {"127.0.0.2", "a=inactive\r\n", "a=inactive", false, true},
      {"0.0.0.0", "", "a=recvonly", false, false},
      {"127.0.0.2", "a=recvonly\r\n", "a=sendonly", true, true},
      {"127.0.0.2", "a=sendrecv\r\n", "a=sendrecv", true, true},
      {"127.0.0.2", "", "a=sendrecv", true, true},
  };
  auto sdp = SdpNegotiator::create("127.0.0.1", 4000);
  ASSERT_TRUE(sdp.ok());
  ASSERT_TRUE(sdp->offer().ok());
  ASSERT_TRUE(sdp->answer(answer_with("8", "")).ok());
  for (const auto& r : rows) {  // one call held and resumed in turn
    const std::string offer = "v=0\r\no=peer 1 2 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 " +
                              r.connection + "\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8\r\n" +
                              r.direction;
    auto reply = sdp->reinvite(offer);
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_NE(reply->sdp.find(r.answered), std::string::npos) << r.direction << reply->sdp;
    ASSERT_TRUE(reply->hold.has_value());
    EXPECT_EQ(reply->hold->play, r.play) << r.connection << " " << r.direction;
    EXPECT_EQ(reply->remote.has_value(), r.remote) << r.connection;
  }
}

}  // namespace
}  // namespace robocall::sip
