// Builds XLSX packages in memory for the fuzz target and its seed corpus:
// a minimal workbook around a given sheet XML. Single-threaded, fuzz code only.
#pragma once

#include <string>
#include <string_view>

namespace robocall::fuzz {

struct Package {
  std::string_view sheet_xml;
  std::string_view shared_strings_xml;  // none when empty
  std::string_view styles_xml;          // none when empty
  bool absolute_targets = false;
};

// The zip bytes, stored (not deflated) so that building is cheap.
std::string make_package(const Package& package);

}  // namespace robocall::fuzz
