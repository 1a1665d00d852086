// A client that takes a response too slowly is cut (docs/SECURITY.md "HTTP
// limits"): reading a recording at a few bytes a second, it holds the
// connection no longer than the send window, while other requests go on.
// Raw socket on 127.0.0.1 with a small receive buffer; bounded (16 s).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "api_fixture.h"
#include "store/attempts_repo.h"
#include "store/tasks_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kRecordingBytes = 8 * 1024 * 1024;

class SlowReader : public ApiTest {
 protected:
  void configure(ServerOptions& o) override {
    o.send_window = 2s;
    o.min_send_rate = 1024;
  }

  void SetUp() override {
    ApiTest::SetUp();
    const auto now = floor<seconds>(system_clock::now());
    domain::Task t;
    t.phone = "9161234567";
    t.full_name = "Борисов Борис Борисович";
    t.appointment = now + days(2);
    t.birth_date = 1980y / March / 4;
    ASSERT_TRUE(store::TasksRepo(db()).insert(std::vector{t}, std::nullopt, now - hours(1)).ok());
    auto claims = store::AttemptsRepo(db()).claim_due(now, 1);
    ASSERT_TRUE(claims.ok() && claims->size() == 1);
    std::filesystem::create_directories(data_dir() / "recordings");
    const auto file = data_dir() / "recordings" / "call.wav";
    std::ofstream(file, std::ios::binary) << std::string(kRecordingBytes, 'r');
    store::AttemptResult r;
    r.attempt_id = claims->front().attempt.id;
    r.outcome = domain::CallOutcome::kConfirmed;
    r.ended = now;
    r.answered = now;
    r.recording = file.string();
    r.task = {domain::TaskState::kConfirmed, 1, std::nullopt};
    ASSERT_TRUE(store::AttemptsRepo(db()).finish(r).ok());
    attempt_ = r.attempt_id;
  }

  std::int64_t attempt_ = 0;
};

TEST_F(SlowReader, a_client_reading_a_recording_at_a_few_bytes_a_second_is_cut) {
  auto b = login();
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int small = 4096;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port()));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
  const std::string request = "GET /api/recordings/" + std::to_string(attempt_) +
                              " HTTP/1.1\r\nHost: x\r\nCookie: " + b.cookie + "\r\n\r\n";
  ASSERT_GT(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), 0);

  // 16 bytes every half second (32 B/s) for 6 s, three send windows; the
  // honest client is served meanwhile.
  std::size_t got = 0;
  char buf[65536];
  const auto start = SteadyClock::now();
  while (SteadyClock::now() - start < 6s) {
    auto n = ::recv(fd, buf, 16, MSG_DONTWAIT);
    if (n > 0) got += static_cast<std::size_t>(n);
    auto me = get(b, "/api/me");
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200);
    std::this_thread::sleep_for(500ms);
  }
  // Then the rest as fast as it comes: a cut connection ends (reset or
  // end of stream) long before the 8 MiB.
  bool ended = false;
  pollfd p{fd, POLLIN, 0};
  while (!ended && got < kRecordingBytes + 1024 && ::poll(&p, 1, 3000) > 0) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      ended = true;
    } else {
      got += static_cast<std::size_t>(n);
    }
  }
  ::close(fd);
  EXPECT_TRUE(ended) << "the slow reader was never cut";
  EXPECT_LT(got, kRecordingBytes) << "the slow reader got the whole recording";
  auto after = get(b, "/api/me");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

}  // namespace
}  // namespace robocall::http::testing
