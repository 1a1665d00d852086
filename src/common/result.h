// Result<T>: the project's one error type at every boundary.
// A Result holds either a value or an Error (a code and a message). Messages
// that can reach a clinic administrator are written in Russian.
// Plain value type: safe to move between threads; no internal synchronisation.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace robocall {

enum class Errc {
  kInvalidArgument,  // bad input from a user or a peer
  kNotFound,
  kConflict,  // violates uniqueness or the current state
  kCorrupt,   // a file or database that is damaged or foreign
  kIoError,
  kLimitExceeded,  // too large, too many, too often
  kUnauthenticated,
  kPermissionDenied,
  kUnavailable,  // a peer or service that cannot be reached now
  kInternal,
};

std::string_view to_string(Errc code);

struct Error {
  Errc code = Errc::kInternal;
  std::string message;

  static Error invalid(std::string m) { return {Errc::kInvalidArgument, std::move(m)}; }
  static Error not_found(std::string m) { return {Errc::kNotFound, std::move(m)}; }
  static Error conflict(std::string m) { return {Errc::kConflict, std::move(m)}; }
  static Error corrupt(std::string m) { return {Errc::kCorrupt, std::move(m)}; }
  static Error io(std::string m) { return {Errc::kIoError, std::move(m)}; }
  static Error limit(std::string m) { return {Errc::kLimitExceeded, std::move(m)}; }
  static Error internal(std::string m) { return {Errc::kInternal, std::move(m)}; }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !ok()
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace robocall
