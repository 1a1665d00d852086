// Internal to src/sip: the engine's loop-thread state and one live call, the
// only place where libre types meet the project's. Included by engine.cc,
// engine_gate.cc, live_call.cc, call.cc and registration.cc only.
// THREADS: everything here belongs to the loop thread except the members of
// Engine::Impl marked otherwise.
#pragma once

#include <re.h>

#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sip/engine.h"
#include "sip/inband_dtmf.h"
#include "sip/key_dedup.h"
#include "sip/re_handle.h"
#include "sip/recorder.h"
#include "sip/rfc4733.h"
#include "sip/rtp_source_filter.h"
#include "sip/sdp_negotiator.h"
#include "sip/sip_info_dtmf.h"
#include "sip/stereo_mixer.h"
#include "sip/tcp_guard.h"

namespace robocall::sip {

// Engine::assert_loop_thread for the code here: aborts (in builds that check
// threads) unless the caller runs on `engine`'s loop thread, or on any
// engine's loop thread when `engine` is null (a Timer or a Call handle whose
// call has ended does not know its engine).
void assert_on_loop_thread(const Engine::Impl* engine);

struct Timer::State {
  tmr timer;
  std::function<void()> fn;
};

// A libre timer cancelled with its owner. Loop thread only.
struct ReTimer {
  ReTimer() { tmr_init(&timer); }
  ~ReTimer() { tmr_cancel(&timer); }
  ReTimer(const ReTimer&) = delete;
  ReTimer& operator=(const ReTimer&) = delete;
  tmr timer;
};

struct LiveCall : std::enable_shared_from_this<LiveCall> {
  LiveCall(Engine::Impl& engine, std::uint64_t id, CallObserver& observer, CallOptions options);
  ~LiveCall();

  // Loop-thread entry points.
  void on_tick();
  void finish(EndCause cause, std::uint16_t sip_code, std::string reason);
  void finalize();
  void report_digit(char digit, KeySource source);
  void set_held(bool on_hold);
  // resolver_fallback.cc: the INVITE (through `route` when set), and the
  // retry through the system resolver when DNS found nothing.
  int send_invite(const std::string& offer, const char* route);
  bool try_system_resolver(int err);
  void redial(const std::optional<std::string>& ip, int first_err);

  // libre handlers (arg is the LiveCall).
  static int on_auth(char** user, char** pass, const char* realm, void* arg);
  static int on_offer(mbuf** descp, const sip_msg* msg, void* arg);
  static int on_answer(const sip_msg* msg, void* arg);
  static void on_progress(const sip_msg* msg, void* arg);
  static void on_established(const sip_msg* msg, void* arg);
  static void on_info(struct sip* sip, const sip_msg* msg, void* arg);
  static void on_refer(struct sip* sip, const sip_msg* msg, void* arg);
  static void on_close(int err, const sip_msg* msg, void* arg);
  static void on_rtp(const sa* src, const rtp_header* hdr, mbuf* mb, void* arg);

  Engine::Impl& engine;
  const std::uint64_t id;
  CallObserver& observer;
  const CallOptions options;
  std::optional<SdpNegotiator> sdp;  // set before the INVITE goes out

  std::string username;
  std::string password;
  std::string realm;       // the only realm our credentials answer (expected_realm)
  std::string auth_error;  // set when a challenge asked for another realm
  std::string call_id;     // our dialog's Call-ID, the engine's key for requests
  CallAddresses addresses;
  std::string contact;  // our Contact: its user part, or the whole URI behind NAT (sip/nat.h)
  // The next hop's host[:port]: the outbound proxy when the account has one,
  // else the trunk; the system resolver is asked for it when DNS is not.
  std::string server;
  bool tcp = false;
  bool system_resolver_tried = false;  // system_resolver.h
  std::uint32_t refresh_cseq = 0;      // the last re-INVITE session_refresh.cc answered
  ReHandle<mbuf> refresh_reply;        // and its 200, sent again until its ACK (session_refresh.cc)
  sa refresh_to{};
  sip_transp refresh_tp = SIP_TRANSP_UDP;
  ReTimer refresh_timer;
  std::chrono::milliseconds refresh_interval{0};
  std::chrono::milliseconds refresh_elapsed{0};
  std::unordered_set<std::string> forks_ended;  // To-tags of extra answers hung up

  std::optional<RemoteMedia> remote;
  sa remote_addr{};
  RtpSourceFilter media_filter;  // docs/SECURITY.md "RTP"
  bool got_response = false;
  bool answered = false;
  bool ending = false;
  bool held = false;  // the peer put the call on hold: the phrase waits
  std::string media_error;
  Timer answer_timer;
  Timer response_timer;
  CallEnd end;

  std::deque<std::shared_ptr<const audio::Pcm>> phrases;
  std::size_t phrase_pos = 0;
  std::uint32_t rtp_ts = 0;
  bool first_packet = true;

  TelephoneEventReceiver telephone_events;
  bool saw_telephone_event = false;
  std::optional<InbandDtmf> inband;
  KeyDedup key_dedup;

