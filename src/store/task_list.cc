#include "store/task_list.h"

#include <algorithm>
#include <compare>
#include <limits>
#include <optional>
#include <string_view>
#include <tuple>

#include "store/sql_dialect.h"
#include "store/task_rows.h"
#include "store/task_summary.h"
#include "store/text_fold.h"

namespace robocall::store {
namespace {

// Relative cost of reading one row of the date range to select the page in
// memory against walking one entry of the sort's index (bench_store).
constexpr std::int64_t kSortRowCost = 8;
// The most rows select_in_range() holds in memory.
constexpr std::int64_t kMaxSelectRows = 200'000;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

Result<std::int64_t> count_where(Connection& db, const std::string& hint, const TaskWhere& where,
                                 const std::string& extra = {}) {
  auto stmt = db.prepare("SELECT count(*) FROM tasks" + hint + where.sql + extra);
  if (!stmt) return stmt.error();
  bind_where(*stmt, where);
  auto row = stmt->step();
  if (!row) return row.error();
  return stmt->column_int(0);
}

constexpr std::int64_t kBucket = 3600;  // seconds per row of task_hour_counts

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && (a < 0));
}
std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return -floor_div(-a, b);
}

// Tasks with appointment in [from, to), either bound open: whole hours from
// task_hour_counts, the partial hours at the edges from tasks_appointment.
Result<std::int64_t> count_range(Connection& db, const std::optional<domain::Instant>& from,
                                 const std::optional<domain::Instant>& to) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min() / 2;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 2;
  const std::int64_t lo = from ? to_unix(*from) : kMin;
  const std::int64_t hi = to ? to_unix(*to) : kMax;
  auto by_index = [&](std::int64_t a, std::int64_t b) -> Result<std::int64_t> {
    if (a >= b) return std::int64_t{0};
    auto stmt = db.prepare("SELECT count(*) FROM tasks" + indexed_by(db, "tasks_appointment") +
                           " WHERE appointment >= ? AND appointment < ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, a).bind(2, b);
    auto row = stmt->step();
    if (!row) return row.error();
    return stmt->column_int(0);
  };
  const std::int64_t first_hour = from ? ceil_div(lo, kBucket) : kMin;
  const std::int64_t end_hour = to ? floor_div(hi, kBucket) : kMax;
  // Buckets are appointment / 3600 truncated, as SQLite divides: exact for
  // instants from 1970 on; anything earlier is counted through the index.
  const bool before_epoch = (from && lo < 0) || (to && hi < 0);
  if (before_epoch || (from && to && first_hour >= end_hour)) return by_index(lo, hi);
  auto stmt =
      db.prepare("SELECT coalesce(sum(n), 0) FROM task_hour_counts WHERE hour >= ? AND hour < ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, first_hour).bind(2, end_hour);
  auto row = stmt->step();
  if (!row) return row.error();
  std::int64_t total = stmt->column_int(0);
  auto head = by_index(lo, from ? first_hour * kBucket : lo);
  if (!head) return head.error();
  auto tail = by_index(to ? end_hour * kBucket : hi, hi);
  if (!tail) return tail.error();
  return total + *head + *tail;
}

Status collect_ids(Connection& db, const std::string& sql, const TaskWhere& where,
                   std::int64_t limit, std::int64_t offset, std::vector<std::int64_t>& ids) {
  auto stmt = db.prepare(sql + " LIMIT ? OFFSET ?");
  if (!stmt) return stmt.error();
  const int n = bind_where(*stmt, where);
  stmt->bind(n + 1, limit).bind(n + 2, offset);
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return {};
    ids.push_back(stmt->column_int(0));
  }
}

