// XmlEvents: an XmlHandler that writes down every event as a line, adjacent
// pieces of text joined as a handler sees them. For comparing XmlScanner
// with expat (xml_scanner_test.cc, fuzz/xml_scanner_fuzzer.cc); not used by
// the program.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xlsx/xml_parser.h"

namespace robocall::xlsx {

class XmlEvents : public XmlHandler {
 public:
  std::vector<std::string> events;

  void on_start(std::string_view name, const char** attrs) override {
    std::string line = "<" + std::string(name);
    for (const char** a = attrs; *a != nullptr; a += 2) {
      line += ' ';
      line += a[0];
      line += '=';
      line += a[1];
    }
    events.push_back(std::move(line));
  }
  void on_end(std::string_view name) override { events.push_back("/" + std::string(name)); }
  void on_text(std::string_view text) override {
    if (!events.empty() && events.back().starts_with("T")) {
      events.back() += text;
    } else {
      events.push_back("T" + std::string(text));
    }
  }
};

}  // namespace robocall::xlsx
