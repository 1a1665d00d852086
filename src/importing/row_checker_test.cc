#include "importing/row_checker.h"

#include <gtest/gtest.h>

#include <string>

namespace robocall::importing {
namespace {

using namespace std::chrono;

xlsx::Cell text(std::string value) {
  xlsx::Cell cell;
  cell.type = xlsx::CellType::kText;
  cell.text = std::move(value);
  return cell;
}

RowInput row(int number, long long phone, std::string external_id = {}) {
  RowInput in;
  in.row = number;
  in.phone = text(std::to_string(phone));
  in.full_name = text("Пациент №" + std::to_string(number));
  in.appointment = text("19.01.2030 10:02");
  in.birth_date = text("01.02.1980");
  in.external_id = std::move(external_id);
  return in;
}

ValidationContext context() {
  ValidationContext c;
  c.now = domain::Instant{sys_days{year{2026} / 1 / 1}};
  c.instant_of = [](local_seconds t) { return domain::Instant{t.time_since_epoch()}; };
  c.local_of = [](domain::Instant t) { return local_seconds{t.time_since_epoch()}; };
  return c;
}

TEST(RowChecker, a_phone_seen_before_is_a_duplicate_naming_the_first_row_at_any_list_size) {
  RowChecker checker(context());
  constexpr int kRows = 20000;  // the phone table grows several times
  for (int i = 0; i < kRows; ++i) {
    const auto checked = checker.check(row(i + 2, 9160000000LL + i * 7919LL % 99999999));
    ASSERT_TRUE(std::holds_alternative<ValidRow>(checked.result)) << i;
  }
  for (int i = 0; i < kRows; i += 997) {
    const auto checked = checker.check(row(kRows + 2 + i, 9160000000LL + i * 7919LL % 99999999));
    const auto* skipped = std::get_if<SkippedRow>(&checked.result);
    ASSERT_NE(skipped, nullptr) << i;
    EXPECT_EQ(skipped->reason, SkipReason::kDuplicate);
    EXPECT_EQ(skipped->row, kRows + 2 + i);
    EXPECT_NE(skipped->message.find("в строке " + std::to_string(i + 2) + " "), std::string::npos)
        << skipped->message;
  }
}

TEST(RowChecker, an_external_id_seen_before_is_a_duplicate_and_invalid_rows_claim_nothing) {
  RowChecker checker(context());
  EXPECT_TRUE(std::holds_alternative<ValidRow>(checker.check(row(2, 9161111111, "e-1")).result));
  const auto again = checker.check(row(3, 9162222222, "e-1"));
  ASSERT_TRUE(std::holds_alternative<SkippedRow>(again.result));
  EXPECT_EQ(std::get<SkippedRow>(again.result).reason, SkipReason::kDuplicate);

  auto bad = row(4, 9163333333);
  bad.birth_date = text("31.02.1980");
  const auto refused = checker.check(bad);
  ASSERT_TRUE(std::holds_alternative<SkippedRow>(refused.result));
  EXPECT_EQ(std::get<SkippedRow>(refused.result).reason, SkipReason::kBadDate);
  EXPECT_TRUE(std::holds_alternative<ValidRow>(checker.check(row(5, 9163333333)).result));
}

}  // namespace
}  // namespace robocall::importing
