#include "importing/local_time.h"

#include <gtest/gtest.h>

#include "domain/local_time.h"
#include "domain/scoped_tz.h"

namespace robocall::importing {
namespace {

using namespace std::chrono;  // NOLINT: test file

// Every quarter of an hour around both of Berlin's DST changes of 2025,
// twice (the second pass from the remembered offsets).
TEST(CachedToInstant, gives_the_same_instants_as_the_domain_across_dst_changes) {
  domain::ScopedTz tz("Europe/Berlin");
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto day : {local_days{2025y / March / 30d}, local_days{2025y / October / 26d}}) {
      for (auto t = local_seconds{day - hours{2}}; t < day + hours{6}; t += minutes{15}) {
        EXPECT_EQ(cached_to_instant(t), domain::to_instant(t))
            << (t - local_seconds{day}).count() << " s from midnight, pass " << pass;
      }
    }
  }
}

}  // namespace
}  // namespace robocall::importing
