// «Настройки → RoboCall»: the main settings (on/off, attempts, retry after,
// answer timeout, concurrency), the schedule, date exceptions, the phrases
// and the retention of recordings and tasks; each block saves on its own. UI thread.

import { signal, useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, get, put } from '../api';
import { NumberField, NumberInput, readNumbers, SettingsBlock } from '../forms';
import { refreshNow } from '../live_status';
import type { Page } from '../router';
import type { DateException, ProductionCalendar, RobocallSettings, Schedule } from '../types';
import { NoticeLine, useNotice, useOnce } from '../ui';
import { ExceptionsBlock } from './settings_exceptions';
import { PhrasesBlock, verifying } from './settings_phrases';
import { ScheduleBlock } from './settings_schedule';

// The stored settings; each block sends the whole object with its own
// fields changed and takes the server's answer as the new state.
type Current = Signal<RobocallSettings>;

function Basics({ current }: { current: Current }) {
  const m = useOnce(() => {
    const model = {
      enabled: signal(false),
      verify: signal(false),
      attempts: new NumberField('Количество попыток', 1, 20),
      retry: new NumberField('Перезванивать через (минут)', 1, 1440),
      timeout: new NumberField('Ждать ответа (секунд)', 5, 120, 1, 'Сколько ждать, пока пациент возьмёт трубку.'),
      maxCalls: new NumberField('Одновременных звонков, не больше', 1, 1000),
      rate: new NumberField('Новых звонков в секунду, не больше', 0.1, 100, 0.1),
      fill(s: RobocallSettings): void {
        model.enabled.value = s.enabled;
        model.verify.value = s.verify_identity ?? false;
        verifying.value = model.verify.value;
        model.attempts.set(s.attempts);
        model.retry.set(s.retry_after_min);
        model.timeout.set(s.answer_timeout_s);
        model.maxCalls.set(s.max_calls);
        model.rate.set(s.max_calls_per_second);
      },
    };
    model.fill(current.value);
    return model;
  });
  const save = (): string | Promise<unknown> => {
    const values = readNumbers([m.attempts, m.retry, m.timeout, m.maxCalls, m.rate]);
    if (typeof values === 'string') return values;
    const [a, r, t, c, rate] = values as [number, number, number, number, number];
    const next: RobocallSettings = {
      ...current.value,
      enabled: m.enabled.value,
      attempts: a,
      retry_after_min: r,
      answer_timeout_s: t,
      max_calls: c,
      max_calls_per_second: rate,
      verify_identity: m.verify.value,
    };
    return put<RobocallSettings>('/api/settings/robocall', next).then((saved) => {
      current.value = saved;
      m.fill(saved);
      refreshNow();
    });
  };
  return (
    <SettingsBlock id="robocall" title="Основные настройки RoboCall" save={save}>
      <p>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            name="enabled"
            checked={m.enabled.value}
            onChange={(e) => (m.enabled.value = e.currentTarget.checked)}
          />
          Обзвон включён
        </label>
      </p>
      <div class="grid-2">
        <NumberInput f={m.attempts} />
        <NumberInput f={m.retry} />
        <NumberInput f={m.timeout} />
        <NumberInput f={m.maxCalls} />
        <NumberInput f={m.rate} />
      </div>
      <div class="field">
        <div class="radio-line">
          <input
            type="checkbox"
            name="verify_identity"
            id="verify-identity"
            checked={m.verify.value}
            onChange={(e) => (m.verify.value = e.currentTarget.checked)}
          />
          <label for="verify-identity">Проверять личность</label>
        </div>
        <p class="muted">
          После приветствия пациент вводит год рождения (фраза 7). Неверный год дважды — фраза 8, звонок завершается со
          статусом «Неизвестно» и больше не повторяется.
        </p>
      </div>
    </SettingsBlock>
  );
}

function Retention({ current }: { current: Current }) {
  const m = useOnce(() => {
    const model = {
      keepAll: signal(true),
      days: new NumberField('Сколько дней хранить', 1, 3650),
      taskDays: new NumberField(
        'Хранить задания, дней после приёма',
        1,
        3650,
        1,
        'Задания, попытки звонков и их записи удаляются через столько дней после даты приёма.',
      ),
      fill(s: RobocallSettings): void {
        model.keepAll.value = s.retention_days === null;
        model.days.set(s.retention_days ?? 7);
        model.taskDays.set(s.task_retention_days);
      },
    };
    model.fill(current.value);
    return model;
  });
  const save = (): string | Promise<unknown> => {
    let retention: number | null = null;
    if (!m.keepAll.value) {
      const values = readNumbers([m.days]);
      if (typeof values === 'string') return values;
      retention = values[0] ?? null;
    }
    const tasks = readNumbers([m.taskDays]);
    if (typeof tasks === 'string') return tasks;
    const taskRetention = tasks[0] ?? current.value.task_retention_days;
    const next = { ...current.value, retention_days: retention, task_retention_days: taskRetention };
    return put<RobocallSettings>('/api/settings/robocall', next).then((saved) => {
      current.value = saved;
      m.fill(saved);
    });
  };
  return (
    <SettingsBlock id="retention" title="Хранение записей разговоров и заданий" save={save}>
      <div class="radio-line">
        <input
          type="radio"
          name="retention"
          value="all"
          id="retention-all"
          checked={m.keepAll.value}
          onChange={() => (m.keepAll.value = true)}
        />
        <label for="retention-all">Хранить все записи</label>
      </div>
      <div class="radio-line">
        <input
          type="radio"
          name="retention"
          value="days"
          id="retention-days"
          checked={!m.keepAll.value}
          onChange={() => (m.keepAll.value = false)}
        />
        <label for="retention-days">Удалять записи старше заданного числа дней</label>
      </div>
      <NumberInput f={m.days} disabled={m.keepAll.value} />
      <NumberInput f={m.taskDays} />
    </SettingsBlock>
  );
}

interface Loaded {
  settings: Signal<RobocallSettings>;
  schedule: Schedule;
  exceptions: DateException[];
  calendars: ProductionCalendar[];
}

function RobocallSettingsScreen() {
  const notice = useNotice();
  const loaded = useSignal<Loaded | null>(null);
  useEffect(() => {
    notice.info('Загружаем настройки…');
    Promise.all([
      get<RobocallSettings>('/api/settings/robocall'),
      get<Schedule>('/api/settings/schedule'),
      get<DateException[]>('/api/settings/exceptions'),
      get<ProductionCalendar[]>('/api/settings/production-calendars'),
    ])
      .then(([settings, schedule, exceptions, calendars]) => {
        notice.clear();
        loaded.value = { settings: signal(settings), schedule, exceptions, calendars };
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }, []);
  const l = loaded.value;
  return (
    <>
      <h1>Настройки RoboCall</h1>
      <NoticeLine notice={notice} />
      {l ? (
        <>
          <Basics current={l.settings} />
          <ScheduleBlock initial={l.schedule} />
          <ExceptionsBlock initial={l.exceptions} calendars={l.calendars} />
          <PhrasesBlock />
          <Retention current={l.settings} />
        </>
      ) : null}
    </>
  );
}

export const robocallSettingsPage: Page = { title: 'Настройки RoboCall', component: RobocallSettingsScreen };