// Status sort: one segment per list status, each a range of tasks_status
// ordered by (appointment, id). A segment is counted only when the offset
// skips it whole, so the first pages never count the big segments.
Status status_page(Connection& db, const TaskQuery& q, const TaskWhere& where, PageIds& page) {
  const bool asc = q.order == SortOrder::kAsc;
  const std::string and_rank = where.sql.empty() ? " WHERE status_rank = " : " AND status_rank = ";
  const std::string order =
      asc ? " ORDER BY appointment ASC, id ASC" : " ORDER BY appointment DESC, id DESC";
  std::int64_t skip = q.offset;
  std::int64_t want = q.limit;
  for (int i = 0; i < 3 && want > 0; ++i) {
    const std::string rank = std::to_string(asc ? i : 2 - i);
    const auto before = page.ids.size();
    const std::string sql = "SELECT id FROM tasks" + indexed_by(db, "tasks_status") + where.sql +
                            and_rank + rank + order;
    if (auto st = collect_ids(db, sql, where, want, skip, page.ids); !st) return st;
    const auto got = static_cast<std::int64_t>(page.ids.size() - before);
    if (got > 0) {
      want -= got;
      skip = 0;
      continue;
    }
    auto skipped = count_where(db, indexed_by(db, "tasks_status"), where, and_rank + rank);
    if (!skipped) return skipped.error();
    skip -= *skipped;
  }
  return {};
}

// Id or name sort over a date range: reads the sort keys of the range from a
// covering index and selects the page with nth_element, cheaper than making
// SQLite sort the whole range when the range is small and the page deep.
Status select_in_range(Connection& db, const TaskQuery& q, const TaskWhere& where,
                       std::vector<std::int64_t>& ids) {
  struct Key {
    std::uint32_t name_at = 0;  // the name is names[name_at, name_at + name_size)
    std::uint32_t name_size = 0;
    std::int64_t at = 0;
    std::int64_t id = 0;
  };
  const bool by_name = q.sort == TaskSort::kName;
  auto stmt = db.prepare(by_name ? "SELECT id, appointment, full_name FROM tasks" +
                                       indexed_by(db, "tasks_appointment_name") + where.sql
                                 : "SELECT id FROM tasks" + indexed_by(db, "tasks_appointment") +
                                       where.sql);
  if (!stmt) return stmt.error();
  bind_where(*stmt, where);
  std::vector<Key> keys;
  std::string names;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    Key k;
    k.id = stmt->column_int(0);
    if (by_name) {
      k.at = stmt->column_int(1);
      const auto name = stmt->column_view(2);
      k.name_at = static_cast<std::uint32_t>(names.size());
      k.name_size = static_cast<std::uint32_t>(name.size());
      names += name;
    }
    keys.push_back(k);
  }
  const std::string_view all_names = names;
  const bool asc = q.order == SortOrder::kAsc;
  auto before = [asc, all_names](const Key& a, const Key& b) {
    const auto order = std::tuple(all_names.substr(a.name_at, a.name_size), a.at, a.id) <=>
                       std::tuple(all_names.substr(b.name_at, b.name_size), b.at, b.id);
    return asc ? order < 0 : order > 0;
  };
  const auto size = static_cast<std::int64_t>(keys.size());
  if (q.offset >= size) return {};
  const auto first = keys.begin() + q.offset;
  const auto last = keys.begin() + std::min<std::int64_t>(size, q.offset + q.limit);
  std::nth_element(keys.begin(), first, keys.end(), before);
  std::partial_sort(first, last, keys.end(), before);
  for (auto it = first; it != last; ++it) ids.push_back(it->id);
  return {};
}

}  // namespace

