#include "store/text_fold.h"

#include <sqlite3.h>

namespace robocall::store {
namespace {

void fold_sql(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
  const std::string folded = fold_for_search(std::string_view(text, size));
  sqlite3_result_text64(context, folded.data(), folded.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + ('a' - 'A'));
      continue;
    }
    if ((c == 0xD0 || c == 0xD1) && i + 1 < text.size()) {
      const auto d = static_cast<unsigned char>(text[i + 1]);
      const bool yo = (c == 0xD0 && d == 0x81) || (c == 0xD1 && d == 0x91);
      if (yo) {  // Ё, ё → е
        out += "\xD0\xB5";
        ++i;
        continue;
      }
      if (c == 0xD0 && d >= 0x90 && d <= 0x9F) {  // А..П → а..п
        out += static_cast<char>(0xD0);
        out += static_cast<char>(d + 0x20);
        ++i;
        continue;
      }
      if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) {  // Р..Я → р..я
        out += static_cast<char>(0xD1);
        out += static_cast<char>(d - 0x20);
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

int register_fold_function(sqlite3* db) {
  return sqlite3_create_function_v2(db, "robocall_fold", 1,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                    fold_sql, nullptr, nullptr, nullptr);
}

}  // namespace robocall::store
