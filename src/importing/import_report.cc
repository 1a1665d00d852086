#include "importing/import_report.h"

#include "common/json_text.h"

namespace robocall::importing {

// Written entry by entry rather than through a JSON document: a report of
// 200,000 rows would otherwise hold a node per field.
std::string report_json(const ImportReport& report) {
  std::size_t size = 100;
  for (const auto& s : report.skipped) size += 56 + s.message.size();
  for (const auto& n : report.notes) size += 28 + n.message.size();
  std::string out;
  out.reserve(size);  // a report of megabytes is not built by doubling
  out += "{\"import_id\":" + std::to_string(report.import_id) +
         ",\"campaign_id\":" + std::to_string(report.campaign_id) + ",\"campaign_name\":";
  append_json_string(out, report.campaign_name);
  out += ",\"rows_read\":" + std::to_string(report.rows_read) +
         ",\"created\":" + std::to_string(report.created) + ",\"skipped\":[";
  for (std::size_t i = 0; i < report.skipped.size(); ++i) {
    const auto& s = report.skipped[i];
    if (i > 0) out += ',';
    out += "{\"row\":" + std::to_string(s.row) + ",\"reason\":\"";
    out += to_string(s.reason);
    out += "\",\"message\":";
    append_json_string(out, s.message);
    out += '}';
  }
  out += "],\"notes\":[";
  for (std::size_t i = 0; i < report.notes.size(); ++i) {
    const auto& n = report.notes[i];
    if (i > 0) out += ',';
    out += "{\"row\":" + std::to_string(n.row) + ",\"message\":";
    append_json_string(out, n.message);
    out += '}';
  }
  out += ']';
  if (!report.calling_starts.empty()) {
    out += ",\"calling_starts\":";
    append_json_string(out, report.calling_starts);
  }
  out += '}';
  return out;
}

std::string report_text(const ImportReport& report) {
  std::string text = "Кампания: " + report.campaign_name +
                     "\nПрочитано строк: " + std::to_string(report.rows_read) +
                     "\nСоздано заданий: " + std::to_string(report.created) +
                     "\nПропущено строк: " + std::to_string(report.skipped.size()) + "\n";
  for (const auto& s : report.skipped) {
    text += "  строка " + std::to_string(s.row) + ": " + s.message + "\n";
  }
  if (!report.notes.empty()) {
    text += "Замечания:\n";
    for (const auto& n : report.notes) {
      text += "  строка " + std::to_string(n.row) + ": " + n.message + "\n";
    }
  }
  return text;
}

}  // namespace robocall::importing