TaskWhere task_where(const TaskFilter& filter) {
  TaskWhere w;
  auto add = [&](std::string_view clause) {
    w.sql += w.sql.empty() ? " WHERE " : " AND ";
    w.sql += clause;
  };
  if (filter.from) {
    add("appointment >= ?");
    w.params.emplace_back(to_unix(*filter.from));
  }
  if (filter.to) {
    add("appointment < ?");
    w.params.emplace_back(to_unix(*filter.to));
  }
  if (filter.campaign_id) {
    add("campaign_id = ?");
    w.params.emplace_back(*filter.campaign_id);
  }
  if (!filter.statuses.empty()) {
    // One parameter for `now`, numbered after those before it.
    w.params.emplace_back(to_unix(filter.now));
    const int now_param = static_cast<int>(w.params.size());
    std::string any;
    for (const auto status : filter.statuses) {
      for (const auto bucket : domain::buckets_of(status)) {
        any += any.empty() ? "(" : " OR ";
        any += bucket_sql(bucket, now_param);
      }
    }
    // The parameter is named even when no bucket chosen needs it.
    add(any + ") AND CAST(?" + std::to_string(now_param) + " AS BIGINT) IS NOT NULL");
  }
  const auto needle = trimmed(filter.search);
  if (!needle.empty()) {
    const bool digits =
        std::all_of(needle.begin(), needle.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
      add("(instr(phone, ?) > 0 OR instr(robocall_fold(full_name), ?) > 0)");
      w.params.emplace_back(needle);
    } else {
      add("instr(robocall_fold(full_name), ?) > 0");
    }
    w.params.emplace_back(fold_for_search(needle));
  }
  return w;
}

std::string task_order_by(TaskSort sort, SortOrder order) {
  const char* dir = order == SortOrder::kAsc ? " ASC" : " DESC";
  std::string keys;
  auto key = [&](std::string_view column) {
    keys += keys.empty() ? " ORDER BY " : ", ";
    keys += column;
    keys += dir;
  };
  switch (sort) {
    case TaskSort::kId:
      break;
    case TaskSort::kName:
      key("full_name");
      key("appointment");
      break;
    case TaskSort::kAppointment:
      key("appointment");
      break;
    case TaskSort::kStatus:
      key("status_rank");
      key("appointment");
      break;
  }
  key("id");
  return keys;
}

int bind_where(Statement& stmt, const TaskWhere& where) {
  int index = 0;
  for (const auto& p : where.params) {
    ++index;
    std::visit([&](const auto& v) { stmt.bind(index, v); }, p);
  }
  return index;
}

Result<PageIds> page_ids(Connection& db, const TaskQuery& q) {
  const auto where = task_where(q.filter);
  PageIds page;
  const bool dated = q.filter.from || q.filter.to;
  // A campaign or a status narrows the range like a search: the hour counts
  // and the range's indexes know neither.
  const bool searched = !trimmed(q.filter.search).empty() || q.filter.campaign_id.has_value() ||
                        !q.filter.statuses.empty();
  auto total =
      dated && !searched ? count_range(db, q.filter.from, q.filter.to) : count_where(db, "", where);
  if (!total) return total.error();
  page.total = *total;
  if (q.offset >= page.total) return page;
  if (q.sort == TaskSort::kStatus) {
    if (auto st = status_page(db, q, where, page); !st) return st.error();
    return page;
  }

  // Walking the sort's index costs about (offset + limit) / selectivity
  // entries; selecting the page among the range's rows costs their count.
  // Take the cheaper.
  std::string hint;
  const bool plain_range = dated && !searched;
  if (plain_range && q.sort != TaskSort::kAppointment) {
    auto rows = db.query_int("SELECT coalesce(max(id), 0) FROM tasks");
    if (!rows) return rows.error();
    const auto walk = (q.offset + q.limit) * std::max<std::int64_t>(*rows, 1) /
                      std::max<std::int64_t>(page.total, 1);
    if (page.total * kSortRowCost < walk && page.total <= kMaxSelectRows) {
      if (auto st = select_in_range(db, q, where, page.ids); !st) return st.error();
      return page;
    }
    hint = indexed_by(db, q.sort == TaskSort::kName ? "tasks_name" : "tasks_id_appointment");
  } else if (plain_range) {
    hint = indexed_by(db, "tasks_appointment");
  }
  const std::string sql =
      "SELECT id FROM tasks" + hint + where.sql + task_order_by(q.sort, q.order);
  if (auto st = collect_ids(db, sql, where, q.limit, q.offset, page.ids); !st) return st.error();
  return page;
}

}  // namespace robocall::store
