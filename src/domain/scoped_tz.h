// ScopedTz: pins the process time zone (the TZ variable that local_time.h
// reads) for a test, and puts the previous value back (or unsets it) when it
// dies. Tests only. TZ is process-wide: while one is made or destroyed, no
// other thread may read local time, so a test holding one starts such
// threads only after it and stops them before it goes.
#pragma once

#include <stdlib.h>
#include <time.h>

#include <optional>
#include <string>

namespace robocall::domain {

class ScopedTz {
 public:
  // `zone`: an Olson name ("Europe/Moscow") or a POSIX TZ string ("MSK-3").
  explicit ScopedTz(const char* zone) {
    if (const char* old = ::getenv("TZ")) old_ = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedTz() {
    if (old_)
      ::setenv("TZ", old_->c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  std::optional<std::string> old_;
};

}  // namespace robocall::domain
