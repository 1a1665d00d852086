#include "store/tasks_repo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "store/schema.h"
#include "store/test_db.h"

namespace robocall::store {
namespace {

using domain::Instant;
using std::chrono::hours;

const Instant kDay0{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};

domain::Task task(std::string phone, std::string name, Instant at, std::string external = {}) {
  domain::Task t;
  t.phone = std::move(phone);
  t.full_name = std::move(name);
  t.appointment = at;
  t.birth_date = std::chrono::year{1970} / 5 / 17;
  t.external_id = std::move(external);
  return t;
}

class TasksRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = test_db_.open();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
  }
  static std::int64_t to_unix_for_test(Instant at) { return at.time_since_epoch().count(); }
  TestDatabase test_db_;
  Connection db_;
  int removed_ = 0;
};

TEST_F(TasksRepoTest, inserts_a_batch_and_reads_every_field_back) {
  TasksRepo repo(db_);
  auto a = task("9161234567", "Иванов Иван Иванович", kDay0 + hours{10}, "emias-1");
  a.extra = {{"Врач", "Петров"}, {"Кабинет", "12"}, {"Адрес", "ул. Ленина, 1"}};
  a.birth_date = std::chrono::year{1950} / 12 / 31;
  auto b = task("9031112233", "Петрова Анна", kDay0 + hours{11});
  const std::vector<domain::Task> batch{a, b};
  auto ids = repo.insert(batch, std::nullopt, kDay0);
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  ASSERT_EQ(ids->size(), 2u);
  EXPECT_LT((*ids)[0], (*ids)[1]);
  EXPECT_EQ(repo.count_all().value(), 2);

  auto got = repo.get((*ids)[0]);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->external_id, "emias-1");
  EXPECT_EQ(got->phone, "9161234567");
  EXPECT_EQ(got->full_name, "Иванов Иван Иванович");
  EXPECT_EQ(got->appointment, kDay0 + hours{10});
  EXPECT_EQ(got->birth_date, std::chrono::year{1950} / 12 / 31);
  EXPECT_EQ(got->extra, a.extra);
  EXPECT_EQ(got->state, domain::TaskState::kPending);
  EXPECT_EQ(got->attempts, 0);
  EXPECT_EQ(got->next_attempt, kDay0);
  EXPECT_EQ(got->created, kDay0);
  EXPECT_EQ(got->updated, kDay0);
  EXPECT_EQ(repo.get((*ids)[1])->external_id, "");
}

TEST_F(TasksRepoTest, a_batch_with_a_known_external_id_inserts_nothing) {
  TasksRepo repo(db_);
  const std::vector<domain::Task> first{task("9160000001", "А", kDay0, "x-1")};
  ASSERT_TRUE(repo.insert(first, std::nullopt, kDay0).ok());
  const std::vector<domain::Task> second{task("9160000002", "Б", kDay0, "x-2"),
                                         task("9160000003", "В", kDay0, "x-1")};
  auto ids = repo.insert(second, std::nullopt, kDay0);
  ASSERT_FALSE(ids.ok());
  EXPECT_EQ(ids.error().code, Errc::kConflict);
  EXPECT_NE(ids.error().message.find("x-1"), std::string::npos);
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM tasks").value(), 1);
}

TEST_F(TasksRepoTest, rejects_a_task_with_a_bad_phone_and_inserts_nothing) {
  TasksRepo repo(db_);
  const std::vector<domain::Task> batch{task("9160000001", "А", kDay0), task("12345", "Б", kDay0)};
  EXPECT_FALSE(repo.insert(batch, std::nullopt, kDay0).ok());
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM tasks").value(), 0);
}

TEST_F(TasksRepoTest, rejects_an_invalid_birth_date_or_an_appointment_before_1970) {
  TasksRepo repo(db_);
  auto bad_birth = task("9160000001", "А", kDay0);
  bad_birth.birth_date = std::chrono::year{1970} / 2 / 30;
  auto before_epoch = task("9160000002", "Б", Instant{std::chrono::seconds{-1}});
  for (const auto& bad : {bad_birth, before_epoch}) {
    const std::vector<domain::Task> batch{task("9160000003", "В", kDay0), bad};
    EXPECT_EQ(repo.insert(batch, std::nullopt, kDay0).error().code, Errc::kInvalidArgument);
  }
  EXPECT_EQ(db_.query_int("SELECT count(*) FROM tasks").value(), 0);
}

TEST_F(TasksRepoTest, get_of_a_missing_id_is_not_found) {
  TasksRepo repo(db_);
  EXPECT_EQ(repo.get(42).error().code, Errc::kNotFound);
}

