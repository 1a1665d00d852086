#include "importing/importer.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "common/bounded_queue.h"
#include "importing/columns.h"
#include "importing/row_checker.h"
#include "store/campaigns_repo.h"
#include "store/imports_repo.h"
#include "store/tasks_bulk_load.h"
#include "store/tasks_repo.h"
#include "xlsx/sheet_reader.h"

namespace robocall::importing {

namespace {

constexpr std::size_t kBatch = 2048;
// Chunks of checked rows between the reading thread and the storing one.
constexpr std::size_t kQueuedChunks = 4;
// A load switches to TasksBulkLoad once its own rows reach the stored ones
// and kBulkMinRows (into an empty table: a full batch): rebuilding the
// indexes then costs less than inserting into them row by row. Small loads
// (an API push) never change the schema.
constexpr std::int64_t kBulkMinRows = 10000;

xlsx::Cell text_cell(const std::string& text) {
  xlsx::Cell cell;
  if (!text.empty()) {
    cell.type = xlsx::CellType::kText;
    cell.text = text;
  }
  return cell;
}

// The storing half of an import: takes checked rows, checks them against
// the store in batches and inserts them inside one transaction.
class ImportSession {
 public:
  ImportSession(store::Connection& db, const ImportOptions& options, std::string source)
      : db_(db), tasks_(db), options_(options), source_(std::move(source)) {}

  Status begin() {
    auto tx = store::Transaction::begin(db_);
    if (!tx) return tx.error();
    tx_.emplace(std::move(*tx));
    auto stored = tasks_.count_all();
    if (!stored) return stored.error();
    stored_before_ = *stored;
    store::ImportsRepo imports(db_);
    store::ImportRecord record;
    record.created = options_.now;
    record.source = source_;
    record.file_name = options_.file_name;
    record.user = options_.user;
    auto id = imports.create(record);
    if (!id) return id.error();
    report_.import_id = *id;
    auto campaign = join_campaign();
    if (!campaign) return campaign.error();
    report_.campaign_id = campaign->id;
    report_.campaign_name = campaign->name;
    return {};
  }

  Status add(CheckedRow checked) {
    ++report_.rows_read;
    if (auto* skipped = std::get_if<SkippedRow>(&checked.result)) {
      report_.skipped.push_back(std::move(*skipped));
      return {};
    }
    auto& valid = std::get<ValidRow>(checked.result);
    pending_.push_back(std::move(valid.task));
    pending_rows_.push_back(checked.row);
    pending_notes_.push_back(std::move(valid.note));
    if (pending_.size() >= kBatch) return flush();
    return {};
  }

  Result<ImportReport> finish() {
    if (auto status = flush(); !status) return status.error();
    if (bulk_) {
      if (auto status = bulk_->finish(); !status) return status.error();
    }
    const auto by_row = [](const auto& a, const auto& b) { return a.row < b.row; };
    std::stable_sort(report_.skipped.begin(), report_.skipped.end(), by_row);
    store::ImportsRepo imports(db_);
    auto saved =
        imports.finish(report_.import_id, report_.rows_read, report_.created, report_json(report_));
    if (!saved) return saved.error();
    if (auto status = tx_->commit(); !status) return status.error();
    return std::move(report_);
  }

 private:
  Status flush() {
    if (pending_.empty()) return {};
    auto loaded = already_loaded();
    if (!loaded) return loaded.error();
    std::vector<domain::Task> fresh;
    std::vector<std::size_t> fresh_index;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if ((*loaded)[i]) {
        report_.skipped.push_back({pending_rows_[i], SkipReason::kAlreadyLoaded,
                                   "Задание с телефоном " + pending_[i].phone + " на " +
                                       format_local(options_.local_of(pending_[i].appointment)) +
                                       " уже загружено ранее."});
      } else {
        fresh.push_back(std::move(pending_[i]));
        fresh_index.push_back(i);
      }
    }
    if (!fresh.empty()) {
      auto ids = insert(fresh);
      if (!ids) return ids.error();
      for (std::size_t k = 0; k < fresh.size(); ++k) {
        const std::size_t i = fresh_index[k];
        report_.tasks.push_back({pending_rows_[i], (*ids)[k]});
        if (pending_notes_[i]) report_.notes.push_back(std::move(*pending_notes_[i]));
      }
      report_.created += static_cast<std::int64_t>(fresh.size());
    }
    pending_.clear();
    pending_rows_.clear();
    pending_notes_.clear();
    return {};
  }

