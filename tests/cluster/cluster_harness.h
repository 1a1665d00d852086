// Harness of the cluster test and bench/cluster: SIPp patients who count the
// calls they hold (scenarios/cluster_patient.xml), `robocall serve` nodes
// that share one database and one secret key, and what SIPp's log tells.
// One thread uses them.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "sipp_peer.h"

namespace robocall::cluster::testing {

// One call as SIPp saw it.
struct PatientCall {
  std::string phone;  // the dialled number, prefix included
  double start = 0;   // seconds since the epoch, at the INVITE
  double end = 0;     // at the BYE or the give-up; 0 when SIPp lost the call
  int lines = 0;      // calls SIPp held right after this INVITE, this one included
  bool gone = false;  // the caller fell silent (it died) and the patient hung up
};

// SIPp answering every call at once; the patient listens `hold`, presses 1,
// and hangs up after `give_up` of silence when the caller never does.
class Patients {
 public:
  Patients(const std::filesystem::path& dir, sip::testing::PeerPorts ports,
           std::chrono::milliseconds hold, std::chrono::milliseconds give_up);
  ~Patients();
  Patients(const Patients&) = delete;
  Patients& operator=(const Patients&) = delete;

  std::uint16_t port() const { return port_; }
  // Stops SIPp (by its PID) and reads its log, by start time.
  std::vector<PatientCall> stop_and_read();
  std::string log() const;

 private:
  std::filesystem::path log_;
  std::uint16_t port_;
  std::unique_ptr<sip::testing::SippPeer> sipp_;
};

// Parses the START/END lines of the scenario's log.
std::vector<PatientCall> parse_patient_log(const std::string& text);
// The largest number of calls SIPp held at once, by its own count.
int peak_lines(const std::vector<PatientCall>& calls);
// The first number found in two calls at once, or "" (calls SIPp lost are
// left out: they are reported apart).
std::string number_in_two_calls(const std::vector<PatientCall>& calls);

// A secret key file for every node (`--secret-key-file`), mode 0600.
std::filesystem::path write_secret_key(const std::filesystem::path& dir);

// `robocall serve --db <db> --node <name>` with its own data folder and log
// under dir/<name>, the shared key and the shared recordings folder
// dir/recordings, on 127.0.0.1 with free ports.
std::unique_ptr<dialer::testing::ServeProcess> start_node(const std::filesystem::path& dir,
                                                          const std::string& db,
                                                          const std::string& name,
                                                          const std::filesystem::path& key);

}  // namespace robocall::cluster::testing
