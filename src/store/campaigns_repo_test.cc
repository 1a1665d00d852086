#include "store/campaigns_repo.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "store/attempts_repo.h"
#include "store/imports_repo.h"
#include "store/schema.h"
#include "store/tasks_repo.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::CallOutcome;
using domain::Instant;
using domain::TaskState;
using std::chrono::hours;
using std::chrono::minutes;

const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + hours{10}};

class CampaignsRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
  }

  std::int64_t campaign(std::string name) {
    return CampaignsRepo(db_).create(name, "xlsx", kNow, "anna").value().id;
  }
  // The import `file` names, made on first use.
  std::int64_t import(const std::string& file) {
    if (auto it = imports_.find(file); it != imports_.end()) return it->second;
    ImportRecord record;
    record.created = kNow;
    record.file_name = file;
    return imports_[file] = ImportsRepo(db_).create(record).value();
  }
  std::int64_t add(std::optional<std::int64_t> campaign_id,
                   std::optional<std::int64_t> import_id = {}) {
    domain::Task t;
    t.phone = "916" + std::to_string(1000000 + ++count_);
    t.full_name = "Пациент " + std::to_string(count_);
    t.appointment = kNow + hours{3};
    t.birth_date = std::chrono::year{1980} / 1 / 1;
    t.next_attempt = kNow - minutes{1};
    const std::vector<domain::Task> one{t};
    return TasksRepo(db_).insert(one, import_id, kNow - hours{1}, campaign_id).value().front();
  }
  // Claims the task and ends its call with `outcome`, leaving `state`.
  void call(CallOutcome outcome, TaskState state, std::optional<std::string> recording = {}) {
    AttemptsRepo attempts(db_);
    auto claim = attempts.claim_due(kNow, 1).value().front();
    AttemptResult r;
    r.attempt_id = claim.attempt.id;
    r.outcome = outcome;
    r.ended = kNow;
    r.recording = std::move(recording);
    r.task = {state, 1, std::nullopt};
    ASSERT_TRUE(attempts.finish(r).ok());
  }
  std::vector<std::int64_t> claimed_ids() {
    std::vector<std::int64_t> ids;
    const auto claims = AttemptsRepo(db_).claim_due(kNow, 10).value();
    for (const auto& c : claims) ids.push_back(c.task.id);
    return ids;
  }
  std::int64_t count(const std::string& sql) { return db_.query_int(sql).value(); }

  TestDatabase test_db_;
  Connection db_;
  int count_ = 0;
  std::map<std::string, std::int64_t> imports_;
};

TEST(CampaignNames, are_trimmed_and_refused_when_empty_or_too_long) {
  EXPECT_EQ(checked_campaign_name("  Список 1 \n").value(), "Список 1");
  EXPECT_EQ(checked_campaign_name(" \t").error().message, "Укажите название кампании");
  EXPECT_TRUE(checked_campaign_name(std::string(200, 'a')).ok());
  // 200 Cyrillic letters are 400 bytes and still fit: the limit is in characters.
  std::string cyrillic;
  for (int i = 0; i < 200; ++i) cyrillic += "я";
  EXPECT_TRUE(checked_campaign_name(cyrillic).ok());
  auto long_name = checked_campaign_name(cyrillic + "я");
  ASSERT_FALSE(long_name.ok());
  EXPECT_EQ(long_name.error().code, Errc::kInvalidArgument);
  EXPECT_EQ(long_name.error().message, "Название кампании длиннее 200 символов");
}

TEST(CampaignNames, a_days_name_is_the_prefix_and_the_date_in_russian_order) {
  EXPECT_EQ(campaign_day_name("API", std::chrono::year{2026} / 3 / 2), "API 02.03.2026");
  EXPECT_EQ(campaign_day_name("список.xlsx", std::chrono::year{2026} / 12 / 31),
            "список.xlsx 31.12.2026");
  std::string long_file;
  for (int i = 0; i < 250; ++i) long_file += "ф";
  EXPECT_TRUE(
      checked_campaign_name(campaign_day_name(long_file, std::chrono::year{2026} / 1 / 1)).ok());
}

