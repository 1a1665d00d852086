#include "sip/key_dedup.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace robocall::sip {
namespace {

using std::chrono::milliseconds;

struct Key {
  char key;
  KeySource source;
  int at_ms;
};

// The keys reported from a sequence, as a string.
std::string counted(const std::vector<Key>& keys) {
  KeyDedup dedup;
  const KeyDedup::Clock::time_point start{};
  std::string out;
  for (const Key& k : keys)
    if (dedup.accept(k.key, k.source, start + milliseconds(k.at_ms))) out += k.key;
  return out;
}

constexpr auto kRtp = KeySource::kTelephoneEvent;
constexpr auto kInfo = KeySource::kSipInfo;
constexpr auto kTone = KeySource::kInband;

TEST(KeyDedup, counts_one_press_once_whichever_ways_it_comes) {
  struct Row {
    std::vector<Key> keys;
    std::string expected;
  };
  const Row rows[] = {
      {{{'1', kRtp, 0}}, "1"},
      {{{'1', kInfo, 0}}, "1"},
      {{{'1', kRtp, 0}, {'1', kInfo, 30}}, "1"},
      {{{'1', kInfo, 0}, {'1', kRtp, 40}}, "1"},
      {{{'1', kTone, 0}, {'1', kRtp, 20}, {'1', kInfo, 60}}, "1"},
      // Two presses of the same key from one source are two presses.
      {{{'1', kRtp, 0}, {'1', kRtp, 300}}, "11"},
      // ...and each of them may be repeated by the other source.
      {{{'1', kRtp, 0}, {'1', kInfo, 20}, {'1', kRtp, 300}, {'1', kInfo, 320}}, "11"},
      {{{'1', kInfo, 0}, {'1', kInfo, 200}, {'1', kRtp, 250}, {'1', kRtp, 400}}, "11"},
      // Different keys are never merged.
      {{{'1', kRtp, 0}, {'2', kInfo, 10}}, "12"},
      // A repeat too late to be the same press is a new press.
      {{{'1', kRtp, 0}, {'1', kInfo, 1500}}, "11"},
      {{{'#', kInfo, 0}, {'#', kRtp, 1000}}, "#"},
  };
  for (const auto& r : rows) EXPECT_EQ(counted(r.keys), r.expected);
}

}  // namespace
}  // namespace robocall::sip
