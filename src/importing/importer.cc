#include "importing/importer.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "importing/columns.h"
#include "importing/row_validation.h"
#include "store/imports_repo.h"
#include "store/tasks_repo.h"
#include "xlsx/sheet_reader.h"

namespace robocall::importing {

namespace {

constexpr std::size_t kBatch = 2048;

xlsx::Cell text_cell(const std::string& text) {
  xlsx::Cell cell;
  if (!text.empty()) {
    cell.type = xlsx::CellType::kText;
    cell.text = text;
  }
  return cell;
}

// One import in progress: validates rows as they come, checks them against
// the store in batches and inserts them inside one transaction.
class ImportSession {
 public:
  ImportSession(store::Connection& db, const ImportOptions& options, std::string source)
      : db_(db), tasks_(db), options_(options), source_(std::move(source)) {
    context_.now = options.now;
    context_.instant_of = options.instant_of;
    context_.local_of = options.local_of;
  }

  void set_date1904(bool date1904) { context_.date1904 = date1904; }

  Status begin() {
    auto tx = store::Transaction::begin(db_);
    if (!tx) return tx.error();
    tx_.emplace(std::move(*tx));
    store::ImportsRepo imports(db_);
    store::ImportRecord record;
    record.created = options_.now;
    record.source = source_;
    record.file_name = options_.file_name;
    record.user = options_.user;
    auto id = imports.create(record);
    if (!id) return id.error();
    report_.import_id = *id;
    return {};
  }

  Status add(const RowInput& input) {
    ++report_.rows_read;
    auto result = validate_row(input, context_);
    if (auto* skipped = std::get_if<SkippedRow>(&result)) {
      report_.skipped.push_back(std::move(*skipped));
      return {};
    }
    auto& valid = std::get<ValidRow>(result);
    const auto [first, inserted] = phones_.try_emplace(std::stoull(valid.task.phone), input.row);
    if (!inserted) {
      report_.skipped.push_back({input.row, SkipReason::kDuplicate,
                                 "Телефон " + valid.task.phone + " уже есть в строке " +
                                     std::to_string(first->second) + " этого списка."});
      return {};
    }
    if (!valid.task.external_id.empty() && !external_ids_.insert(valid.task.external_id).second) {
      report_.skipped.push_back(
          {input.row, SkipReason::kDuplicate,
           "Внешний id «" + valid.task.external_id + "» уже встречался в этом списке."});
      return {};
    }
    pending_.push_back(std::move(valid.task));
    pending_rows_.push_back(input.row);
    pending_notes_.push_back(std::move(valid.note));
    if (pending_.size() >= kBatch) return flush();
    return {};
  }

  Result<ImportReport> finish() {
    if (auto status = flush(); !status) return status.error();
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
    std::vector<bool> loaded(pending_.size(), false);
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
    std::vector<domain::Task> fresh;
    std::vector<std::size_t> fresh_index;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (loaded[i]) {
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
      auto ids = tasks_.insert(fresh, report_.import_id, options_.now);
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

  store::Connection& db_;
  store::TasksRepo tasks_;
  const ImportOptions& options_;
  std::string source_;
  ValidationContext context_;
  std::optional<store::Transaction> tx_;
  ImportReport report_;
  std::unordered_map<std::uint64_t, int> phones_;  // phone (10 digits) -> the row that claimed it
  std::unordered_set<std::string> external_ids_;
  std::vector<domain::Task> pending_;
  std::vector<int> pending_rows_;
  std::vector<std::optional<RowNote>> pending_notes_;
};

Result<ImportReport> import_sheet(store::Connection& db, xlsx::SheetReader& reader,
                                  const ImportOptions& options) {
  ImportSession session(db, options, "xlsx");
  session.set_date1904(reader.date1904());
  if (auto status = session.begin(); !status) return status.error();
  std::optional<ColumnMap> map;
  xlsx::Row row;
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
    if (auto status = session.add(row_from_cells(row, *map)); !status) return status.error();
  }
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
    if (auto status = session.add(input); !status) return status.error();
  }
  return session.finish();
}

}  // namespace robocall::importing
