#include "sip/sdp_negotiator.h"

#include <re.h>
#include <strings.h>

#include <array>
#include <cstring>

#include "sip/re_handle.h"

namespace robocall::sip {

struct SdpNegotiator::Impl {
  ReHandle<sdp_session> session;
  sdp_media* media = nullptr;  // owned by session
};

SdpNegotiator::SdpNegotiator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SdpNegotiator::SdpNegotiator(SdpNegotiator&&) noexcept = default;
SdpNegotiator& SdpNegotiator::operator=(SdpNegotiator&&) noexcept = default;
SdpNegotiator::~SdpNegotiator() = default;

Result<SdpNegotiator> SdpNegotiator::create(const std::string& local_ip, std::uint16_t rtp_port) {
  sa laddr;
  if (sa_set_str(&laddr, local_ip.c_str(), 0) != 0)
    return Error::invalid("недопустимый локальный IP-адрес для SDP: " + local_ip);
  auto impl = std::make_unique<Impl>();
  int err = sdp_session_alloc(out(impl->session), &laddr);
  if (!err) err = sdp_media_add(&impl->media, impl->session.get(), "audio", rtp_port, "RTP/AVP");
  if (!err)
    err = sdp_format_add(nullptr, impl->media, false, "8", "PCMA", 8000, 1, nullptr, nullptr,
                         nullptr, false, nullptr);
  if (!err)
    err = sdp_format_add(nullptr, impl->media, false, "0", "PCMU", 8000, 1, nullptr, nullptr,
                         nullptr, false, nullptr);
  if (!err)
    err = sdp_format_add(nullptr, impl->media, false, "101", "telephone-event", 8000, 1, nullptr,
                         nullptr, nullptr, false, "0-15");
  if (!err) err = sdp_media_set_lattr(impl->media, true, "ptime", "20");
  if (err) return Error::internal(std::string("не удалось подготовить SDP: ") + std::strerror(err));
  return SdpNegotiator(std::move(impl));
}

Result<std::string> SdpNegotiator::offer() {
  ReHandle<mbuf> mb;
  const int err = sdp_encode(out(mb), impl_->session.get(), true);
  if (err)
    return Error::internal(std::string("не удалось закодировать SDP: ") + std::strerror(err));
  return std::string(reinterpret_cast<const char*>(mbuf_buf(mb.get())), mbuf_get_left(mb.get()));
}

namespace {

int decode(sdp_session* session, std::string_view body, bool offer) {
  ReHandle<mbuf> mb(mbuf_alloc(body.size()));
  if (!mb) return ENOMEM;
  mbuf_write_mem(mb.get(), reinterpret_cast<const uint8_t*>(body.data()), body.size());
  mb->pos = 0;
  return sdp_decode(session, mb.get(), offer);
}

// libre keeps the remote direction as it is for us (the peer's sendonly is
// our recvonly) and answers with ldir & rdir.
MediaDirection peer_direction(sdp_dir ours) {
  switch (ours) {
    case SDP_SENDRECV:
      return MediaDirection::kSendRecv;
    case SDP_RECVONLY:
      return MediaDirection::kSendOnly;
    case SDP_SENDONLY:
      return MediaDirection::kRecvOnly;
    case SDP_INACTIVE:
      break;
  }
  return MediaDirection::kInactive;
}

sdp_dir libre_direction(MediaDirection ours) {
  switch (ours) {
    case MediaDirection::kSendRecv:
      return SDP_SENDRECV;
    case MediaDirection::kSendOnly:
      return SDP_SENDONLY;
    case MediaDirection::kRecvOnly:
      return SDP_RECVONLY;
    case MediaDirection::kInactive:
      break;
  }
  return SDP_INACTIVE;
}

}  // namespace

Result<SdpNegotiator::Reply> SdpNegotiator::reinvite(std::string_view body) {
  Reply reply;
  sdp_media* media = impl_->media;
  if (body.empty()) {
    sdp_media_set_ldir(media, SDP_SENDRECV);
  } else {
    if (const int err = decode(impl_->session.get(), body, true))
      return Error::invalid(std::string("неразборчивый SDP в re-INVITE: ") + std::strerror(err));
    const sa* raddr = sdp_media_raddr(media);
    const bool null_address = sdp_media_rport(media) != 0 && raddr && !sa_isset(raddr, SA_ADDR);
    reply.hold = decide_hold(peer_direction(sdp_media_rdir(media)), null_address);
    sdp_media_set_ldir(media, libre_direction(reply.hold->answer));
    if (!null_address) {
      auto remote = remote_media();
      if (!remote) return remote.error();
      reply.remote = *remote;
    }
  }
  ReHandle<mbuf> mb;
  if (const int err = sdp_encode(out(mb), impl_->session.get(), body.empty()))
    return Error::internal(std::string("не удалось закодировать SDP: ") + std::strerror(err));
  reply.sdp.assign(reinterpret_cast<const char*>(mbuf_buf(mb.get())), mbuf_get_left(mb.get()));
  return reply;
}

Result<RemoteMedia> SdpNegotiator::answer(std::string_view body) {
  if (body.empty()) return Error::invalid("ответ без SDP");
  if (const int err = decode(impl_->session.get(), body, false))
    return Error::invalid(std::string("неразборчивый SDP-ответ: ") + std::strerror(err));
  return remote_media();
}

Result<RemoteMedia> SdpNegotiator::remote_media() const {
  const sa* raddr = sdp_media_raddr(impl_->media);
  if (sdp_media_rport(impl_->media) == 0 || !raddr || !sa_isset(raddr, SA_ADDR))
    return Error::invalid("в SDP-ответе нет аудиопотока");

  RemoteMedia media;
  // The answer's own order decides among the codecs we offered; static
  // payload types may come without an rtpmap line.
  bool found = false;
  const list* formats = sdp_media_format_lst(impl_->media, false);
  for (le* e = list_head(formats); e && !found; e = e->next) {
    const auto* fmt = static_cast<const sdp_format*>(e->data);
    const bool named = fmt->name && fmt->name[0];
    if ((named && strcasecmp(fmt->name, "PCMA") == 0) || (!named && fmt->pt == 8)) {
      media.codec = Codec::kPcma;
      found = true;
    } else if ((named && strcasecmp(fmt->name, "PCMU") == 0) || (!named && fmt->pt == 0)) {
      media.codec = Codec::kPcmu;
      found = true;
    }
    if (found) media.payload_type = static_cast<std::uint8_t>(fmt->pt);
  }
  if (!found) return Error::invalid("собеседник не принял ни PCMA, ни PCMU");
  if (const sdp_format* telev = sdp_media_rformat(impl_->media, "telephone-event"))
    media.telephone_event_pt = static_cast<std::uint8_t>(telev->pt);

  std::array<char, 64> ip{};
  sa_ntop(raddr, ip.data(), static_cast<int>(ip.size()));
  media.address = ip.data();
  media.port = sdp_media_rport(impl_->media);
  return media;
}

}  // namespace robocall::sip