  StereoFrameMixer mixer;
  std::optional<Recorder::Id> recording;
  std::vector<std::int16_t> record_buffer;

  // libre objects, declared last so that they go first, in the order
  // finalize() releases them: the session (BYE or CANCEL as its state needs),
  // then the RTP socket, then the send buffer.
  ReHandle<mbuf> tx;
  ReHandle<struct rtp_sock> rtp;
  ReHandle<sipsess> sess;
};

// The accounts' registrations (registration.cc): loop thread, except the
// status map behind its own mutex.
struct Registrations;
void stop_registrations(Engine::Impl& engine);  // un-REGISTERs all, before close_sip

struct Engine::Impl {
  explicit Impl(const EngineConfig& c) : config(c) {}

  void run(std::function<void(Status)> started);
  Status setup();
  void teardown();
  void begin_stop();
  void close_sip();
  void schedule_tick();
  void post_internal(std::function<void()> fn);
  void record_lateness(std::chrono::nanoseconds late);
  // The route to a trunk only the system resolver knows, from an earlier
  // call; empty when none is known (resolver_fallback.cc).
  std::string system_route(const std::string& server, bool tcp);

  static void on_mqueue(int id, void* data, void* arg);
  static void on_tick(int flags, void* arg);
  static void on_exit(void* arg);
  static void on_stop_timeout(void* arg);
  static void on_incoming(const sip_msg* msg, void* arg);
  static bool on_request(const sip_msg* msg, void* arg);
  static bool on_refresh(const sip_msg* msg, void* arg);   // session_refresh.cc
  static bool on_response(const sip_msg* msg, void* arg);  // fork_answers.cc
  static void on_sweep(void* arg);

  const EngineConfig config;
  std::thread thread;
  std::atomic<std::uint16_t> port{0};

  // Loop thread only. Released by teardown() in this order: sock, sip, mq,
  // dns. close_sip() hands our reference to the SIP stack to libre's closing
  // protocol: the stack holds it until its transactions are over, then gives
  // it back through on_exit; until then `sip` points without owning.
  ReHandle<sipsess_sock> sock;
  // The listener that drops requests outside our calls (on_request); libre
  // clears it if the stack goes first, so it is not a ReHandle.
  sip_lsnr* gate = nullptr;
  sip_lsnr* refresh = nullptr;    // session refreshes (on_refresh), the same way
  sip_lsnr* responses = nullptr;  // extra answers of a forked INVITE (on_response)
  std::unique_ptr<TcpGuard> tcp_guard;
  ReHandle<struct sip> sip;
  ReHandle<dnsc> dns;
  ReHandle<mqueue> mq;
  // The media tick's timer: a timerfd at the absolute next_tick, not a libre
  // timer (those wake on whole milliseconds, and each restart walks libre's
  // list of every call's timers).
  int tick_fd = -1;
  tmr stop_timer{};
  tmr sweep_timer{};
  sa laddr{};
  std::string local_ip;
  bool exited = false;
  bool stopping = false;
  std::uint64_t next_call_id = 1;
  std::unordered_map<std::uint64_t, std::shared_ptr<LiveCall>> calls;
  std::unordered_map<std::string, std::uint64_t> dialogs;  // Call-ID -> call id
  std::vector<std::shared_ptr<LiveCall>> media_calls;
  std::chrono::steady_clock::time_point next_tick;
  std::unique_ptr<Recorder> recorder;
  struct SystemHost {
    std::string ip;
    std::chrono::steady_clock::time_point found;
  };
  std::unordered_map<std::string, SystemHost> system_hosts;  // host -> address
  std::vector<std::future<void>> lookups;                    // getaddrinfo off the loop thread
  std::shared_ptr<Registrations> registrations;              // made by the first set_registration

  // Posted closures: guarded by post_mu.
  std::mutex post_mu;
  std::deque<std::function<void()>> posted;
  bool accepting = false;

  // Statistics: written on the loop thread, read by stats() from any thread.
  static constexpr std::size_t kBucketMicros = 10;
  static constexpr std::size_t kBuckets = 10000;  // 0..100 ms
  mutable std::mutex stats_mu;
  std::array<std::uint64_t, kBuckets> lateness{};  // guarded by stats_mu
  std::uint64_t ticks = 0;                         // guarded by stats_mu
  std::chrono::nanoseconds lateness_max{0};        // guarded by stats_mu
  std::chrono::nanoseconds lateness_sum{0};        // guarded by stats_mu
  std::atomic<std::uint64_t> frames_sent{0};
  std::atomic<std::uint64_t> frames_received{0};
  std::atomic<std::uint64_t> digits_received{0};
  std::atomic<std::uint64_t> calls_placed{0};
  std::atomic<std::uint64_t> calls_active{0};
  std::atomic<std::uint64_t> rtp_dropped{0};
  std::atomic<std::uint64_t> sip_dropped{0};
  std::atomic<std::uint64_t> tcp_refused{0};  // copied from tcp_guard by on_sweep
};

}  // namespace robocall::sip
