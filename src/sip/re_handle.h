// ReHandle: the owner of one reference to a libre object (anything libre
// allocated with mem_alloc: a SIP stack, session, socket, mbuf...). Dropping
// or reset() releases the reference with mem_deref; the object goes when its
// last reference does. Internal to src/sip (it includes libre's headers).
// THREADS: a handle belongs to the thread of the libre loop that made its
// object (the engine's loop thread), like the object itself.
#pragma once

#include <re.h>

#include <memory>

namespace robocall::sip {

struct MemDeref {
  void operator()(void* object) const { mem_deref(object); }
};

template <class T>
using ReHandle = std::unique_ptr<T, MemDeref>;

// For libre's allocators that return the object through a T** argument:
// `rtp_listen(out(handle), ...)`. The handle takes the object when the call's
// full expression ends (after the allocator has returned); an allocator that
// fails leaves it empty.
template <class T>
class OutHandle {
 public:
  explicit OutHandle(ReHandle<T>& handle) : handle_(handle) {}
  OutHandle(const OutHandle&) = delete;
  OutHandle& operator=(const OutHandle&) = delete;
  ~OutHandle() {
    if (raw_) handle_.reset(raw_);
  }
  operator T**() { return &raw_; }  // NOLINT: converts like std::out_ptr

 private:
  ReHandle<T>& handle_;
  T* raw_ = nullptr;
};

template <class T>
OutHandle<T> out(ReHandle<T>& handle) {
  return OutHandle<T>(handle);
}

}  // namespace robocall::sip
