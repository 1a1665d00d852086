// ImportReport: what one import did — rows read, tasks created, every skipped
// row with its reason — and its JSON form, shown in the UI and saved in the
// imports table. Plain value type, any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "importing/row_validation.h"

namespace robocall::importing {

struct CreatedTask {
  int row = 0;  // the sheet row or the 1-based position of the JSON task
  std::int64_t id = 0;
};

struct ImportReport {
  std::int64_t import_id = 0;
  std::int64_t campaign_id = 0;  // the campaign the tasks joined (docs/BEHAVIOUR.md "Campaigns")
  std::string campaign_name;
  std::int64_t rows_read = 0;  // data rows (a header row is not counted)
  std::int64_t created = 0;
  std::vector<SkippedRow> skipped;  // in row order
  std::vector<RowNote> notes;       // for created rows, in row order
  std::vector<CreatedTask> tasks;   // in row order; not part of the JSON
  // When calling starts («в 09:15», «сейчас», ...: domain/calling_day.h); set
  // by the web layer for its answer, in the JSON only when set.
  std::string calling_starts;
};

// {"import_id":N,"campaign_id":N,"campaign_name":"...","rows_read":N,"created":N,
//  "skipped":[{"row":R,"reason":"bad_phone","message":"..."}],
//  "notes":[{"row":R,"message":"..."}],"calling_starts":"..."}
std::string report_json(const ImportReport& report);

// The report as a short Russian text for the console.
std::string report_text(const ImportReport& report);

}  // namespace robocall::importing
