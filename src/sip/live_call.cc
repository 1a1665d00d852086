// One live call on the loop thread: how it is placed, libre's session and
// RTP handlers, the per-tick media step and the single path by which it ends.
#include <re.h>
#include <rem.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

#include "sip/engine_impl.h"
#include "sip/nat.h"
#include "sip/tls.h"

namespace robocall::sip {
namespace {

constexpr std::size_t kFrame = StereoFrameMixer::kFrameSamples;
// Recording buffers handed to the writer thread hold one second of stereo audio.
constexpr std::size_t kRecordChunk = 2 * 8000;

std::string_view body_of(const sip_msg* msg) {
  if (!msg || !msg->mb || mbuf_get_left(msg->mb) == 0) return {};
  return {reinterpret_cast<const char*>(mbuf_buf(msg->mb)), mbuf_get_left(msg->mb)};
}

std::string pl_string(const pl& p) {
  return p.p ? std::string(p.p, p.l) : std::string();
}

LiveCall* self(void* arg) {
  return static_cast<LiveCall*>(arg);
}

std::string errno_text(int err) {
  return std::strerror(err);
}

MediaSource media_source(const sa& addr) {
  MediaSource m;
  m.port = sa_port(&addr);
  if (sa_af(&addr) == AF_INET) {
    m.family = 4;
    const std::uint32_t ip = addr.u.in.sin_addr.s_addr;  // network order, as the bytes go
    std::memcpy(m.address.data(), &ip, sizeof ip);
  } else if (sa_af(&addr) == AF_INET6) {
    m.family = 6;
    std::memcpy(m.address.data(), &addr.u.in6.sin6_addr, 16);
  }
  return m;
}

}  // namespace

LiveCall::LiveCall(Engine::Impl& e, std::uint64_t call_id, CallObserver& obs, CallOptions opts)
    : engine(e), id(call_id), observer(obs), options(std::move(opts)) {}

LiveCall::~LiveCall() = default;

// ---- ending ----

void LiveCall::finish(EndCause cause, std::uint16_t sip_code, std::string reason) {
  assert_on_loop_thread(&engine);
  if (ending) return;
  ending = true;
  answer_timer.reset();
  response_timer.reset();
  phrases.clear();
  end.cause = cause;
  end.answered = answered;
  end.sip_code = answered ? std::uint16_t{200} : sip_code;
  const Classification c = classify(cause, end.sip_code, answered);
  end.outcome = c.outcome;
  end.trunk_overloaded = c.trunk_overloaded;
  end.ended = CallEnd::Clock::now();
  end.reason = std::move(reason);
  end.rtp_dropped = media_filter.dropped();
  if (end.rtp_dropped > 0) {
    engine.rtp_dropped.fetch_add(end.rtp_dropped, std::memory_order_relaxed);
    spdlog::warn("call {}: {} RTP packets dropped (not from the patient's source or SSRC)", id,
                 end.rtp_dropped);
  }
  // Releasing libre objects and telling the observer happen in a fresh loop
  // iteration (finish() may run inside a handler of this very session or
  // socket), and only once the recording file is complete.
  auto call = shared_from_this();
  if (recording) {
    while (mixer.backlog() > 0) mixer.tick({}, record_buffer);  // audio heard but not yet ticked
    if (!record_buffer.empty()) engine.recorder->append(*recording, std::move(record_buffer));
    engine.recorder->close(*recording,
                           [call] { call->engine.post_internal([call] { call->finalize(); }); });
    recording.reset();
  } else {
    engine.post_internal([call] { call->finalize(); });
  }
}

void LiveCall::finalize() {
  assert_on_loop_thread(&engine);
  sess.reset();  // BYE or CANCEL as the state needs
  rtp.reset();
  tx.reset();
  inband.reset();
  auto keep = shared_from_this();
  engine.dialogs.erase(call_id);
  engine.calls.erase(id);
  engine.calls_active.fetch_sub(1, std::memory_order_relaxed);
  observer.on_ended(end);
  if (engine.stopping && engine.calls.empty()) engine.close_sip();
}

// ---- signalling handlers ----

// Credentials go only to the account's realm (docs/SECURITY.md "SIP"): a
// challenge for another one ends the call with the realm named.
int LiveCall::on_auth(char** user, char** pass, const char* realm, void* arg) {
  LiveCall* c = self(arg);
  const std::string asked = realm ? realm : "";
  if (!same_realm(asked, c->realm)) {
    c->auth_error = "Провайдер запросил пароль для области «" + asked +
                    "», а для учётной записи указана «" + c->realm + "»";
    return EACCES;
  }
  int err = str_dup(user, c->username.c_str());
  if (!err) err = str_dup(pass, c->password.c_str());
  return err;
}

int LiveCall::on_offer(mbuf** descp, const sip_msg* msg, void* arg) {
  LiveCall* c = self(arg);
  auto reply = c->sdp->reinvite(body_of(msg));
  if (!reply) {
    spdlog::warn("call {}: re-INVITE refused: {}", c->id, reply.error().message);
    return EPROTO;
  }
  if (reply->hold) c->set_held(!reply->hold->play);
  if (reply->remote) {
    c->remote = reply->remote;
    sa_set_str(&c->remote_addr, c->remote->address.c_str(), c->remote->port);
    c->media_filter.expect(media_source(c->remote_addr), media_source(msg->src));
    if (c->answered) c->end.codec = c->remote->codec == Codec::kPcma ? "PCMA" : "PCMU";
  }
  mbuf* mb = mbuf_alloc(reply->sdp.size());  // libre sends and releases it
  if (!mb) return ENOMEM;
  mbuf_write_str(mb, reply->sdp.c_str());
  mb->pos = 0;
  *descp = mb;
  return 0;
}

int LiveCall::on_answer(const sip_msg* msg, void* arg) {
  LiveCall* c = self(arg);
  const auto body = body_of(msg);
  if (body.empty()) {
    if (c->remote) return 0;  // the SDP came in a 183 already
    c->media_error = "ответ 200 без SDP";
    return EPROTO;
  }
  auto media = c->sdp->answer(body);
  if (!media) {
    c->media_error = media.error().message;
    return EPROTO;
  }
  c->remote = *media;
  return 0;
}

void LiveCall::on_progress(const sip_msg* msg, void* arg) {
  LiveCall* c = self(arg);
  c->got_response = true;
  c->response_timer.reset();
  if (msg->scode == 100) return;
  if (const auto body = body_of(msg); !body.empty()) {
    if (auto media = c->sdp->answer(body))
      c->remote = *media;
    else
      spdlog::warn("call {}: early media SDP ignored: {}", c->id, media.error().message);
  }
  c->observer.on_progress(msg->scode);
}

void LiveCall::on_established(const sip_msg* msg, void* arg) {
  LiveCall* c = self(arg);
  if (c->ending) return;
  c->answered = true;
  c->got_response = true;
  c->answer_timer.reset();
  c->response_timer.reset();
  c->end.answered_at = CallEnd::Clock::now();
  c->end.codec = c->remote->codec == Codec::kPcma ? "PCMA" : "PCMU";
  sa_set_str(&c->remote_addr, c->remote->address.c_str(), c->remote->port);
  c->media_filter.expect(media_source(c->remote_addr), media_source(msg->src));
  c->tx.reset(mbuf_alloc(RTP_HEADER_SIZE + kFrame));
  if (!c->options.record_path.empty()) {
    c->recording = c->engine.recorder->open(c->options.record_path);
    c->record_buffer = c->engine.recorder->buffer(kRecordChunk + 2 * kFrame);
  }
  c->inband.emplace([c](char digit) { c->report_digit(digit, KeySource::kInband); });
  c->engine.media_calls.push_back(c->shared_from_this());
  c->observer.on_answered();
}

// Keys as SIP INFO (docs/BEHAVIOUR.md "Keys, hold and session refresh").
void LiveCall::on_info(struct sip* sip, const sip_msg* msg, void* arg) {
  LiveCall* c = self(arg);
  const std::string type =
      msg->ctyp.type.l ? pl_string(msg->ctyp.type) + "/" + pl_string(msg->ctyp.subtype) : "";
  const InfoDtmf info = parse_info_dtmf(type, body_of(msg));
  sip_treply(nullptr, sip, msg, info.status, info.status == 200 ? "OK" : "Unsupported Media Type");
  if (info.key && c->answered) c->report_digit(*info.key, KeySource::kSipInfo);
}

void LiveCall::on_refer(struct sip* sip, const sip_msg* msg, void*) {
  sip_treply(nullptr, sip, msg, 403, "Forbidden");
}

void LiveCall::on_close(int err, const sip_msg* msg, void* arg) {
  LiveCall* c = self(arg);
  if (!c->answered && !msg && c->auth_error.empty() && c->media_error.empty() &&
      c->try_system_resolver(err))
    return;  // redial() goes on, or ends the call
  if (c->answered) {
    c->finish(EndCause::kRemoteBye, 200,
              err == ECONNRESET ? "абонент положил трубку" : std::string(std::strerror(err)));
  } else if (!c->auth_error.empty()) {
    c->finish(EndCause::kFinalResponse, msg ? msg->scode : 401, c->auth_error);
  } else if (!c->media_error.empty()) {
    c->finish(EndCause::kTransportError, msg ? msg->scode : 0, c->media_error);
  } else if (!err && msg && msg->scode >= 300) {
    c->finish(EndCause::kFinalResponse, msg->scode, pl_string(msg->reason));
  } else if (err == ETIMEDOUT) {
    c->finish(EndCause::kNoResponse, 0, "сервер не ответил");
  } else {
    c->finish(EndCause::kTransportError, msg ? msg->scode : 0,
              err ? std::string(std::strerror(err)) : "сеанс закрыт");
  }
}

// ---- media ----

void LiveCall::report_digit(char digit, KeySource source) {
  if (ending || !key_dedup.accept(digit, source, KeyDedup::Clock::now())) return;
  engine.digits_received.fetch_add(1, std::memory_order_relaxed);
  observer.on_digit(digit);
}

void LiveCall::on_rtp(const sa* src, const rtp_header* hdr, mbuf* mb, void* arg) {
  LiveCall* c = self(arg);
  if (!c->answered || c->ending || !c->remote) return;
  if (!c->media_filter.accept(media_source(*src), hdr->ssrc)) return;
  // Symmetric RTP: our media follows the patient's (sip/rtp_source_filter.h).
  if (!sa_cmp(src, &c->remote_addr, SA_ALL) && c->media_filter.send_to() == media_source(*src))
    c->remote_addr = *src;
  const std::span<const std::uint8_t> payload(mbuf_buf(mb), mbuf_get_left(mb));
  if (c->remote->telephone_event_pt && hdr->pt == *c->remote->telephone_event_pt) {
    c->saw_telephone_event = true;
    if (auto digit = c->telephone_events.on_packet(hdr->ts, payload))
      c->report_digit(*digit, KeySource::kTelephoneEvent);
    return;
  }
  if (hdr->pt != 0 && hdr->pt != 8) return;
  c->engine.frames_received.fetch_add(1, std::memory_order_relaxed);
  std::array<std::int16_t, kFrame> pcm;
  for (std::size_t off = 0; off < payload.size() && !c->ending; off += kFrame) {
    const std::size_t n = std::min(kFrame, payload.size() - off);
    for (std::size_t i = 0; i < n; ++i)
      pcm[i] = hdr->pt == 8 ? g711_alaw2pcm(payload[off + i]) : g711_ulaw2pcm(payload[off + i]);
    const std::span<const std::int16_t> samples(pcm.data(), n);
    if (c->recording) c->mixer.push_received(samples);
    // A peer that sends telephone-events also plays the tone in band at times:
    // once it has used RFC 4733, only those count.
    if (!c->saw_telephone_event && c->inband) c->inband->probe(samples);
  }
}

// Hold (docs/BEHAVIOUR.md "Keys, hold and session refresh"): the phrase
// stops where it is and goes on from there once the call is resumed.
void LiveCall::set_held(bool on_hold) {
  if (held == on_hold) return;
  held = on_hold;
  if (!held) first_packet = true;  // a new talkspurt: the marker bit
  if (answered && !ending) observer.on_hold(held);
}

void LiveCall::on_tick() {
  std::array<std::int16_t, kFrame> pcm{};
  std::size_t filled = 0;
  int finished = 0;
  // On hold: the phrase kept, nothing sent, silence on our recorded side.
  while (!held && filled < kFrame && !phrases.empty()) {
    const auto& samples = phrases.front()->samples;
    const std::size_t n = std::min(kFrame - filled, samples.size() - phrase_pos);
    std::copy_n(samples.begin() + static_cast<std::ptrdiff_t>(phrase_pos), n, pcm.begin() + filled);
    filled += n;
    phrase_pos += n;
    if (phrase_pos >= samples.size()) {
      phrases.pop_front();
      phrase_pos = 0;
      ++finished;
    }
  }

  tx->pos = RTP_HEADER_SIZE;
  tx->end = RTP_HEADER_SIZE;
  std::uint8_t* out = tx->buf + RTP_HEADER_SIZE;
  if (remote->codec == Codec::kPcma)
    for (std::size_t i = 0; i < kFrame; ++i) out[i] = g711_pcm2alaw(pcm[i]);
  else
    for (std::size_t i = 0; i < kFrame; ++i) out[i] = g711_pcm2ulaw(pcm[i]);
  tx->end = RTP_HEADER_SIZE + kFrame;
  if (!held && rtp_send(rtp.get(), &remote_addr, false, first_packet, remote->payload_type, rtp_ts,
                        tx.get()) == 0)
    engine.frames_sent.fetch_add(1, std::memory_order_relaxed);
  first_packet = false;
  rtp_ts += kFrame;

  if (recording) {
    mixer.tick(pcm, record_buffer);
    if (record_buffer.size() >= kRecordChunk) {
      engine.recorder->append(*recording, std::move(record_buffer));
      record_buffer = engine.recorder->buffer(kRecordChunk + 2 * kFrame);
    }
  }
  for (int i = 0; i < finished && !ending; ++i) observer.on_playback_finished();
}

// ---- placing calls ----

Result<Call> Engine::place_call(const Account& account, std::string_view to_digits,
                                const CallOptions& options, CallObserver& observer) {
  assert_loop_thread();
  Impl& e = *impl_;
  if (e.stopping) return Error{Errc::kUnavailable, "SIP-движок останавливается"};
  if (e.calls.size() >= static_cast<std::size_t>(e.config.max_calls))
    return Error::limit("достигнут предел одновременных звонков (" +
                        std::to_string(e.config.max_calls) + ")");
  if (auto st = check_transport_supported(account.transport); !st) return st.error();
  auto addresses = call_addresses(account, to_digits);
  if (!addresses) return addresses.error();
  auto announced =
      announced_addresses(effective_public_address(account, e.config.public_address), e.local_ip,
                          e.port.load(), account.transport, addresses->contact_user);
  if (!announced) return announced.error();

  const std::uint64_t id = e.next_call_id++;
  auto call = std::make_shared<LiveCall>(e, id, observer, options);
  if (int err = rtp_listen(out(call->rtp), IPPROTO_UDP, &e.laddr, e.config.rtp_port_min,
                           e.config.rtp_port_max, true, &LiveCall::on_rtp, nullptr, call.get()))
    return Error{Errc::kUnavailable, "не удалось открыть RTP-порт: " + errno_text(err)};
  auto sdp = SdpNegotiator::create(announced->sdp_ip, sa_port(rtp_local(call->rtp.get())));
  if (!sdp) return sdp.error();
  auto offer = sdp->offer();
  if (!offer) return offer.error();
  call->sdp.emplace(std::move(*sdp));
  call->username = account.username;
  call->password = account.password;
  call->realm = expected_realm(account);
  call->addresses = std::move(*addresses);
  call->contact = announced->contact;
  call->server = account.outbound_proxy.empty() ? account.server : account.outbound_proxy;
  call->tcp = account.transport == Transport::kTcp;
  // A next hop the system resolver found before goes straight to its address;
  // otherwise through the outbound proxy, if any (loose routing).
  const auto known = e.system_route(call->server, call->tcp);
  const std::string& route = known.empty() ? call->addresses.route : known;
  if (int err = call->send_invite(*offer, route.empty() ? nullptr : route.c_str()))
    return Error{Errc::kUnavailable,
                 "не удалось отправить INVITE на " + account.server + ": " + errno_text(err)};

  call->end.started = CallEnd::Clock::now();
  LiveCall* raw = call.get();
  call->response_timer = start_timer(options.no_response_timeout, [raw] {
    if (!raw->got_response) raw->finish(EndCause::kNoResponse, 0, "сервер не ответил");
  });
  call->answer_timer = start_timer(options.answer_timeout, [raw] {
    if (raw->got_response)
      raw->finish(EndCause::kAnswerTimeout, 487, "нет ответа абонента, вызов отменён");
    else
      raw->finish(EndCause::kNoResponse, 0, "сервер не ответил");
  });
  e.calls.emplace(id, call);
  e.calls_placed.fetch_add(1, std::memory_order_relaxed);
  e.calls_active.fetch_add(1, std::memory_order_relaxed);
  return Call(call, id);
}

}  // namespace robocall::sip
