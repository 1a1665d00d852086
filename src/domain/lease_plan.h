// Leases and the cluster-wide limits of an account (docs/DESIGN.md "Several
// nodes"): how long a claim is held without renewal, when it is renewed,
// when it counts as expired, and how many due tasks a claimer may take with
// which call-start slots so that «Одновременных звонков» and «Новых звонков в
// секунду» hold across every node. The store reads the inputs and writes the
// result under a lock of the account's row; every decision is here.
// Pure: time comes in as arguments. Any thread.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "domain/clock.h"

namespace robocall::domain {

// A claim holds its task this long past its claim or last renewal. Three
// renewal periods: a node misses two renewals (a slow database, a long
// transaction) before another node may presume it dead.
inline constexpr std::chrono::milliseconds kLeaseLength{30'000};
// A node renews its calling tasks' leases this often, all in one statement.
inline constexpr std::chrono::milliseconds kLeaseRenewEvery{10'000};
// Any node looks for expired leases this often (and at start).
inline constexpr std::chrono::milliseconds kLeaseSweepEvery{10'000};

// The end of a lease taken or renewed at `now`.
WallMs lease_end(WallMs now);
// A lease ending at `until` is over from that very millisecond on.
bool lease_expired(WallMs until, WallMs now);
// The next renewal after one at `last`; due when `now` has reached it.
WallMs next_renewal(WallMs last);
bool renewal_due(WallMs last, WallMs now);

// What the claimer of one account sees under the account's lock.
struct AccountLoad {
  int max_calls = 1;                // «Одновременных звонков» (>= 1)
  double calls_per_second = 1;      // «Новых звонков в секунду» (> 0)
  int calling = 0;                  // tasks of the account in calling, on every node
  std::optional<WallMs> next_slot;  // the account's pacing cursor; nullopt: never set
};

struct ClaimGrant {
  int count = 0;                    // how many due tasks the claimer may take
  std::vector<WallMs> slots;        // the start slot of each, in claim order (size: count)
  std::optional<WallMs> next_slot;  // the cursor to store; nullopt: unchanged
};

// The spacing of the account's call starts: 1 / rate, rounded up to the
// millisecond so that the rate is never exceeded.
std::chrono::milliseconds start_interval(double calls_per_second);

// At most `wanted`, and never more than the free lines of the account
// (max_calls - calling). The first slot is the cursor, or now when the
// cursor has passed; each next one interval later; the cursor moves past
// the last slot given. The store asks once for the cap before it selects
// due tasks, then again with the number it found, for slots and cursor.
ClaimGrant grant_claims(const AccountLoad& load, int wanted, WallMs now);

}  // namespace robocall::domain