  Result<store::Campaign> join_campaign() {
    store::CampaignsRepo campaigns(db_);
    using namespace std::chrono;
    const year_month_day today(floor<days>(options_.local_of(options_.now)));
    const auto& name = options_.campaign_name;
    if (source_ == "api") {
      if (name.empty()) return campaigns.find_or_create_day(today, options_.now, options_.user);
      return campaigns.find_or_create_named(name, options_.now, options_.user);
    }
    if (!name.empty()) return campaigns.create(name, source_, options_.now, options_.user);
    const std::string prefix = options_.file_name.empty() ? "Загрузка" : options_.file_name;
    return campaigns.create(store::campaign_day_name(prefix, today), source_, options_.now,
                            options_.user);
  }

  // Which pending tasks are stored already: the same phone and appointment,
  // or the same external id. Only tasks stored before this import can be:
  // the checker let no phone and no external id through twice.
  Result<std::vector<bool>> already_loaded() {
    std::vector<bool> loaded(pending_.size(), false);
    if (stored_before_ == 0) return loaded;
    std::vector<store::TasksRepo::PhoneAt> pairs;
    pairs.reserve(pending_.size());
    for (const auto& task : pending_) pairs.emplace_back(task.phone, task.appointment);
    auto exist = tasks_.exist(pairs);
    if (!exist) return exist.error();
    std::vector<std::string> external_ids;
    std::vector<std::size_t> external_index;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      loaded[i] = (*exist)[i];
      if (!pending_[i].external_id.empty()) {
        external_ids.push_back(pending_[i].external_id);
        external_index.push_back(i);
      }
    }
    if (!external_ids.empty()) {
      auto ids = tasks_.ids_by_external_id(external_ids);
      if (!ids) return ids.error();
      for (std::size_t k = 0; k < ids->size(); ++k) {
        if ((*ids)[k]) loaded[external_index[k]] = true;
      }
    }
    return loaded;
  }

  Result<std::vector<std::int64_t>> insert(std::span<const domain::Task> fresh) {
    const auto total = report_.created + static_cast<std::int64_t>(fresh.size());
    const std::int64_t bulk_from = stored_before_ == 0 ? static_cast<std::int64_t>(kBatch)
                                                       : std::max(kBulkMinRows, stored_before_);
    if (!bulk_ && total >= bulk_from) {
      auto bulk = store::TasksBulkLoad::begin(db_, stored_before_ == 0
                                                       ? store::TasksBulkLoad::Lookups::kNone
                                                       : store::TasksBulkLoad::Lookups::kByPhone);
      if (!bulk) return bulk.error();
      bulk_.emplace(std::move(*bulk));
    }
    if (bulk_) return bulk_->insert(fresh, report_.import_id, options_.now, report_.campaign_id);
    return tasks_.insert(fresh, report_.import_id, options_.now, report_.campaign_id);
  }

  store::Connection& db_;
  store::TasksRepo tasks_;
  const ImportOptions& options_;
  std::string source_;
  std::optional<store::Transaction> tx_;
  std::optional<store::TasksBulkLoad> bulk_;  // ends before tx_
  std::int64_t stored_before_ = 0;
  ImportReport report_;
  std::vector<domain::Task> pending_;
  std::vector<int> pending_rows_;
  std::vector<std::optional<RowNote>> pending_notes_;
};

ValidationContext validation_context(const ImportOptions& options, bool date1904) {
  ValidationContext context;
  context.now = options.now;
  context.date1904 = date1904;
  context.instant_of = options.instant_of;
  context.local_of = options.local_of;
  return context;
}

