// The Russian words a person reads for call outcomes, task states and the
// task list's statuses: the UI's one table of them. The server's export and
// command line use the same words (src/domain/labels.cc); a unit test there
// (src/domain/labels_test.cc) reads this file and checks that they agree, so
// keep one `key: 'Label',` per line.

import type { ListStatus, Outcome, TaskState } from './types';

export const listStatusText: Record<ListStatus, string> = {
  confirmed: 'Подтверждение',
  cancelled: 'Отмена',
  unknown: 'Неизвестно',
};

export const taskStateText: Record<TaskState, string> = {
  pending: 'Ожидает звонка',
  calling: 'Идёт звонок',
  confirmed: 'Пациент подтвердил запись',
  cancelled: 'Пациент отменил запись',
  exhausted: 'Попытки исчерпаны',
  expired: 'Время приёма прошло',
};

export const outcomeText: Record<Outcome, string> = {
  confirmed: 'Подтвердил',
  cancelled: 'Отменил',
  no_answer: 'Нет ответа',
  busy: 'Занято',
  unavailable: 'Абонент недоступен',
  no_input: 'Ответил, не нажал клавишу',
  failed: 'Сбой связи',
  config_error: 'Ошибка настроек SIP',
  interrupted: 'Звонок прерван',
};
