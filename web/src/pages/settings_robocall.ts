// «Настройки → RoboCall»: the main settings (on/off, attempts, retry after,
// answer timeout, concurrency), the schedule, date exceptions, the phrases
// and the retention of recordings and tasks; each block saves on its own. UI thread.

import { errorText, get, put } from '../api';
import { Notice, h, replace } from '../dom';
import { weekdayNames } from '../format';
import { NumberField, readNumbers, settingsBlock } from '../forms';
import { refreshNow } from '../live_status';
import type { Page } from '../router';
import type { DateException, DayMode, ProductionCalendar, RobocallSettings, Schedule } from '../types';
import { exceptionsBlock, modeSelect } from './settings_exceptions';
import { phrasesBlock, showVerification } from './settings_phrases';

// 24-hour ЧЧ:ММ as text: <input type="time"> shows AM/PM in some browser
// languages, which a receptionist should not have to decode.
function timeInput(label: string): HTMLInputElement {
  return h('input', {
    type: 'text',
    class: 'time',
    required: true,
    'aria-label': label,
    placeholder: 'ЧЧ:ММ',
    maxlength: 5,
    inputmode: 'numeric',
    pattern: '[0-2][0-9]:[0-5][0-9]',
  });
}

// "9:05" or "09:05" → "09:05"; "24:00" is the end of the day (the API takes
// it as a window's end); null when not a time of day.
function parseTime(text: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes !== 0)) return null;
  return `${String(hours).padStart(2, '0')}:${m[2]}`;
}

// The stored settings; each block sends the whole object with its own
// fields changed and takes the server's answer as the new state.
let current: RobocallSettings | null = null;

function basicsBlock(): HTMLElement {
  const enabled = h('input', { type: 'checkbox', role: 'switch', name: 'enabled' });
  const attempts = new NumberField('Количество попыток', 1, 20);
  const retry = new NumberField('Перезванивать через (минут)', 1, 1440);
  const timeout = new NumberField('Ждать ответа (секунд)', 5, 120, 1, 'Сколько ждать, пока пациент возьмёт трубку.');
  const maxCalls = new NumberField('Одновременных звонков, не больше', 1, 1000);
  const rate = new NumberField('Новых звонков в секунду, не больше', 0.1, 100, 0.1);
  const verify = h('input', { type: 'checkbox', name: 'verify_identity', id: 'verify-identity' });
  const fill = (s: RobocallSettings): void => {
    enabled.checked = s.enabled;
    verify.checked = s.verify_identity ?? false;
    showVerification(verify.checked);
    attempts.set(s.attempts);
    retry.set(s.retry_after_min);
    timeout.set(s.answer_timeout_s);
    maxCalls.set(s.max_calls);
    rate.set(s.max_calls_per_second);
  };
  if (current) fill(current);
  const block = settingsBlock(
    'robocall',
    'Основные настройки RoboCall',
    [
      h('p', {}, h('label', { class: 'switch' }, enabled, 'Обзвон включён')),
      h('div', { class: 'grid-2' }, attempts.el, retry.el, timeout.el, maxCalls.el, rate.el),
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'radio-line' }, verify, h('label', { for: 'verify-identity' }, 'Проверять личность')),
        h(
          'p',
          { class: 'muted' },
          'После приветствия пациент вводит год рождения (фраза 7). Неверный год дважды — фраза 8, ' +
            'звонок завершается со статусом «Неизвестно» и больше не повторяется.',
        ),
      ),
    ],
    () => {
      const values = readNumbers([attempts, retry, timeout, maxCalls, rate]);
      if (typeof values === 'string') return values;
      if (!current) return 'Настройки ещё не загружены. Обновите страницу.';
      const [a, r, t, m, c] = values as [number, number, number, number, number];
      const next: RobocallSettings = {
        ...current,
        enabled: enabled.checked,
        attempts: a,
        retry_after_min: r,
        answer_timeout_s: t,
        max_calls: m,
        max_calls_per_second: c,
        verify_identity: verify.checked,
      };
      return put<RobocallSettings>('/api/settings/robocall', next).then((saved) => {
        current = saved;
        fill(saved);
        refreshNow();
      });
    },
  );
  return block.el;
}

