// SippPeer: one SIPp process acting as the far end of a test call, on
// 127.0.0.1 with its own SIP and media ports. The scenario XML is read from
// tests/sip/scenarios, its @NAME@ tokens replaced, and written to a private
// temporary folder. The destructor kills SIPp if it is still running.
// Also used by bench/calls.
// Used by one test thread at a time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace robocall::sip::testing {

struct SippOptions {
  SippOptions(std::string scenario_file, std::map<std::string, std::string> scenario_tokens,
              std::uint16_t sip, std::uint16_t media)
      : scenario(std::move(scenario_file)),
        tokens(std::move(scenario_tokens)),
        sip_port(sip),
        media_port(media) {}

  std::string scenario;  // file name in tests/sip/scenarios, or an absolute path
  std::map<std::string, std::string> tokens;  // @KEY@ -> value
  std::uint16_t sip_port = 0;
  std::uint16_t media_port = 0;
  int calls = 1;  // -m
  bool rtp_echo = false;
  std::vector<std::string> extra_args;
};

class SippPeer {
 public:
  // Starts SIPp and waits (at most 5 s) until its SIP port is bound.
  // Throws std::runtime_error when SIPp cannot be started.
  explicit SippPeer(SippOptions options);
  ~SippPeer();
  SippPeer(const SippPeer&) = delete;
  SippPeer& operator=(const SippPeer&) = delete;

  // Waits for SIPp to exit by itself; its exit status (0: every call went
  // through the scenario), or nullopt after the timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  // SIPp's own output, for failure messages.
  std::string log() const;
  const std::filesystem::path& dir() const { return dir_; }
  pid_t pid() const { return pid_; }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

// A fresh temporary folder for one test (removed by the caller if wanted).
std::filesystem::path make_temp_dir(const std::string& prefix);

// Is a socket of `type` (SOCK_DGRAM, SOCK_STREAM) bound to 127.0.0.1:port?
bool port_taken(int type, std::uint16_t port);

// Ports for a SIPp peer started by a test that cannot own a fixed slot (the
// dialer's and the HTTP tests): a free UDP port for SIP, and a media base
// whose four ports (audio, video and their RTCP, all SIPp binds) are free and
// clear of the SIP port. Both even, below 60000, from the kernel's ephemeral
// range, so they never meet the SIP tests' fixed slots (sip_call_fixture.h).
struct PeerPorts {
  std::uint16_t sip;
  std::uint16_t media;
};
PeerPorts free_peer_ports();

// Writes a pcap of RTP packets (payload type pt, 20 ms apart, 160 bytes each)
// carrying the given 8 kHz samples as G.711 A-law (pt 8) or µ-law (pt 0),
// from 127.0.0.1:9000 to 127.0.0.1:9002, for SIPp's play_pcap_audio.
void write_g711_pcap(const std::filesystem::path& path, const std::vector<std::int16_t>& samples,
                     std::uint8_t pt);

// A whole file as text (a peer's log, a scenario); empty when unreadable.
std::string read_all(const std::filesystem::path& p);

}  // namespace robocall::sip::testing
