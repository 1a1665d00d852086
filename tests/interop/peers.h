// Third-party SIP peers of the interop suite, each a child process on
// 127.0.0.1 with its files in the test's folder, stopped by its PID:
// kamailio as the provider (tests/interop/kamailio.cfg) and linphonec as a
// patient's phone, driven by typing on its standard input. One test thread
// uses them.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace robocall::interop {

struct ProviderOptions {
  std::string user = "clinic";   // the clinic's account, password "secret"
  bool proxy_challenge = true;   // 407 (Proxy-Authenticate) or 401 (WWW-Authenticate)
  bool qop = true;               // qop=auth in the challenge
  bool registered_only = false;  // the account's calls need its registration
};

class Kamailio {
 public:
  // Writes the configuration into dir, starts kamailio in the foreground and
  // waits (at most 10 s) until its UDP port is bound. Throws on failure.
  Kamailio(const std::filesystem::path& dir, const ProviderOptions& options);
  ~Kamailio();
  Kamailio(const Kamailio&) = delete;
  Kamailio& operator=(const Kamailio&) = delete;

  std::uint16_t port() const { return port_; }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string log() const;
  // Waits until `text` is on at least `count` lines of its log.
  bool wait_log(const std::string& text, int count, std::chrono::seconds limit) const;

 private:
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

enum class KeyMode { kRfc4733, kInBand, kSipInfo };

// A SIP request a phone received, and the port it came from.
struct Received {
  std::string method;
  std::uint16_t from_port = 0;
};

class Linphone {
 public:
  // Starts linphonec with its own configuration and home in dir/name,
  // auto-answering, its sound card replaced by files, and waits (at most
  // 15 s) until kamailio registered `number` once more. Throws on failure.
  Linphone(const std::filesystem::path& dir, const std::string& name, const Kamailio& provider,
           const std::string& number, KeyMode keys);
  ~Linphone();
  Linphone(const Linphone&) = delete;
  Linphone& operator=(const Linphone&) = delete;

  // Types one line on its standard input (a digit in a call sends the key).
  void type(const std::string& line);
  // Waits until its console printed `text` on `count` lines.
  bool wait_output(const std::string& text, std::chrono::seconds limit, int count = 1) const;
  std::string output() const;
  // Everything it logged, for failure messages.
  std::string report() const;
  // The SIP requests it received, in order, read from its log.
  std::vector<Received> received() const;
  // Waits until it received a request of `method`.
  bool wait_received(const std::string& method, std::chrono::seconds limit) const;

 private:
  void quit();

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int stdin_ = -1;
};

// `robocall call` placed through the provider as the clinic's account (user
// "clinic", password "secret" from an owner-only file), run in a thread.
struct CallResult {
  int status = -1;      // its exit status, -1 past two minutes
  nlohmann::json json;  // its JSON line, null when it printed none
  std::string output;
};
std::future<CallResult> call_through(const std::filesystem::path& dir, const Kamailio& provider,
                                     const std::string& number,
                                     const std::vector<std::string>& extra = {});

// Waits until pred() holds, polling; false after the limit.
template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace robocall::interop