TEST_F(TasksRepoTest, answers_the_importers_lookups_in_batches) {
  TasksRepo repo(db_);
  const std::vector<domain::Task> batch{task("9160000001", "А", kDay0 + hours{9}, "e-1"),
                                        task("9160000002", "Б", kDay0 + hours{9})};
  auto ids = repo.insert(batch, std::nullopt, kDay0);
  ASSERT_TRUE(ids.ok());
  const std::vector<TasksRepo::PhoneAt> pairs{{"9160000001", kDay0 + hours{9}},
                                              {"9160000001", kDay0 + hours{10}},
                                              {"9160000003", kDay0 + hours{9}},
                                              {"9160000002", kDay0 + hours{9}}};
  EXPECT_EQ(repo.exist(pairs).value(), (std::vector<bool>{true, false, false, true}));
  const std::vector<std::string> external{"e-2", "e-1"};
  EXPECT_EQ(repo.ids_by_external_id(external).value(),
            (std::vector<std::optional<std::int64_t>>{std::nullopt, (*ids)[0]}));
  auto found = repo.find_by_external_id("e-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->phone, "9160000001");
  EXPECT_FALSE(repo.find_by_external_id("nope")->has_value());
}

TEST_F(TasksRepoTest, the_total_of_a_date_range_stays_exact_as_tasks_move_and_vanish) {
  TasksRepo repo(db_);
  std::vector<domain::Task> batch;
  for (int i = 0; i < 200; ++i)
    batch.push_back(task("916" + std::to_string(2000000 + i), "П",
                         kDay0 + std::chrono::minutes{i * 37 % 1500}));
  ASSERT_TRUE(repo.insert(batch, std::nullopt, kDay0).ok());
  auto check = [&](const char* when) {
    const std::int64_t edges[] = {-3600, -1, 0, 1, 59 * 60, 3600, 3601, 7199, 7200, 40000, 90000};
    for (auto a : edges) {
      for (auto b : edges) {
        if (b < a) continue;
        // A count by the table itself (PostgreSQL takes no hints; its plans count alike).
        auto expected = db_.prepare(std::string("SELECT count(*) FROM tasks") +
                                    (db_.backend() == Backend::kSqlite ? " NOT INDEXED" : "") +
                                    " WHERE appointment >= ? AND appointment < ?");
        const auto from = kDay0 + std::chrono::seconds{a};
        const auto to = kDay0 + std::chrono::seconds{b};
        expected->bind(1, to_unix_for_test(from)).bind(2, to_unix_for_test(to));
        ASSERT_TRUE(expected->step().value());
        TaskQuery q;
        q.filter.from = from;
        q.filter.to = to;
        EXPECT_EQ(repo.list(q).value().total, expected->column_int(0))
            << when << " [" << a << ", " << b << ")";
      }
      TaskQuery open_end;
      open_end.filter.from = kDay0 + std::chrono::seconds{a};
      TaskQuery open_start;
      open_start.filter.to = kDay0 + std::chrono::seconds{a};
      EXPECT_EQ(repo.list(open_end).value().total + repo.list(open_start).value().total,
                200 - removed_)
          << when << " split at " << a;
    }
  };
  check("after insert");
  ASSERT_TRUE(db_.exec("UPDATE tasks SET appointment = appointment + 1800 WHERE id % 3 = 0").ok());
  check("after moving a third by half an hour");
  ASSERT_TRUE(db_.exec("DELETE FROM tasks WHERE id % 5 = 0").ok());
  removed_ = static_cast<int>(200 - db_.query_int("SELECT count(*) FROM tasks").value());
  check("after deleting a fifth");
}

// A list of 60 tasks with repeated names and appointments (ties break by id)
// and every state, to compare each sort with a reference order.
class TaskListTest : public TasksRepoTest {
 protected:
  void SetUp() override {
    TasksRepoTest::SetUp();
    const char* names[] = {"Яковлев Я", "Абрамов А",  "Иванов И",
                           "Ёлкин Ё",   "Борисова Б", "Иванов И"};
    const char* states[] = {"pending", "confirmed", "cancelled", "exhausted",
                            "expired", "calling",   "confirmed"};
    std::vector<domain::Task> batch;
    for (int i = 0; i < 60; ++i) {
      const auto at = kDay0 + hours{(i * 7) % 5 * 24 + (i % 3)};  // five days, three slots
      batch.push_back(task("916" + std::to_string(1000000 + i), names[i % 6], at));
    }
    auto ids = TasksRepo(db_).insert(batch, std::nullopt, kDay0);
    ASSERT_TRUE(ids.ok());
    auto set = db_.prepare("UPDATE tasks SET state = ? WHERE id = ?");
    for (std::size_t i = 0; i < ids->size(); ++i) {
      set->reset();
      ASSERT_TRUE(set->bind(1, states[i % 7]).bind(2, (*ids)[i]).run().ok());
    }
  }

  // The order the list must show, computed independently of SQL.
  std::vector<std::int64_t> reference(const TaskQuery& q) {
    std::vector<domain::Task> all;
    EXPECT_TRUE(TasksRepo(db_)
                    .for_each({},
                              [&](const domain::Task& t) -> Status {
                                all.push_back(t);
                                return {};
                              })
                    .ok());
    std::erase_if(all, [&](const domain::Task& t) {
      return (q.filter.from && t.appointment < *q.filter.from) ||
             (q.filter.to && t.appointment >= *q.filter.to);
    });
    auto rank = [](domain::TaskState s) {
      switch (domain::list_status(s)) {
        case domain::ListStatus::kUnknown:
          return 0;
        case domain::ListStatus::kCancelled:
          return 1;
        case domain::ListStatus::kConfirmed:
          return 2;
      }
      return 0;
    };
    auto key = [&](const domain::Task& t) {
      switch (q.sort) {
        case TaskSort::kId:
          return std::make_tuple(0, std::string{}, Instant{}, t.id);
        case TaskSort::kName:
          return std::make_tuple(0, t.full_name, t.appointment, t.id);
        case TaskSort::kAppointment:
          return std::make_tuple(0, std::string{}, t.appointment, t.id);
        case TaskSort::kStatus:
          return std::make_tuple(rank(t.state), std::string{}, t.appointment, t.id);
      }
      return std::make_tuple(0, std::string{}, Instant{}, t.id);
    };
    std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
      return q.order == SortOrder::kAsc ? key(a) < key(b) : key(b) < key(a);
    });
    std::vector<std::int64_t> ids;
    for (const auto& t : all) ids.push_back(t.id);
    return ids;
  }
};

