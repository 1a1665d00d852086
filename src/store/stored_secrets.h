// Secrets at rest (docs/SECURITY.md "Files and secrets"): which stored values
// are secrets (sip_accounts.password, the webhook settings' "secret"), the
// process's key, and serve's start-up step that unlocks them. The
// repositories seal what they write and unseal what they read through
// seal_secret/unseal_secret.
// install_secret_key() once before other threads start; the rest from any
// thread (each with its own Connection).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "store/connection.h"
#include "store/secret_box.h"
#include "store/secret_key.h"

namespace robocall::store {

// The key seal_secret and unseal_secret use from now on.
void install_secret_key(const SecretKey& key);

// Sealed with the installed key; "" stays "" (no secret). Without an
// installed key (tools and tests that never ran serve's start-up) the value
// is returned as is, and serve seals it when it next starts.
std::string seal_secret(std::string_view plain);
// A plain value (written by an older version) is returned as is; a sealed
// one needs the installed key (kInvalidArgument when none is installed,
// kCorrupt when it was sealed under another key).
Result<std::string> unseal_secret(std::string_view stored);

struct UnlockReport {
  bool key_created = false;
  int sealed_now = 0;  // plain values found and sealed
};

// Serve's start-up step: reads the key (creating it, 0600, when the file is
// missing, it is not a systemd credential and no sealed value exists), checks
// that every sealed value opens with it, seals every plain value in one
// transaction, and installs the key. Any refusal is a Russian message and
// changes nothing: a missing or wrong key never drops or rewrites a secret.
Result<UnlockReport> unlock_secrets(Connection& db, const KeySource& source);

}  // namespace robocall::store