using Chunk = std::vector<RowInput>;

// The reading half: parses the sheet and maps its header, handing chunks of
// rows to the storing thread.
Status read_sheet(xlsx::SheetReader& reader, BoundedQueue<Chunk>& queue) {
  std::optional<ColumnMap> map;
  xlsx::Row row;
  Chunk chunk;
  chunk.reserve(kBatch);
  for (;;) {
    auto more = reader.next(row);
    if (!more) return more.error();
    if (!*more) break;
    if (!map) {
      if (is_header_row(row.cells)) {
        auto header = map_header(row.cells);
        if (!header) return header.error();
        map = std::move(*header);
        continue;
      }
      map = positional_map();
    }
    chunk.push_back(row_from_cells(std::move(row), *map));
    if (chunk.size() == kBatch) {
      if (!queue.push(std::move(chunk))) return {};
      chunk = Chunk{};
      chunk.reserve(kBatch);
    }
  }
  if (!chunk.empty()) queue.push(std::move(chunk));
  return {};
}

// Reading on one thread; checking and storing on this one. Parsing the XML
// and storing the rows take about the same time on a large list, the rows
// wait in a bounded queue between them, so memory stays flat.
Result<ImportReport> import_sheet(store::Connection& db, xlsx::SheetReader& reader,
                                  const ImportOptions& options) {
  ImportSession session(db, options, "xlsx");
  if (auto status = session.begin(); !status) return status.error();
  std::optional<RowChecker> checker(validation_context(options, reader.date1904()));
  BoundedQueue<Chunk> queue(kQueuedChunks);
  Status read;
  std::thread reading([&] {
    try {
      read = read_sheet(reader, queue);
    } catch (const std::exception& e) {  // out of memory, above all
      read = Error::internal(std::string("Ошибка при чтении файла: ") + e.what());
    }
    queue.close();
  });
  Status stored;
  while (stored) {
    auto chunk = queue.pop();
    if (!chunk) break;
    for (auto& input : *chunk) {
      stored = session.add(checker->check(std::move(input)));
      if (!stored) break;
    }
  }
  if (!stored) queue.cancel();
  reading.join();
  // The checker's table of phones is the largest thing left: free it before
  // the indexes are rebuilt and the report is written. (No malloc_trim: in
  // `serve` it would lock every thread's heap, the call loop's among them.)
  checker.reset();
  if (!read) return read.error();
  if (!stored) return stored.error();
  return session.finish();
}

}  // namespace

Result<ImportReport> import_xlsx_file(store::Connection& db, const std::filesystem::path& path,
                                      const ImportOptions& options) {
  auto reader = xlsx::SheetReader::open(path, options.limits);
  if (!reader) return reader.error();
  return import_sheet(db, *reader, options);
}

Result<ImportReport> import_xlsx_bytes(store::Connection& db, std::string_view bytes,
                                       const ImportOptions& options) {
  auto reader = xlsx::SheetReader::open_memory(bytes, options.limits);
  if (!reader) return reader.error();
  return import_sheet(db, *reader, options);
}

Result<ImportReport> import_tasks(store::Connection& db, std::span<const TaskFields> tasks,
                                  const ImportOptions& options) {
  ImportSession session(db, options, "api");
  if (auto status = session.begin(); !status) return status.error();
  RowChecker checker(validation_context(options, false));
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const TaskFields& fields = tasks[i];
    RowInput input;
    input.row = static_cast<int>(i + 1);
    input.phone = text_cell(fields.phone);
    input.full_name = text_cell(fields.full_name);
    input.appointment = text_cell(fields.appointment);
    input.has_time_column = !fields.appointment_time.empty();
    input.appointment_time = text_cell(fields.appointment_time);
    input.birth_date = text_cell(fields.birth_date);
    input.external_id = fields.external_id;
    input.extra = fields.extra;
    if (auto status = session.add(checker.check(input)); !status) return status.error();
  }
  return session.finish();
}

}  // namespace robocall::importing
