#include "store/sole_writer.h"

#include <utility>

namespace robocall::store {
namespace {

// Sets the journal mode; returns the mode SQLite reports afterwards.
Result<std::string> set_journal_mode(Connection& db, const char* mode) {
  auto pragma = db.prepare(std::string("PRAGMA journal_mode=") + mode);
  if (!pragma) return pragma.error();
  auto row = pragma->step();
  if (!row) return row.error();
  if (!*row) return Error::internal("PRAGMA journal_mode не вернул режим");
  return pragma->column_text(0);
}

}  // namespace

Result<SoleWriter> SoleWriter::begin(Connection& db) {
  if (db.in_transaction())
    return Error::invalid("Режим единственного писателя включается только вне транзакции");
  SoleWriter writer(db);
  // A PostgreSQL server has no journal to switch: its writes go as always.
  if (db.backend() == Backend::kPostgres) return writer;
  // Another connection's lock means it is in use: no waiting for it.
  db.set_busy_timeout(std::chrono::milliseconds{0});
  auto mode = set_journal_mode(db, "DELETE");
  db.set_busy_timeout(Connection::kBusyTimeout);
  if (!mode) {
    if (mode.error().code == Errc::kUnavailable) return writer;
    return mode.error();
  }
  if (*mode != "delete") return writer;
  writer.direct_ = true;
  if (auto full = db.exec("PRAGMA synchronous=FULL"); !full) return full.error();
  return writer;
}

SoleWriter::SoleWriter(SoleWriter&& other) noexcept
    : db_(other.db_), direct_(std::exchange(other.direct_, false)) {}

SoleWriter::~SoleWriter() {
  if (!direct_) return;
  (void)set_journal_mode(*db_, "WAL");
  (void)db_->exec("PRAGMA synchronous=NORMAL");
}

}  // namespace robocall::store
