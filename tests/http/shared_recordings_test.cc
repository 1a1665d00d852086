// docs/DESIGN.md "Recordings on several nodes": two servers over one
// database and one recordings folder (the share), each with its own data
// folder. A recording node A's dialer wrote (its day folder, stored relative
// to the share) plays through node B; an older row's absolute path into
// node A's data folder still plays once its file is moved onto the share.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <thread>

#include "api_fixture.h"
#include "dialer/recordings.h"
#include "store/attempts_repo.h"
#include "store/recording_file.h"
#include "store/tasks_repo.h"

namespace robocall::http::testing {
namespace {

class SharedRecordings : public ApiTest {
 protected:
  void configure(ServerOptions& o) override { o.recordings_dir = share_.path(); }

  void TearDown() override {
    if (node_b_) node_b_->stop();
    if (node_b_thread_.joinable()) node_b_thread_.join();
    ApiTest::TearDown();
  }

  // Node B: the same database and share, its own data folder.
  void start_node_b() {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.db_path = db().path();
    o.data_dir = node_b_data_.path();
    o.recordings_dir = share_.path();
    o.threads = 2;
    node_b_ = std::make_unique<Server>(std::move(o));
    auto bound = node_b_->bind();
    ASSERT_TRUE(bound.ok()) << bound.error().message;
    node_b_thread_ = std::thread([this] { node_b_->run(); });
  }

  // The browser's GET through node B, with the session made on node A.
  httpc::Result get_b(const Browser& b, const std::string& path) {
    httpc::Client c("127.0.0.1", node_b_->port());
    c.set_read_timeout(std::chrono::seconds(30));
    return c.Get(path, headers(b, false));
  }

  // One answered call with its recording `stored` as attempts.recording.
  std::int64_t answered_call(const std::function<std::string(const store::Claim&)>& write) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    domain::Task t;
    t.phone = "916" + std::to_string(1000000 + ++calls_);
    t.full_name = "Пациент";
    t.appointment = now + std::chrono::days(2);
    t.birth_date = std::chrono::year{1980} / 1 / 1;
    t.next_attempt = now - std::chrono::minutes(1);
    const std::vector<domain::Task> one{t};
    EXPECT_TRUE(store::TasksRepo(db()).insert(one, std::nullopt, now).ok());
    auto claims = store::AttemptsRepo(db()).claim_due(now, 1);
    EXPECT_TRUE(claims.ok() && claims->size() == 1u);
    const auto& claim = claims->at(0);
    store::AttemptResult r;
    r.attempt_id = claim.attempt.id;
    r.outcome = domain::CallOutcome::kConfirmed;
    r.sip_code = 200;
    r.answered = r.ended = now;
    r.recording = write(claim);
    r.task = {domain::TaskState::kConfirmed, 1, std::nullopt};
    EXPECT_TRUE(store::AttemptsRepo(db()).finish(r).ok());
    return claim.attempt.id;
  }

  static void write_wav(const std::filesystem::path& file, std::string_view text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << "RIFF" << text;
  }

  store::TempDir share_;
  store::TempDir node_b_data_;
  std::unique_ptr<Server> node_b_;
  std::thread node_b_thread_;
  int calls_ = 0;
};

TEST_F(SharedRecordings, a_recording_node_a_wrote_into_the_share_is_served_by_node_b) {
  const auto id = answered_call([&](const store::Claim& c) {
    // As node A's dialer: the day folder in the share, stored relative to it.
    const auto file = dialer::recording_path(share_.path(), c.attempt.started, c.attempt.id);
    write_wav(file, "node A's call");
    const auto stored = store::stored_recording(share_.path(), file);
    EXPECT_TRUE(std::filesystem::path(stored).is_relative()) << stored;
    return stored;
  });
  start_node_b();
  auto b = login();
  const auto path = "/api/recordings/" + std::to_string(id);
  auto from_a = get(b, path);
  auto from_b = get_b(b, path);
  ASSERT_TRUE(from_a && from_b);
  EXPECT_EQ(from_a->status, 200) << from_a->body;
  EXPECT_EQ(from_b->status, 200) << from_b->body;
  EXPECT_EQ(from_b->body, "RIFFnode A's call");
  EXPECT_EQ(from_a->body, from_b->body);
}

TEST_F(SharedRecordings, an_older_absolute_path_is_served_from_the_share_once_moved_there) {
  std::filesystem::path old_file;
  const auto id = answered_call([&](const store::Claim& c) {
    // Before the share: the full path into node A's data folder.
    old_file = dialer::recording_path(data_dir() / "recordings", c.attempt.started, c.attempt.id);
    write_wav(old_file, "an older call");
    return old_file.string();
  });
  start_node_b();
  auto b = login();
  const auto path = "/api/recordings/" + std::to_string(id);
  auto from_a = get(b, path);
  ASSERT_TRUE(from_a);
  EXPECT_EQ(from_a->status, 200) << "still served where it is";
  auto before_move = get_b(b, path);
  ASSERT_TRUE(before_move);
  EXPECT_EQ(before_move->status, 404) << "node B cannot see node A's data folder";

  const auto moved = share_.path() / old_file.parent_path().filename() / old_file.filename();
  std::filesystem::create_directories(moved.parent_path());
  std::filesystem::rename(old_file, moved);
  auto from_b = get_b(b, path);
  ASSERT_TRUE(from_b);
  EXPECT_EQ(from_b->status, 200) << from_b->body;
  EXPECT_EQ(from_b->body, "RIFFan older call");
}

}  // namespace
}  // namespace robocall::http::testing
