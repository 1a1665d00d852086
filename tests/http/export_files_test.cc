// The export and the example workbook are written to <data-dir>/exports and
// sent from disk; the folder is empty again on every path (docs/SECURITY.md
// "Exports"): a download that completes, a refused request, a client that
// leaves mid-download, a server stopped mid-download, and files a crash
// left behind. Raw sockets on 127.0.0.1, bounded in bytes and time.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "api_fixture.h"
#include "domain/local_time.h"
#include "store/tasks_repo.h"

namespace robocall::http::testing {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

std::size_t files_in(const std::filesystem::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir, ec)) ++n;
  return n;
}

// A socket that sends one request and then reads only what the test asks.
class Download {
 public:
  Download(int port, const std::string& request) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int small = 4096;  // the server cannot push the whole file at once
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
      ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
    }
  }
  ~Download() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Up to n bytes, waiting at most 3 s for the first.
  std::string read_some(std::size_t n) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 3000) <= 0) return "";
    std::string out(n, '\0');
    auto got = ::recv(fd_, out.data(), n, 0);
    out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return out;
  }

 private:
  int fd_ = -1;
};

class ExportFiles : public ApiTest {
 protected:
  void configure(ServerOptions& o) override {
    // What a crash mid-export leaves behind.
    std::filesystem::create_directories(o.data_dir / "exports");
    std::ofstream(o.data_dir / "exports" / "export-left-by-a-crash.xlsx") << "PK";
    std::ofstream(o.data_dir / "exports" / ".export-x.xlsx.1.tmp") << "PK";
  }

  void SetUp() override {
    ApiTest::SetUp();
    // Enough rows that the workbook outgrows the socket buffers.
    static constexpr std::string_view kLetters[] = {"а", "б", "в", "г", "д", "е", "ж", "з",
                                                    "и", "к", "л", "м", "н", "о", "п", "р"};
    std::uint32_t seed = 1;
    std::vector<domain::Task> tasks;
    const auto at = floor<seconds>(system_clock::now()) + days(3);
    for (int i = 0; i < 3000; ++i) {
      domain::Task t;
      t.phone = std::to_string(9160000000LL + i);
      t.full_name = "Пациент ";
      for (int k = 0; k < 100; ++k) {  // letters that do not compress away
        seed = seed * 1664525u + 1013904223u;
        t.full_name += kLetters[seed >> 28];
      }
      t.appointment = at + minutes(i);
      t.birth_date = 1980y / March / 4;
      tasks.push_back(std::move(t));
    }
    auto inserted = store::TasksRepo(db()).insert(tasks, std::nullopt, at - days(3));
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
    const auto day = year_month_day(floor<days>(domain::to_local(at)));
    const auto last = year_month_day(sys_days(day) + days(5));
    period_ = "from=" + iso(day) + "&to=" + iso(last);
  }

  static std::string iso(year_month_day d) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return text;
  }

  std::string export_request(const Browser& b) const {
    return "GET /api/tasks/export?" + period_ + " HTTP/1.1\r\nHost: x\r\nCookie: " + b.cookie +
           "\r\n\r\n";
  }

  std::filesystem::path exports() const { return data_dir() / "exports"; }

  std::string period_;
};

TEST_F(ExportFiles, a_completed_download_and_the_example_leave_the_folder_empty) {
  EXPECT_EQ(files_in(exports()), 0u) << "the files a crash left were not removed at start";
  auto b = login();
  auto res = get(b, "/api/tasks/export?" + period_);
  ASSERT_TRUE(res) << res.error();
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(res->body.starts_with("PK"));
  EXPECT_GT(res->body.size(), 50'000u);
  EXPECT_EQ(files_in(exports()), 0u);
  auto example = get(b, "/api/imports/example.xlsx");
  ASSERT_TRUE(example);
  EXPECT_EQ(example->status, 200);
  EXPECT_TRUE(example->body.starts_with("PK"));
  EXPECT_EQ(files_in(exports()), 0u);
}

TEST_F(ExportFiles, a_refused_export_leaves_the_folder_empty) {
  auto b = login();
  auto res = get(b, "/api/tasks/export?from=2026-13-01&to=2026-01-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(files_in(exports()), 0u);
}

TEST_F(ExportFiles, a_client_that_leaves_mid_download_leaves_the_folder_empty) {
  auto b = login();
  {
    Download d(port(), export_request(b));
    EXPECT_TRUE(d.read_some(1024).starts_with("HTTP/1.1 200"));
    EXPECT_EQ(files_in(exports()), 0u) << "the file is still named while it is sent";
  }
  auto after = get(b, "/api/me");  // the server goes on
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(files_in(exports()), 0u);
}

TEST_F(ExportFiles, a_server_stopped_mid_download_leaves_the_folder_empty) {
  auto b = login();
  Download d(port(), export_request(b));
  EXPECT_TRUE(d.read_some(1024).starts_with("HTTP/1.1 200"));
  ApiTest::TearDown();  // stops the server while the download waits
  EXPECT_EQ(files_in(exports()), 0u);
}

}  // namespace
}  // namespace robocall::http::testing