struct ListCase {
  TaskSort sort;
  SortOrder order;
  std::optional<int> from_day;
  std::optional<int> to_day;
};

TEST_F(TaskListTest, every_sort_both_ways_pages_through_the_reference_order_with_any_page_size) {
  std::vector<ListCase> cases;
  for (auto sort : {TaskSort::kId, TaskSort::kName, TaskSort::kAppointment, TaskSort::kStatus})
    for (auto order : {SortOrder::kAsc, SortOrder::kDesc})
      for (auto [from, to] : std::vector<std::pair<std::optional<int>, std::optional<int>>>{
               {std::nullopt, std::nullopt}, {1, 2}, {0, 4}, {3, std::nullopt}, {std::nullopt, 1}})
        cases.push_back({sort, order, from, to});
  for (const auto& c : cases) {
    TaskQuery q;
    q.sort = c.sort;
    q.order = c.order;
    if (c.from_day) q.filter.from = kDay0 + std::chrono::days{*c.from_day};
    if (c.to_day) q.filter.to = kDay0 + std::chrono::days{*c.to_day};
    const auto expected = reference(q);
    for (int limit : {1, 7, 50, 1000}) {
      SCOPED_TRACE(::testing::Message()
                   << "sort " << static_cast<int>(c.sort) << " order " << static_cast<int>(c.order)
                   << " from " << c.from_day.value_or(-1) << " to " << c.to_day.value_or(-1)
                   << " limit " << limit);
      std::vector<std::int64_t> seen;
      q.limit = limit;
      for (q.offset = 0;; q.offset += limit) {
        auto page = TasksRepo(db_).list(q);
        ASSERT_TRUE(page.ok()) << page.error().message;
        EXPECT_EQ(page->total, static_cast<std::int64_t>(expected.size()));
        if (page->tasks.empty()) break;
        for (const auto& t : page->tasks) seen.push_back(t.id);
      }
      EXPECT_EQ(seen, expected);
    }
  }
}

TEST_F(TaskListTest, the_date_range_includes_from_and_excludes_to) {
  TasksRepo repo(db_);
  struct Edge {
    Instant from, to;
    std::int64_t expected;
  };
  // Day 0 holds slots at 00:00, 01:00 and 02:00.
  TaskQuery slot;
  slot.filter.from = kDay0;
  slot.filter.to = kDay0 + hours{1};
  const std::int64_t per_slot = repo.list(slot).value().total;
  ASSERT_GT(per_slot, 0);
  for (const auto& e :
       {Edge{kDay0, kDay0 + hours{1}, per_slot}, Edge{kDay0, kDay0, 0},
        Edge{kDay0 + std::chrono::seconds{1}, kDay0 + hours{1}, 0},
        Edge{kDay0 - std::chrono::seconds{1}, kDay0 + std::chrono::seconds{1}, per_slot}}) {
    TaskQuery q;
    q.filter.from = e.from;
    q.filter.to = e.to;
    auto page = repo.list(q);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, e.expected);
    for (const auto& t : page->tasks) {
      EXPECT_GE(t.appointment, e.from);
      EXPECT_LT(t.appointment, e.to);
    }
  }
}

