// The Russian words a person reads (docs/GLOSSARY.md) for call outcomes, task states and the
// task list's statuses and user roles: the one table in C++ (the XLSX export, the command
// line). The web UI keeps the same words in web/src/labels.ts, and
// labels_test.cc checks that they agree. Each label stands alone in a cell,
// so it starts with a capital letter. Pure; any thread.
#pragma once

#include <string_view>

#include "domain/outcome.h"
#include "domain/role.h"
#include "domain/task.h"

namespace robocall::domain {

std::string_view label(CallOutcome outcome);  // "Нет ответа"
std::string_view label(TaskState state);      // "Ждёт звонка"
std::string_view label(ListStatus status);    // "Подтверждение"
std::string_view label(Role role);            // "Администратор"

}  // namespace robocall::domain
