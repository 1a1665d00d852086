#include "http/task_query.h"

#include <gtest/gtest.h>

#include "domain/scoped_tz.h"

namespace robocall::http {
namespace {

using namespace std::chrono;

Params params(std::initializer_list<std::pair<std::string, std::string>> kv) {
  return Params(kv.begin(), kv.end());
}

class TaskQueryParsing : public ::testing::Test {
 protected:
  domain::ScopedTz tz_{"Europe/Moscow"};
};

TEST_F(TaskQueryParsing, defaults_to_id_descending_first_page_of_fifty) {
  auto q = parse_task_query({}, true);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->query.sort, store::TaskSort::kId);
  EXPECT_EQ(q->query.order, store::SortOrder::kDesc);
  EXPECT_EQ(q->query.limit, 50);
  EXPECT_EQ(q->query.offset, 0);
  EXPECT_FALSE(q->query.filter.from);
  EXPECT_FALSE(q->query.filter.to);
}

TEST_F(TaskQueryParsing, reads_each_sort_key_and_order) {
  struct Case {
    std::string sort;
    store::TaskSort want;
  } cases[] = {{"id", store::TaskSort::kId},
               {"name", store::TaskSort::kName},
               {"appointment", store::TaskSort::kAppointment},
               {"status", store::TaskSort::kStatus}};
  for (const auto& c : cases) {
    auto q = parse_task_query(params({{"sort", c.sort}, {"order", "asc"}}), true);
    ASSERT_TRUE(q.ok()) << c.sort;
    EXPECT_EQ(q->query.sort, c.want);
    EXPECT_EQ(q->query.order, store::SortOrder::kAsc);
  }
}

TEST_F(TaskQueryParsing, the_date_range_covers_whole_local_days) {
  auto q = parse_task_query(params({{"from", "2026-11-27"}, {"to", "2026-11-28"}}), true);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(*q->query.filter.from, sys_days(2026y / November / 26) + 21h);
  EXPECT_EQ(*q->query.filter.to, sys_days(2026y / November / 28) + 21h);
}

TEST_F(TaskQueryParsing, refuses_bad_input) {
  for (auto p :
       {params({{"sort", "phone"}}), params({{"sort", "id; DROP TABLE tasks"}}),
        params({{"order", "up"}}), params({{"from", "27.11.2026"}}), params({{"to", "2026-02-30"}}),
        params({{"from", "2026-11-28"}, {"to", "2026-11-27"}}), params({{"limit", "0"}}),
        params({{"limit", "501"}}), params({{"limit", "ten"}}), params({{"limit", ""}}),
        params({{"offset", "-1"}}), params({{"offset", "1e3"}}),
        params({{"q", std::string(101, 'a')}})}) {
    EXPECT_FALSE(parse_task_query(p, true).ok()) << p.begin()->first << "=" << p.begin()->second;
  }
}

TEST_F(TaskQueryParsing, export_ignores_paging) {
  auto q = parse_task_query(params({{"limit", "ten"}}), false);
  EXPECT_TRUE(q.ok());
}

}  // namespace
}  // namespace robocall::http