TEST_F(CampaignsRepoTest, creates_renames_pauses_and_resumes_a_campaign) {
  CampaignsRepo repo(db_);
  auto made = repo.create("Список.xlsx 02.03.2026", "xlsx", kNow, "anna");
  ASSERT_TRUE(made.ok()) << made.error().message;
  auto got = repo.get(made->id).value();
  EXPECT_EQ(got.name, "Список.xlsx 02.03.2026");
  EXPECT_EQ(got.source, "xlsx");
  EXPECT_EQ(got.created, kNow);
  EXPECT_EQ(got.created_by, "anna");
  EXPECT_FALSE(got.paused);

  ASSERT_TRUE(repo.rename(made->id, " Март, терапия ", kNow).ok());
  EXPECT_EQ(repo.get(made->id)->name, "Март, терапия");
  EXPECT_EQ(repo.rename(made->id, "", kNow).error().code, Errc::kInvalidArgument);
  EXPECT_EQ(repo.get(made->id)->name, "Март, терапия");

  ASSERT_TRUE(repo.set_paused(made->id, true, kNow).ok());
  EXPECT_TRUE(repo.get(made->id)->paused);
  ASSERT_TRUE(repo.set_paused(made->id, false, kNow).ok());
  EXPECT_FALSE(repo.get(made->id)->paused);

  EXPECT_EQ(repo.rename(999, "x", kNow).error().code, Errc::kNotFound);
  EXPECT_EQ(repo.set_paused(999, true, kNow).error().code, Errc::kNotFound);
  EXPECT_EQ(repo.get(999).error().message, "Кампания 999 не найдена");
  EXPECT_EQ(repo.create("x", "ftp", kNow, "").error().code, Errc::kInvalidArgument);
}

TEST_F(CampaignsRepoTest, the_api_gets_one_campaign_a_day_and_one_per_name) {
  CampaignsRepo repo(db_);
  const auto day = std::chrono::year{2026} / 3 / 2;
  auto first = repo.find_or_create_day(day, kNow, "token:emias").value();
  EXPECT_EQ(first.name, "API 02.03.2026");
  EXPECT_EQ(first.source, "api");
  EXPECT_EQ(repo.find_or_create_day(day, kNow + hours{1}, "token:other")->id, first.id);
  EXPECT_NE(repo.find_or_create_day(std::chrono::year{2026} / 3 / 3, kNow, "token:emias")->id,
            first.id);
  // Renamed, the day's campaign is still the day's.
  ASSERT_TRUE(repo.rename(first.id, "Утро", kNow).ok());
  EXPECT_EQ(repo.find_or_create_day(day, kNow, "token:emias")->id, first.id);

  auto named = repo.find_or_create_named("Хирургия", kNow, "token:emias").value();
  EXPECT_EQ(repo.find_or_create_named(" Хирургия ", kNow, "token:emias")->id, named.id);
  EXPECT_NE(repo.find_or_create_named("Терапия", kNow, "token:emias")->id, named.id);
  // An upload's campaign of the same name is not the API's.
  const auto upload = campaign("Кардиология");
  EXPECT_NE(repo.find_or_create_named("Кардиология", kNow, "token:emias")->id, upload);
  EXPECT_EQ(repo.find_or_create_named("  ", kNow, "").error().code, Errc::kInvalidArgument);
}

TEST_F(CampaignsRepoTest, lists_campaigns_newest_first_with_their_patients_by_status) {
  const auto older = campaign("Первая");
  const auto newer = campaign("Вторая");
  add(older);                         // confirmed
  add(older);                         // cancelled
  add(older);                         // exhausted: final, status «Неизвестно»
  add(older);                         // pending
  const auto withdrawn = add(older);  // taken off calling: final, status «Отмена»
  add(newer);
  ASSERT_TRUE(TasksRepo(db_).withdraw(withdrawn, "anna", kNow).ok());
  call(CallOutcome::kConfirmed, TaskState::kConfirmed, "recordings/1.wav");
  call(CallOutcome::kCancelled, TaskState::kCancelled);
  call(CallOutcome::kNoAnswer, TaskState::kExhausted);

  auto list = CampaignsRepo(db_).list().value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].campaign.id, newer);
  EXPECT_EQ(list[0].counts.total, 1);
  EXPECT_EQ(list[0].counts.unknown, 1);
  EXPECT_EQ(list[0].counts.finished, 0);
  const auto& c = list[1].counts;
  EXPECT_EQ(list[1].campaign.name, "Первая");
  EXPECT_EQ(c.total, 5);
  EXPECT_EQ(c.confirmed, 1);
  EXPECT_EQ(c.cancelled, 2);
  EXPECT_EQ(c.unknown, 2);
  EXPECT_EQ(c.finished, 4);
  EXPECT_EQ(c.recordings, 1);
}

