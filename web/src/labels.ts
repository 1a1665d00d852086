// The Russian words a person reads for call outcomes, task states, the task
// list's statuses, user roles and why an imported row was skipped: the UI's
// one table of them. Each table is a Record over an enum of the OpenAPI
// document (types.ts), so the typecheck fails when the server may send a
// value that has no label here. The server's export and command line use the
// same words (src/domain/labels.cc); a unit test there
// (src/domain/labels_test.cc) reads this file and checks that they agree, so
// keep one `key: 'Label',` per line.

import type { ListStatus, Outcome, Role, SkipReason, StatusFilter, TaskState, VoiceState } from './types';

export const listStatusText: Record<ListStatus, string> = {
  confirmed: 'Подтверждение',
  cancelled: 'Отмена',
  unknown: 'Неизвестно',
};

// The task list's «Статус» filter: the three statuses and «Не дозвонились»,
// the final part of «Неизвестно» (docs/GLOSSARY.md "Statuses").
export const statusFilterText: Record<StatusFilter, string> = {
  confirmed: 'Подтверждение',
  cancelled: 'Отмена',
  unknown: 'Неизвестно',
  unreached: 'Не дозвонились',
};

// The guide's definition of «Неизвестно», shown as a hint beside the status.
export const unknownHint = '«Неизвестно» — задание не обработано или пациент не дал ответ';

export const taskStateText: Record<TaskState, string> = {
  pending: 'Ждёт звонка',
  calling: 'Идёт звонок',
  confirmed: 'Подтвердил',
  cancelled: 'Отменил',
  exhausted: 'Не дозвонились',
  expired: 'Приём уже прошёл',
  not_verified: 'Не прошёл проверку личности',
  withdrawn: 'Снят с обзвона',
};

export const outcomeText: Record<Outcome, string> = {
  confirmed: 'Подтвердил',
  cancelled: 'Отменил',
  no_answer: 'Нет ответа',
  busy: 'Занято',
  unavailable: 'Абонент недоступен',
  no_input: 'Ответили, клавиша не нажата (человек или автоответчик)',
  failed: 'Сбой связи',
  config_error: 'Ошибка настроек SIP',
  interrupted: 'Звонок прерван',
  not_verified: 'Не прошёл проверку личности',
};

export const roleText: Record<Role, string> = {
  admin: 'Администратор',
  registrar: 'Регистратор',
};

export const skipReasonText: Record<SkipReason, string> = {
  bad_phone: 'Неверный номер телефона',
  missing_field: 'Не заполнено обязательное поле',
  duplicate: 'Этот номер уже есть в списке (возможно, член семьи)',
  bad_date: 'Неверная дата',
  past_appointment: 'Дата приёма уже прошла',
  already_loaded: 'Уже загружено раньше',
};

// A voice pack fragment's state on the «Голос» page.
export const voiceStateText: Record<VoiceState, string> = {
  recorded: 'записан',
  synthesised: 'синтезирован',
  outdated: 'устарел',
};

// The audit log's actions («Журнал»); an action not listed shows as is.
export const auditActionText: Record<string, string> = {
  'auth.login': 'Вход',
  'auth.login_failed': 'Неудачный вход',
  'auth.login_limited': 'Вход отклонён: много попыток',
  'auth.logout': 'Выход',
  'auth.password': 'Смена своего пароля',
  'access.denied': 'Доступ запрещён',
  'task.view': 'Просмотр задания',
  'task.search': 'Поиск заданий',
  'task.call_now': 'Позвонить сейчас',
  'task.withdraw': 'Снятие с обзвона',
  'statistics.view': 'Просмотр статистики',
  'recording.play': 'Прослушивание записи',
  'recording.download': 'Скачивание записи',
  export: 'Выгрузка статистики',
  'api.tasks.read': 'Чтение заданий через API',
  'user.create': 'Добавлен пользователь',
  'user.role': 'Изменена роль',
  'user.disable': 'Пользователь заблокирован',
  'user.enable': 'Пользователь разблокирован',
  'user.password_reset': 'Сброшен пароль',
  'token.create': 'Создан API-токен',
  'token.revoke': 'Отозван API-токен',
  'settings.update': 'Изменены настройки',
  'dialer.switch': 'Обзвон включён или выключен',
};

// An account's registration on «Настройки → SIP» (docs/BEHAVIOUR.md "Trunk
// problems"): «зарегистрирован до 12:30», «ошибка 403 Forbidden», «регистрация выкл.».
export function registrationText(r: {
  state: string;
  until?: string | null;
  sip_code?: number | null;
  error?: string | null;
}): string {
  switch (r.state) {
    case 'off':
      return 'регистрация выкл.';
    case 'registering':
      return 'регистрация…';
    case 'registered': {
      if (!r.until) return 'зарегистрирован';
      const d = new Date(r.until);
      const p = (n: number): string => String(n).padStart(2, '0');
      return `зарегистрирован до ${p(d.getHours())}:${p(d.getMinutes())}`;
    }
    case 'failed':
      return r.sip_code ? `ошибка ${r.sip_code}${r.error ? ` ${r.error}` : ''}` : `ошибка: ${r.error ?? 'нет ответа'}`;
    default:
      return 'не используется для обзвона';
  }
}
