// Test harness of the dialer's integration tests: a SIPp peer playing every
// patient behaviour (scenarios/dialer_peer.xml) with its call log, a
// `robocall serve` child process, and helpers that prepare the SQLite file
// the way an administrator would. One test thread uses them.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/task.h"
#include "sipp_peer.h"
#include "store/attempts_repo.h"
#include "store/connection.h"

namespace robocall::dialer::testing {

// Behaviours of the peer: the first digit of the dialled number.
enum class Patient : char {
  kPresses1 = '1',
  kPresses2 = '2',
  kSilent = '3',
  kBusy = '4',
  kNoAnswer = '5',
  kUnavailable = '6',
  kOverloaded = '7',
  kForbidden = '8',
};

// A ten-digit number that makes the peer behave as `p`; n tells patients apart.
std::string phone_of(Patient p, int n);

std::filesystem::path make_temp_dir();

// One call as the peer saw it: from the INVITE to the BYE/CANCEL/final answer.
struct PeerCall {
  std::string phone;
  double start = 0;  // seconds since the epoch
  double end = 0;    // 0 when the call never ended (its caller was killed)
};

class SippPeer {
 public:
  // Starts SIPp on 127.0.0.1:ports.sip (media from ports.media) playing
  // scenarios/<scenario>; key_delay is how long a patient who presses a key
  // listens first. Throws on failure.
  SippPeer(const std::filesystem::path& dir, sip::testing::PeerPorts ports,
           std::chrono::milliseconds key_delay, const std::string& scenario = "dialer_peer.xml");
  ~SippPeer();
  SippPeer(const SippPeer&) = delete;
  SippPeer& operator=(const SippPeer&) = delete;

  // Stops SIPp (if running) and reads its call log, by start time.
  std::vector<PeerCall> stop_and_read();
  std::uint16_t port() const { return port_; }

 private:
  std::filesystem::path log_;
  std::uint16_t port_;
  pid_t pid_ = -1;
};

// `robocall serve` as a child process with its output in <dir>/serve-N.log;
// `extra` is appended to its command line.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& dir, const std::filesystem::path& db,
               const std::vector<std::string>& extra = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  void kill9();
  // SIGTERM and wait; the exit status, or -1 when it had to be killed.
  int terminate(std::chrono::seconds limit);
  std::string log() const;
  // Waits for the process to exit by itself: its status, or -1 after the limit.
  int wait_exit(std::chrono::seconds limit);

 private:
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

// Runs `robocall <args>` to its end (at most `limit`) with its output in
// <dir>/command-N.log: the exit status (-1 past the limit), the output in `output`.
int run_robocall(const std::filesystem::path& dir, const std::vector<std::string>& args,
                 std::string& output, std::chrono::seconds limit = std::chrono::seconds(120));

// The largest number of calls in progress at once at the peer (calls that
// never ended are left out: a killed caller cannot hang up).
int max_simultaneous(const std::vector<PeerCall>& calls);
// The largest number of call starts inside any window of `window` seconds.
int max_starts_within(const std::vector<PeerCall>& calls, double window);

// Sets this process's TZ (inherited by the robocall processes it starts) to
// a fixed UTC offset under which the local time is now between 11:30 and
// 12:30, so that a test's working window of up to 11 hours from now never
// crosses local midnight, whenever the test runs.
void pin_local_time_to_midday();

// Database preparation.
store::Connection open_db(const std::filesystem::path& path);
void add_account(store::Connection& db, std::uint16_t peer_port);
// Every weekday working from local midnight until `window_end` (local time of
// day, HH:MM:SS), today's date made an explicit working day; short phrases.
void set_schedule_until(store::Connection& db, domain::Instant window_end);
void set_robocall(store::Connection& db, const std::string& json);
std::int64_t add_task(store::Connection& db, const std::string& phone, domain::Instant appointment,
                      domain::Instant next_attempt);
domain::Instant now();

}  // namespace robocall::dialer::testing
