// Hostile clients against the real server on 127.0.0.1 (docs/SECURITY.md
// "HTTP limits"): bodies over the limit, compressed bodies, endless headers,
// many ranges, slow sockets. Every attack is bounded in bytes and seconds and
// ends by itself; raw sockets, since a well-behaved client cannot misbehave.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "api_fixture.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// A client socket from a chosen loopback address (127.0.0.<host>): the
// per-address cap counts addresses, so attackers and the honest client differ.
class RawClient {
 public:
  RawClient(int port, int host = 1) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    from.sin_addr.s_addr = htonl((127u << 24) | static_cast<unsigned>(host));
    ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(RawClient&& o) noexcept : fd_(std::exchange(o.fd_, -1)), connected_(o.connected_) {}
  RawClient& operator=(RawClient&&) = delete;

  bool connected() const { return connected_; }

  // False once the server has closed or reset the connection.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && errno == EAGAIN) {
        if (readable(100ms)) return true;  // the server answered: stop sending
        continue;
      }
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  bool readable(std::chrono::milliseconds wait) const {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
  }

  // Everything the server sends until it closes or `wait` passes without a byte.
  std::string read_all(std::chrono::milliseconds wait = 3000ms) {
    std::string out;
    char buf[16384];
    while (readable(wait)) {
      auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

  // True when the server has ended the connection (EOF or reset) within `wait`.
  bool closed_by_server(std::chrono::milliseconds wait) {
    const auto end = SteadyClock::now() + wait;
    char buf[4096];
    while (SteadyClock::now() < end) {
      if (!readable(
              std::chrono::duration_cast<std::chrono::milliseconds>(end - SteadyClock::now())))
        return false;
      auto n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN)) return true;
    }
    return false;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

int status_of(const std::string& response) {
  if (!response.starts_with("HTTP/1.")) return 0;
  return std::atoi(response.c_str() + 9);
}

std::string body_of(const std::string& response) {
  auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

class Attacks : public ApiTest {
 protected:
  void configure(ServerOptions& o) override {
    o.header_timeout = 3s;  // short, so the slow sockets are seen to be cut
  }

  // One honest request's time: a GET of the OpenAPI document from 127.0.0.1.
  std::chrono::milliseconds honest_request_time() {
    const auto start = SteadyClock::now();
    auto res = client().Get("/api/openapi.yaml");
    EXPECT_TRUE(res);
    if (res) {
      EXPECT_EQ(res->status, 200);
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
  }
};

TEST_F(Attacks, a_chunked_login_body_is_refused_at_its_limit_before_it_ends) {
  RawClient c(port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(
      c.send("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "400\r\n" + std::string(1024, ' ') + "\r\n";  // 1 KiB
  std::size_t sent = 0;
  // Up to 8 MiB, never the last chunk: the answer must come while sending.
  while (sent < 8 * 1024 * 1024 && !c.readable(0ms) && c.send(chunk)) sent += 1024;
  auto response = c.read_all();
  EXPECT_EQ(status_of(response), 413) << response.substr(0, 200);
  EXPECT_LT(sent, 4u * 1024 * 1024) << "the server kept reading past the 16 KiB limit";
  EXPECT_NE(body_of(response).find("payload_too_large"), std::string::npos);
}

TEST_F(Attacks, a_declared_body_over_the_limit_is_refused_without_reading_it) {
  for (std::string path : {"/api/login", "/api/v1/tasks", "/api/imports"}) {
    RawClient c(port());
    ASSERT_TRUE(
        c.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000\r\n\r\n"));
    auto response = c.read_all();
    EXPECT_EQ(status_of(response), 413) << path;
  }
}

TEST_F(Attacks, an_unauthenticated_body_is_refused_before_it_is_read) {
  RawClient c(port());
  ASSERT_TRUE(
      c.send("POST /api/imports HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
             "Content-Type: multipart/form-data; boundary=b\r\n\r\n"));
  // No byte of body sent: the answer comes from the headers alone.
  auto response = c.read_all();
  EXPECT_EQ(status_of(response), 401) << response.substr(0, 200);
  EXPECT_TRUE(c.closed_by_server(2000ms));
}

TEST_F(Attacks, a_compressed_body_is_415_and_never_inflated) {
  const std::string gzip_magic("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  for (std::string encoding : {"Content-Encoding: gzip", "Content-Encoding: deflate",
                               "Transfer-Encoding: gzip, chunked"}) {
    RawClient c(port());
    ASSERT_TRUE(c.send("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                       encoding + "\r\nContent-Length: 10\r\n\r\n" + gzip_magic));
    auto response = c.read_all();
    EXPECT_EQ(status_of(response), 415) << encoding << "\n" << response.substr(0, 200);
  }
}

TEST_F(Attacks, a_header_line_without_an_end_is_cut_at_the_limit) {
  RawClient c(port());
  ASSERT_TRUE(c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Endless: "));
  const std::string piece(8192, 'a');
  std::size_t sent = 0;
  while (sent < 16 * 1024 * 1024 && !c.readable(0ms) && c.send(piece)) sent += piece.size();
  auto response = c.read_all();
  EXPECT_LT(sent, 8u * 1024 * 1024) << "the server kept buffering the header line";
  // libmicrohttpd answers 431 (or closes) once the line outgrows its memory.
  if (!response.empty()) {
    EXPECT_GE(status_of(response), 400) << response.substr(0, 200);
  }
  EXPECT_LT(honest_request_time(), 1000ms);
}

TEST_F(Attacks, many_ranges_get_the_file_once_never_an_amplified_response) {
  const std::string content(44 * 1024, 'x');
  std::ofstream(web_dir() / "assets" / "big-0a1b2c.js") << content;
  std::string ranges = "bytes=0-0";
  while (ranges.size() < 3000) ranges += ",0-" + std::to_string(ranges.size() % 44000);
  RawClient c(port());
  ASSERT_TRUE(c.send(
      "GET /assets/big-0a1b2c.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\nRange: " + ranges +
      "\r\n\r\n"));
  auto response = c.read_all();
  EXPECT_EQ(status_of(response), 200);
  EXPECT_EQ(body_of(response).size(), content.size());
}

TEST_F(Attacks, one_range_is_served_and_a_range_outside_the_file_is_416) {
  std::ofstream(web_dir() / "assets" / "digits-0a1b2c.js") << "0123456789";
  struct Case {
    std::string range;
    int status;
    std::string body;
  };
  for (const auto& [range, status, body] : std::vector<Case>{{"bytes=2-4", 206, "234"},
                                                             {"bytes=7-", 206, "789"},
                                                             {"bytes=-2", 206, "89"},
                                                             {"bytes=10-12", 416, ""}}) {
    RawClient c(port());
    ASSERT_TRUE(
        c.send("GET /assets/digits-0a1b2c.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Range: " +
               range + "\r\n\r\n"));
    auto response = c.read_all();
    EXPECT_EQ(status_of(response), status) << range;
    if (status == 206) {
      EXPECT_EQ(body_of(response), body) << range;
    }
  }
}

TEST_F(Attacks, two_hundred_slow_sockets_neither_stop_the_service_nor_outlive_their_deadline) {
  // 200 sockets from ten addresses (20 each, under the per-address cap), each
  // sending one header byte every second; the header deadline is 3 s here.
  std::vector<RawClient> slow;
  for (int i = 0; i < 200; ++i) {
    slow.emplace_back(port(), 2 + i % 10);
    ASSERT_TRUE(slow.back().connected()) << i;
    slow.back().send("GET /api/openapi.yaml HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  }
  std::chrono::milliseconds worst{0};
  const auto start = SteadyClock::now();
  while (SteadyClock::now() - start < 2500ms) {
    for (auto& s : slow) s.send("a");
    worst = std::max(worst, honest_request_time());
    std::this_thread::sleep_for(500ms);
  }
  EXPECT_LT(worst, 1000ms) << "an honest request waited behind the slow sockets";
  std::size_t closed = 0;
  for (auto& s : slow) closed += s.closed_by_server(closed == 0 ? 5000ms : 500ms) ? 1 : 0;
  EXPECT_EQ(closed, slow.size()) << "slow sockets outlived the header deadline";
  EXPECT_LT(honest_request_time(), 1000ms);
}

TEST_F(Attacks, one_address_gets_at_most_its_share_of_connections) {
  // 80 idle sockets from one address: the cap (64) refuses the rest at once.
  std::vector<RawClient> many;
  for (int i = 0; i < 80; ++i) many.emplace_back(port(), 20);
  std::size_t refused = 0;
  for (auto& s : many) refused += s.closed_by_server(100ms) ? 1 : 0;
  EXPECT_GE(refused, 16u);
  EXPECT_LT(honest_request_time(), 1000ms);  // another address is served
}

}  // namespace
}  // namespace robocall::http::testing
