// «Особые дни» of «Настройки → Расписание»: the date exceptions table, filled
// by hand, from a built-in production calendar year or from an xmlcalendar
// XML file. The stored rows are all there are: removing every row leaves no
// exceptions (docs/BEHAVIOUR.md "Calling window"). UI thread.

import { useComputed, useSignal } from '@preact/signals';
import { errorText, post, put, upload } from '../api';
import { DateField, isoOf } from '../date_field';
import { dayModeText, date as formatDate } from '../format';
import { SettingsBlock, snapshot } from '../forms';
import type { DateException, DayMode, ProductionCalendar } from '../types';
import { Field, FilePicker, NoticeLine, useNotice } from '../ui';

const kModes: DayMode[] = ['working', 'shortened', 'day_off'];

// The select of a day's mode (also the schedule block's weekdays).
export function ModeSelect(props: { id?: string; label?: string; value: DayMode; onChange: (mode: DayMode) => void }) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as DayMode)}
    >
      {kModes.map((mode) => (
        <option value={mode}>{dayModeText[mode]}</option>
      ))}
    </select>
  );
}

// Today in the browser's calendar as YYYY-MM-DD.
function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// A year's name in the choice: a provisional calendar says why.
function calendarLabel(c: ProductionCalendar): string {
  return c.provisional
    ? `${c.year} — предварительный (ещё не утверждён постановлением Правительства, даты могут измениться)`
    : String(c.year);
}

// What «предварительно» beside a date means.
const kProvisionalHint =
  '«предварительно» — день из предварительного производственного календаря: постановление Правительства о ' +
  'переносе выходных ещё не вышло, дата может измениться. Проверьте эти дни, когда оно выйдет.';