TEST_F(TaskListTest, searches_names_in_any_case_with_yo_as_ye_and_phones_by_digits) {
  TasksRepo repo(db_);
  struct Search {
    std::string text;
    std::int64_t expected;
  };
  for (const auto& s : std::vector<Search>{{"иванов", 20},
                                           {"  ИВАНОВ и ", 20},
                                           {"елкин", 10},
                                           {"ЁЛК", 10},
                                           {"1000005", 1},
                                           {"916100000", 10},
                                           {"Сидоров", 0},
                                           {"%", 0},
                                           {"", 60}}) {
    TaskQuery q;
    q.filter.search = s.text;
    auto page = repo.list(q);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->total, s.expected) << s.text;
  }
}

TEST_F(TaskListTest, rejects_bad_pages_and_reversed_ranges) {
  TasksRepo repo(db_);
  TaskQuery q;
  for (auto [limit, offset] : {std::pair{0, 0L}, {1001, 0L}, {10, -1L}}) {
    q.limit = limit;
    q.offset = offset;
    EXPECT_EQ(repo.list(q).error().code, Errc::kInvalidArgument);
  }
  q = {};
  q.filter.from = kDay0 + hours{2};
  q.filter.to = kDay0;
  EXPECT_EQ(repo.list(q).error().code, Errc::kInvalidArgument);
}

TEST_F(TaskListTest, for_each_streams_the_filtered_list_and_stops_at_the_first_error) {
  TasksRepo repo(db_);
  TaskQuery q;
  q.sort = TaskSort::kName;
  q.order = SortOrder::kAsc;
  q.filter.from = kDay0 + std::chrono::days{1};
  q.filter.to = kDay0 + std::chrono::days{3};
  std::vector<std::int64_t> seen;
  ASSERT_TRUE(repo.for_each(q,
                            [&](const domain::Task& t) -> Status {
                              seen.push_back(t.id);
                              return {};
                            })
                  .ok());
  EXPECT_EQ(seen, reference(q));
  int calls = 0;
  auto st = repo.for_each(q, [&](const domain::Task&) -> Status {
    ++calls;
    return Error::io("диск заполнен");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "диск заполнен");
  EXPECT_EQ(calls, 1);
}

TEST_F(TasksRepoTest, updated_since_pages_by_update_time_then_id) {
  TasksRepo repo(db_);
  std::vector<domain::Task> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(task("916000000" + std::to_string(i), "А", kDay0));
  auto early = repo.insert(batch, std::nullopt, kDay0);
  auto late = repo.insert(batch, std::nullopt, kDay0 + hours{1});
  ASSERT_TRUE(early.ok() && late.ok());
  auto first = repo.updated_since(kDay0 + hours{1}, 0, 3);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ(first->front().id, late->front());
  auto rest = repo.updated_since(first->back().updated, first->back().id, 100);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ(rest->back().id, late->back());
  EXPECT_EQ(repo.updated_since(kDay0, 0, 100)->size(), 10u);
  EXPECT_EQ(repo.updated_since(kDay0, 0, 0).error().code, Errc::kInvalidArgument);
}

TEST_F(TasksRepoTest, updated_since_filters_by_appointment_before_the_page_limit) {
  // Twelve tasks, one per hour of appointment, in an order unlike the update
  // order: each range's matches lie scattered among the pages.
  TasksRepo repo(db_);
  std::vector<domain::Task> batch;
  for (int i = 0; i < 12; ++i) {
    const int hour = (i * 5) % 12;  // appointments out of the update order
    batch.push_back(task("91600000" + std::to_string(10 + i), "А", kDay0 + hours{hour}));
  }
  ASSERT_TRUE(repo.insert(batch, std::nullopt, kDay0).ok());
  struct Case {
    int from_hour, to_hour;
    std::size_t matching;
  };
  for (const Case c : {Case{3, 5, 2}, Case{0, 12, 12}, Case{9, 11, 2}, Case{13, 20, 0}}) {
    std::vector<std::int64_t> seen;
    domain::Instant since = kDay0 - hours{1};
    std::int64_t after = 0;
    for (int pages = 0; pages < 20; ++pages) {
      auto page =
          repo.updated_since(since, after, 1, kDay0 + hours{c.from_hour}, kDay0 + hours{c.to_hour});
      ASSERT_TRUE(page.ok());
      if (page->empty()) break;
      for (const auto& t : *page) {
        EXPECT_GE(t.appointment, kDay0 + hours{c.from_hour});
        EXPECT_LT(t.appointment, kDay0 + hours{c.to_hour});
        seen.push_back(t.id);
      }
      since = page->back().updated;
      after = page->back().id;
    }
    EXPECT_EQ(seen.size(), c.matching) << c.from_hour << "-" << c.to_hour;
  }
}

}  // namespace
}  // namespace robocall::store
