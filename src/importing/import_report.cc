#include "importing/import_report.h"

#include <nlohmann/json.hpp>

namespace robocall::importing {

std::string report_json(const ImportReport& report) {
  nlohmann::ordered_json json;
  json["import_id"] = report.import_id;
  json["rows_read"] = report.rows_read;
  json["created"] = report.created;
  json["skipped"] = nlohmann::ordered_json::array();
  for (const auto& s : report.skipped) {
    json["skipped"].push_back(
        {{"row", s.row}, {"reason", to_string(s.reason)}, {"message", s.message}});
  }
  json["notes"] = nlohmann::ordered_json::array();
  for (const auto& n : report.notes) {
    json["notes"].push_back({{"row", n.row}, {"message", n.message}});
  }
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string report_text(const ImportReport& report) {
  std::string text = "Прочитано строк: " + std::to_string(report.rows_read) +
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
