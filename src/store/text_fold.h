// Case folding for the task list's text search: ASCII and Russian letters to
// lower case, and Ё/ё to е, so "семенов" finds "Семёнов". Registered on every
// Connection as the SQL function robocall_fold(text). Pure; any thread.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace robocall::store {

std::string fold_for_search(std::string_view text);

// Registers robocall_fold(text) on the handle. Returns the SQLite result code.
int register_fold_function(sqlite3* db);

}  // namespace robocall::store
