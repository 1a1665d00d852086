// SoleWriter: for a one-shot process that may have the database to itself
// (`robocall import`). While it lives, the connection writes through a
// rollback journal instead of the WAL: a large transaction then goes into
// the file once, instead of into the WAL and a second time at the
// checkpoint (a 200,000-row import: 1.03 -> 0.88 s). Pages
// the transaction appends need no journal; the few it changes are journaled
// first, so a kill or a power loss rolls the transaction back on the next
// open, as in WAL mode. synchronous=FULL while in the rollback journal:
// NORMAL there leaves a window in which a power loss can corrupt the file.
//
// Only when no other connection has the database open: SQLite can leave
// WAL only then. Otherwise (`serve` running) begin() does not wait for the
// others, and the connection stays in WAL as before: direct() is false.
// Destroyed, it puts the connection back into WAL with synchronous=NORMAL
// (as Connection::open does; should that fail, the next open does it).
// While in the rollback journal, other processes opening the database wait
// for the write transaction to end (at most Connection::kBusyTimeout).
#pragma once

#include "common/result.h"
#include "store/connection.h"

namespace robocall::store {

class SoleWriter {
 public:
  // kInvalidArgument inside a transaction; database errors other than a
  // lock held by another connection.
  static Result<SoleWriter> begin(Connection& db);

  SoleWriter(SoleWriter&& other) noexcept;
  SoleWriter& operator=(SoleWriter&&) = delete;
  SoleWriter(const SoleWriter&) = delete;
  SoleWriter& operator=(const SoleWriter&) = delete;
  ~SoleWriter();

  // Whether the connection writes through the rollback journal.
  bool direct() const { return direct_; }

 private:
  explicit SoleWriter(Connection& db) : db_(&db) {}

  Connection* db_;
  bool direct_ = false;
};

}  // namespace robocall::store