// «Заполнить по производственному календарю <год>»: the year's days replace
// that year's exceptions on the server at once (after a confirmation, which
// also says that the table's unsaved edits are dropped).
function ProductionCalendarFill(props: {
  calendars: ProductionCalendar[];
  dirty: boolean;
  onSaved: (saved: DateException[]) => void;
}) {
  const notice = useNotice();
  const thisYear = new Date().getFullYear();
  const first = props.calendars[0];
  const year = useSignal(
    props.calendars.some((c) => c.year === thisYear) ? String(thisYear) : first ? String(first.year) : '',
  );
  const fill = (): void => {
    const chosen = props.calendars.find((c) => String(c.year) === year.value);
    if (!chosen) return;
    const warning = chosen.provisional
      ? ` Календарь ${chosen.year} года предварительный: проверьте его, когда выйдет постановление.`
      : '';
    const unsaved = props.dirty ? ' Несохранённые изменения в таблице будут потеряны.' : '';
    const question = `Особые дни ${chosen.year} года будут заменены днями производственного календаря (дней: ${chosen.days}).${warning}${unsaved} Продолжить?`;
    if (!window.confirm(question)) return;
    notice.info('Заполняем…');
    post<DateException[]>('/api/settings/exceptions/production-calendar', { year: chosen.year })
      .then((saved) => {
        props.onSaved(saved);
        notice.ok(`Особые дни ${chosen.year} года заполнены по производственному календарю.`);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  };
  return (
    <div class="row" style="margin-top:0.9rem">
      <Field label="Производственный календарь">
        <select id="production-year" value={year.value} onChange={(e) => (year.value = e.currentTarget.value)}>
          {props.calendars.map((c) => (
            <option value={String(c.year)}>{calendarLabel(c)}</option>
          ))}
        </select>
      </Field>
      <button type="button" onClick={fill}>
        Заполнить по производственному календарю
      </button>
      <NoticeLine notice={notice} />
    </div>
  );
}

export function ExceptionsBlock(props: { initial: DateException[]; calendars: ProductionCalendar[] }) {
  const list = useSignal<DateException[]>([...props.initial]);
  // The list as last loaded or saved (the dirty check).
  const saved = useSignal(snapshot(props.initial));
  const dirty = useComputed(() => snapshot(list.value) !== saved.value);
  const replaceAll = (stored: DateException[]): void => {
    list.value = [...stored];
    saved.value = snapshot(stored);
  };
  // Past days stay in the saved list but are shown only on request.
  const showPast = useSignal(false);
  const newDate = useSignal('');
  const newMode = useSignal<DayMode>('day_off');
  const addNotice = useNotice();
  const calendarNotice = useNotice();

  const today = todayIso();
  const shown = list.value.map((ex, i) => ({ ex, i })).filter(({ ex }) => showPast.value || ex.date >= today);

  const add = (): void => {
    const date = isoOf(newDate.value);
    if (!date) {
      addNotice.error('Введите дату как ДД.ММ.ГГГГ или выберите её в календаре.');
      document.getElementById('exception-date')?.focus();
      return;
    }
    addNotice.clear();
    const next = list.value.filter((ex) => ex.date !== date);
    next.push({ date, mode: newMode.value });
    next.sort((a, b) => a.date.localeCompare(b.date));
    list.value = next;
    newDate.value = '';
  };

  // A production calendar (xmlcalendar.ru XML) replaces its year's days.
  const importCalendar = (file: File): void => {
    if (dirty.value && !window.confirm('Несохранённые изменения в таблице будут потеряны. Загрузить календарь?'))
      return;
    calendarNotice.info('Загружаем календарь…');
    upload<DateException[]>('/api/settings/exceptions/import', file, () => {})
      .then((stored) => {
        replaceAll(stored);
        calendarNotice.ok(`Календарь «${file.name}» загружен: особых дней теперь ${stored.length}.`);
      })
      .catch((error: unknown) => calendarNotice.error(errorText(error)));
  };

  const save = (): Promise<unknown> => put<DateException[]>('/api/settings/exceptions', list.value).then(replaceAll);
  const provisionalShown = shown.some(({ ex }) => ex.provisional);

  return (
    <SettingsBlock id="exceptions" title="Особые дни (праздники и переносы)" save={save} dirty={dirty.value}>
      <p class="muted">Дни, когда режим работы отличается от обычного для этого дня недели.</p>
      <div class="radio-line">
        <input
          type="checkbox"
          id="exceptions-past"
          checked={showPast.value}
          onChange={(e) => (showPast.value = e.currentTarget.checked)}
        />
        <label for="exceptions-past">Показывать прошедшие дни</label>
      </div>
      <div class="table-wrap scroll">
        <table aria-label="Особые дни">
          <thead>
            <tr>
              <th scope="col">Дата</th>
              <th scope="col">Режим</th>
              <th scope="col">
                <span class="visually-hidden">Действия</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={3} class="empty">
                  {list.value.length ? 'Впереди особых дней нет.' : 'Исключений нет: все дни по расписанию недели.'}
                </td>
              </tr>
            ) : (
              shown.map(({ ex, i }) => (
                <tr key={ex.date} data-date={ex.date}>
                  <td class="nowrap">
                    {formatDate(ex.date)}
                    {ex.provisional ? (
                      <span class="tag" title={kProvisionalHint}>
                        предварительно
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <ModeSelect
                      label={`Режим дня ${formatDate(ex.date)}`}
                      value={ex.mode}
                      onChange={(mode) => {
                        const next = [...list.value];
                        next[i] = { ...ex, mode };
                        list.value = next;
                      }}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() => (list.value = list.value.filter((_, j) => j !== i))}
                    >
                      Убрать
                    </button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {provisionalShown ? (
        <p class="hint" data-provisional-hint="">
          {kProvisionalHint}
        </p>
      ) : null}
      <div class="row" style="margin-top:0.8rem">
        <DateField name="exception-date" label="Дата" text={newDate} id="exception-date" />
        <Field label="Режим">
          <ModeSelect id="exception-mode" value={newMode.value} onChange={(mode) => (newMode.value = mode)} />
        </Field>
        <button type="button" onClick={add}>
          Добавить
        </button>
        <NoticeLine notice={addNotice} />
      </div>
      <ProductionCalendarFill calendars={props.calendars} dirty={dirty.value} onSaved={replaceAll} />
      <p class="muted" style="margin-top:0.9rem">
        Или загрузите производственный календарь года (файл XML с xmlcalendar.ru) — он сразу заменит особые дни этого
        года:{' '}
      </p>
      <div class="row">
        <FilePicker
          id="calendar-file"
          accept=".xml,text/xml,application/xml"
          buttonText="Загрузить календарь (XML)…"
          onFile={importCalendar}
        />
        <NoticeLine notice={calendarNotice} />
      </div>
    </SettingsBlock>
  );
}