// The claim's table: which due tasks are claimed, by their campaign.
TEST_F(CampaignsRepoTest, a_paused_campaigns_tasks_are_not_claimed_until_it_resumes) {
  CampaignsRepo repo(db_);
  const auto running = campaign("Идёт");
  const auto paused = campaign("Пауза");
  ASSERT_TRUE(repo.set_paused(paused, true, kNow).ok());
  const auto in_running = add(running);
  const auto in_paused = add(paused);
  const auto without = add(std::nullopt);
  EXPECT_EQ(claimed_ids(), (std::vector<std::int64_t>{in_running, without}));
  ASSERT_TRUE(repo.set_paused(paused, false, kNow).ok());
  EXPECT_EQ(claimed_ids(), (std::vector<std::int64_t>{in_paused}));
}

TEST_F(CampaignsRepoTest, deleting_a_campaign_removes_its_tasks_attempts_deliveries_and_files) {
  const auto doomed = campaign("Удаляемая");
  const auto kept = campaign("Остаётся");
  const auto task = add(doomed, import("a.xlsx"));
  add(doomed, import("a.xlsx"));
  const auto other = add(kept, import("b.xlsx"));
  const auto wav = test_db_.dir().file("1.wav");
  std::ofstream(wav) << "RIFF";
  call(CallOutcome::kConfirmed, TaskState::kConfirmed, "1.wav");  // relative to the folder
  ASSERT_TRUE(db_.exec("INSERT INTO webhook_deliveries(task_id, payload, next_try_at, created_at)"
                       " VALUES (" +
                       std::to_string(task) + ", '{}', 0, 0)")
                  .ok());

  auto removed = CampaignsRepo(db_).remove(doomed, test_db_.dir().path());
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_EQ(removed->campaign.name, "Удаляемая");
  EXPECT_EQ(removed->tasks, 2);
  EXPECT_EQ(removed->attempts, 1);
  EXPECT_EQ(removed->recordings, 1);
  EXPECT_FALSE(std::filesystem::exists(wav));
  EXPECT_EQ(count("SELECT count(*) FROM tasks"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM attempts"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM webhook_deliveries"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM campaigns"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM imports"), 1) << "the other campaign's import stays";
  EXPECT_TRUE(TasksRepo(db_).get(other).ok());
  EXPECT_EQ(CampaignsRepo(db_).remove(doomed, test_db_.dir().path()).error().code, Errc::kNotFound);
}

TEST_F(CampaignsRepoTest, a_campaign_with_a_call_in_progress_is_not_deleted) {
  const auto busy = campaign("Звонит");
  add(busy);
  add(busy);
  ASSERT_EQ(AttemptsRepo(db_).claim_due(kNow, 1)->size(), 1u);
  auto refused = CampaignsRepo(db_).remove(busy, test_db_.dir().path());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::kConflict);
  EXPECT_EQ(refused.error().message,
            "Кампанию «Звонит» нельзя удалить: идёт звонок (заданий в обзвоне: 1). Поставьте её "
            "на паузу и повторите позже.");
  EXPECT_EQ(count("SELECT count(*) FROM tasks"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM campaigns"), 1);
}

TEST_F(CampaignsRepoTest, the_task_list_filters_by_campaign) {
  const auto a = campaign("A");
  const auto b = campaign("B");
  const auto in_a = add(a);
  add(b);
  add(b);
  TaskQuery q;
  q.filter.campaign_id = a;
  auto page = TasksRepo(db_).list(q).value();
  EXPECT_EQ(page.total, 1);
  ASSERT_EQ(page.tasks.size(), 1u);
  EXPECT_EQ(page.tasks[0].id, in_a);
  EXPECT_EQ(page.tasks[0].campaign_id, a);
  // With a date range too: the hour counts know no campaign.
  q.filter.from = kNow;
  q.filter.to = kNow + hours{24};
  q.filter.campaign_id = b;
  EXPECT_EQ(TasksRepo(db_).list(q)->total, 2);
  q.sort = TaskSort::kStatus;
  EXPECT_EQ(TasksRepo(db_).list(q)->tasks.size(), 2u);
}

}  // namespace
}  // namespace robocall::store
