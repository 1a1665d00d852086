#include "domain/labels.h"

namespace robocall::domain {

std::string_view label(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::kConfirmed:
      return "Подтвердил";
    case CallOutcome::kCancelled:
      return "Отменил";
    case CallOutcome::kNoAnswer:
      return "Нет ответа";
    case CallOutcome::kBusy:
      return "Занято";
    case CallOutcome::kUnavailable:
      return "Абонент недоступен";
    case CallOutcome::kNoInput:
      return "Ответили, клавиша не нажата (человек или автоответчик)";
    case CallOutcome::kFailed:
      return "Сбой связи";
    case CallOutcome::kConfigError:
      return "Ошибка настроек SIP";
    case CallOutcome::kInterrupted:
      return "Звонок прерван";
    case CallOutcome::kNotVerified:
      return "Не прошёл проверку личности";
  }
  return "Неизвестно";
}

std::string_view label(TaskState state) {
  switch (state) {
    case TaskState::kPending:
      return "Ждёт звонка";
    case TaskState::kCalling:
      return "Идёт звонок";
    case TaskState::kConfirmed:
      return "Подтвердил";
    case TaskState::kCancelled:
      return "Отменил";
    case TaskState::kExhausted:
      return "Не дозвонились";
    case TaskState::kExpired:
      return "Приём уже прошёл";
    case TaskState::kNotVerified:
      return "Не прошёл проверку личности";
    case TaskState::kWithdrawn:
      return "Снят с обзвона";
  }
  return "Неизвестно";
}

std::string_view label(ListStatus status) {
  switch (status) {
    case ListStatus::kConfirmed:
      return "Подтверждение";
    case ListStatus::kCancelled:
      return "Отмена";
    case ListStatus::kUnknown:
      return "Неизвестно";
  }
  return "Неизвестно";
}

std::string_view label(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "Администратор";
    case Role::kRegistrar:
      return "Регистратор";
  }
  return "Регистратор";
}

}  // namespace robocall::domain
