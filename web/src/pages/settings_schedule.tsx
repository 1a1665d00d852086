// «Настройки → Расписание»: the working and shortened days' calling windows
// and each weekday's mode (one form), then the date exceptions and the
// production calendar (settings_exceptions.tsx). UI thread.

import { computed, signal, useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, get, put } from '../api';
import { weekdayNames } from '../format';
import { SettingsBlock, snapshot } from '../forms';
import type { Page } from '../router';
import type { DateException, DayMode, ProductionCalendar, Schedule } from '../types';
import { NoticeLine, useNotice, useOnce } from '../ui';
import { ExceptionsBlock, ModeSelect } from './settings_exceptions';

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

interface TimeModel {
  id: string;
  label: string;
  text: Signal<string>;
}

// 24-hour ЧЧ:ММ as text: <input type="time"> shows AM/PM in some browser
// languages, which a receptionist should not have to decode.
function TimeInput({ t }: { t: TimeModel }) {
  return (
    <input
      type="text"
      id={t.id}
      class="time"
      required
      aria-label={t.label}
      placeholder="ЧЧ:ММ"
      maxLength={5}
      inputMode="numeric"
      pattern="[0-2][0-9]:[0-5][0-9]"
      value={t.text.value}
      onInput={(e) => (t.text.value = e.currentTarget.value)}
    />
  );
}

function Window(props: { legend: string; start: TimeModel; end: TimeModel }) {
  return (
    <fieldset class="field plain">
      <legend>{props.legend}</legend>
      <div class="row">
        <TimeInput t={props.start} />
        <span aria-hidden="true">—</span>
        <TimeInput t={props.end} />
      </div>
    </fieldset>
  );
}

function ScheduleBlock({ initial }: { initial: Schedule }) {
  const m = useOnce(() => {
    const time = (id: string, label: string): TimeModel => ({ id, label, text: signal('') });
    const model = {
      workStart: time('work-start', 'Будние дни: начало'),
      workEnd: time('work-end', 'Будние дни: конец'),
      shortStart: time('short-start', 'Сокращённые дни: начало'),
      shortEnd: time('short-end', 'Сокращённые дни: конец'),
      days: weekdayNames.map(() => signal<DayMode>('working')),
      saved: signal(''),
      values(): string {
        const times = [model.workStart, model.workEnd, model.shortStart, model.shortEnd];
        return snapshot([...times.map((t) => t.text.value), ...model.days.map((day) => day.value)]);
      },
      fill(s: Schedule): void {
        model.workStart.text.value = s.working.start;
        model.workEnd.text.value = s.working.end;
        model.shortStart.text.value = s.shortened.start;
        model.shortEnd.text.value = s.shortened.end;
        model.days.forEach((day, i) => {
          day.value = s.weekdays[i] ?? 'working';
        });
        model.saved.value = model.values();
      },
    };
    model.fill(initial);
    return { ...model, dirty: computed(() => model.values() !== model.saved.value) };
  });
  const save = (): string | Promise<unknown> => {
    const windows: [string, TimeModel, TimeModel][] = [
      ['будние дни', m.workStart, m.workEnd],
      ['сокращённые дни', m.shortStart, m.shortEnd],
    ];
    for (const [label, start, end] of windows) {
      for (const t of [start, end]) {
        const time = parseTime(t.text.value);
        if (time === null) {
          document.getElementById(t.id)?.focus();
          return `Время работы (${label}): введите время как ЧЧ:ММ, например 09:00 (конец суток — 24:00).`;
        }
        t.text.value = time;
      }
      if (start.text.value >= end.text.value) {
        document.getElementById(start.id)?.focus();
        return `Время работы (${label}): начало должно быть раньше конца.`;
      }
    }
    const next: Schedule = {
      working: { start: m.workStart.text.value, end: m.workEnd.text.value },
      shortened: { start: m.shortStart.text.value, end: m.shortEnd.text.value },
      weekdays: m.days.map((day) => day.value),
    };
    return put<Schedule>('/api/settings/schedule', next).then(m.fill);
  };
  return (
    <SettingsBlock id="schedule" title="Настройки расписания" save={save} dirty={m.dirty.value}>
      <div class="grid-2">
        <Window legend="Время работы в будние дни" start={m.workStart} end={m.workEnd} />
        <Window legend="Время работы в сокращённые дни" start={m.shortStart} end={m.shortEnd} />
      </div>
      <div class="weekdays">
        {m.days.map((day, i) => (
          <div class="field">
            <label for={`weekday-${i}`}>{weekdayNames[i] ?? ''}</label>
            <ModeSelect id={`weekday-${i}`} value={day.value} onChange={(mode) => (day.value = mode)} />
          </div>
        ))}
      </div>
    </SettingsBlock>
  );
}

interface Loaded {
  schedule: Schedule;
  exceptions: DateException[];
  calendars: ProductionCalendar[];
}

function ScheduleSettingsScreen() {
  const notice = useNotice();
  const loaded = useSignal<Loaded | null>(null);
  useEffect(() => {
    notice.info('Загружаем расписание…');
    Promise.all([
      get<Schedule>('/api/settings/schedule'),
      get<DateException[]>('/api/settings/exceptions'),
      get<ProductionCalendar[]>('/api/settings/production-calendars'),
    ])
      .then(([schedule, exceptions, calendars]) => {
        notice.clear();
        loaded.value = { schedule, exceptions, calendars };
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }, []);
  const l = loaded.value;
  return (
    <>
      <h1>Расписание</h1>
      <NoticeLine notice={notice} />
      {l ? (
        <>
          <ScheduleBlock initial={l.schedule} />
          <ExceptionsBlock initial={l.exceptions} calendars={l.calendars} />
        </>
      ) : null}
    </>
  );
}

export const scheduleSettingsPage: Page = { title: 'Расписание', component: ScheduleSettingsScreen };