function retentionBlock(): HTMLElement {
  const keepAll = h('input', { type: 'radio', name: 'retention', value: 'all', id: 'retention-all' });
  const keepDays = h('input', { type: 'radio', name: 'retention', value: 'days', id: 'retention-days' });
  const days = new NumberField('Сколько дней хранить', 1, 3650);
  const taskDays = new NumberField(
    'Хранить задания, дней после приёма',
    1,
    3650,
    1,
    'Задания, попытки звонков и их записи удаляются через столько дней после даты приёма.',
  );
  const sync = (): void => {
    days.input.disabled = keepAll.checked;
  };
  keepAll.addEventListener('change', sync);
  keepDays.addEventListener('change', sync);
  const fill = (s: RobocallSettings): void => {
    keepAll.checked = s.retention_days === null;
    keepDays.checked = s.retention_days !== null;
    days.set(s.retention_days ?? 7);
    taskDays.set(s.task_retention_days);
    sync();
  };
  if (current) fill(current);
  return settingsBlock(
    'retention',
    'Хранение записей разговоров и заданий',
    [
      h('div', { class: 'radio-line' }, keepAll, h('label', { for: 'retention-all' }, 'Хранить все записи')),
      h(
        'div',
        { class: 'radio-line' },
        keepDays,
        h('label', { for: 'retention-days' }, 'Удалять записи старше заданного числа дней'),
      ),
      days.el,
      taskDays.el,
    ],
    () => {
      if (!current) return 'Настройки ещё не загружены. Обновите страницу.';
      let retention: number | null = null;
      if (keepDays.checked) {
        const values = readNumbers([days]);
        if (typeof values === 'string') return values;
        retention = values[0] ?? null;
      }
      const tasks = readNumbers([taskDays]);
      if (typeof tasks === 'string') return tasks;
      const taskRetention = tasks[0] ?? current.task_retention_days;
      const next = { ...current, retention_days: retention, task_retention_days: taskRetention };
      return put<RobocallSettings>('/api/settings/robocall', next).then((saved) => {
        current = saved;
        fill(saved);
      });
    },
  ).el;
}

function scheduleBlock(schedule: Schedule): HTMLElement {
  const workStart = timeInput('Будние дни: начало');
  const workEnd = timeInput('Будние дни: конец');
  const shortStart = timeInput('Сокращённые дни: начало');
  const shortEnd = timeInput('Сокращённые дни: конец');
  const days = weekdayNames.map((name, i) => modeSelect(schedule.weekdays[i] ?? 'working', name));
  const fill = (s: Schedule): void => {
    workStart.value = s.working.start;
    workEnd.value = s.working.end;
    shortStart.value = s.shortened.start;
    shortEnd.value = s.shortened.end;
    days.forEach((select, i) => {
      select.value = s.weekdays[i] ?? 'working';
    });
  };
  fill(schedule);
  const window = (label: string, start: HTMLInputElement, end: HTMLInputElement): HTMLElement =>
    h(
      'fieldset',
      { class: 'field plain' },
      h('legend', {}, label),
      h('div', { class: 'row' }, start, h('span', { 'aria-hidden': 'true' }, '—'), end),
    );
  return settingsBlock(
    'schedule',
    'Настройки расписания',
    [
      h(
        'div',
        { class: 'grid-2' },
        window('Время работы в будние дни', workStart, workEnd),
        window('Время работы в сокращённые дни', shortStart, shortEnd),
      ),
      h(
        'div',
        { class: 'weekdays' },
        days.map((select, i) => {
          select.id = `weekday-${i}`;
          return h('div', { class: 'field' }, h('label', { for: select.id }, weekdayNames[i] ?? ''), select);
        }),
      ),
    ],
    () => {
      const windows: [string, HTMLInputElement, HTMLInputElement][] = [
        ['будние дни', workStart, workEnd],
        ['сокращённые дни', shortStart, shortEnd],
      ];
      for (const [label, start, end] of windows) {
        for (const input of [start, end]) {
          const time = parseTime(input.value);
          if (time === null) {
            input.focus();
            return `Время работы (${label}): введите время как ЧЧ:ММ, например 09:00 (конец суток — 24:00).`;
          }
          input.value = time;
        }
        if (start.value >= end.value) {
          start.focus();
          return `Время работы (${label}): начало должно быть раньше конца.`;
        }
      }
      const next: Schedule = {
        working: { start: workStart.value, end: workEnd.value },
        shortened: { start: shortStart.value, end: shortEnd.value },
        weekdays: days.map((select) => select.value as DayMode),
      };
      return put<Schedule>('/api/settings/schedule', next).then(fill);
    },
  ).el;
}

export const robocallSettingsPage: Page = {
  title: 'Настройки RoboCall',
  render(main) {
    const notice = new Notice();
    replace(main, h('h1', {}, 'Настройки RoboCall'), notice.el);
    notice.info('Загружаем настройки…');
    Promise.all([
      get<RobocallSettings>('/api/settings/robocall'),
      get<Schedule>('/api/settings/schedule'),
      get<DateException[]>('/api/settings/exceptions'),
      get<ProductionCalendar[]>('/api/settings/production-calendars'),
    ])
      .then(([settings, schedule, exceptions, calendars]) => {
        current = settings;
        notice.clear();
        main.append(
          basicsBlock(),
          scheduleBlock(schedule),
          exceptionsBlock(exceptions, calendars),
          phrasesBlock(),
          retentionBlock(),
        );
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  },
};
