// «Особые дни» of «Настройки → RoboCall»: the date exceptions table, filled
// by hand, from a built-in production calendar year or from an xmlcalendar
// XML file. The stored rows are all there are: removing every row leaves no
// exceptions (docs/BEHAVIOUR.md "Calling window"). UI thread.

import { errorText, post, put, upload } from '../api';
import { Notice, field, filePicker, h, replace } from '../dom';
import { dateField } from '../date_field';
import { dayModeText, date as formatDate } from '../format';
import { settingsBlock } from '../forms';
import type { DateException, DayMode, ProductionCalendar } from '../types';

const kModes: DayMode[] = ['working', 'shortened', 'day_off'];

// The select of a day's mode (also the schedule block's weekdays).
export function modeSelect(value: DayMode, label: string): HTMLSelectElement {
  return h(
    'select',
    { 'aria-label': label },
    kModes.map((mode) => h('option', { value: mode, selected: mode === value }, dayModeText[mode])),
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

// «Заполнить по производственному календарю <год>»: the year's days replace
// that year's exceptions on the server at once (after a confirmation).
function productionCalendarFill(
  calendars: ProductionCalendar[],
  onSaved: (saved: DateException[]) => void,
): HTMLElement {
  const notice = new Notice();
  const year = h(
    'select',
    { id: 'production-year' },
    calendars.map((c) => h('option', { value: String(c.year) }, calendarLabel(c))),
  );
  const thisYear = new Date().getFullYear();
  if (calendars.some((c) => c.year === thisYear)) year.value = String(thisYear);
  const fill = h('button', { type: 'button' }, 'Заполнить по производственному календарю');
  fill.addEventListener('click', () => {
    const chosen = calendars.find((c) => String(c.year) === year.value);
    if (!chosen) return;
    const warning = chosen.provisional
      ? ` Календарь ${chosen.year} года предварительный: проверьте его, когда выйдет постановление.`
      : '';
    const question = `Особые дни ${chosen.year} года будут заменены днями производственного календаря (дней: ${chosen.days}).${warning} Продолжить?`;
    if (!window.confirm(question)) return;
    notice.info('Заполняем…');
    post<DateException[]>('/api/settings/exceptions/production-calendar', { year: chosen.year })
      .then((saved) => {
        onSaved(saved);
        notice.ok(`Особые дни ${chosen.year} года заполнены по производственному календарю.`);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  });
  return h(
    'div',
    { class: 'row', style: 'margin-top:0.9rem' },
    field('Производственный календарь', year),
    fill,
    notice.el,
  );
}

export function exceptionsBlock(initial: DateException[], calendars: ProductionCalendar[]): HTMLElement {
  const body = h('tbody', {});
  const newDate = dateField('exception-date', 'Дата');
  newDate.input.id = 'exception-date';
  newDate.el.querySelector('label')?.setAttribute('for', 'exception-date');
  const newMode = modeSelect('day_off', 'Режим нового дня');
  newMode.id = 'exception-mode';
  let list = [...initial];

  // Past days stay in the saved list but are shown only on request.
  const showPast = h('input', { type: 'checkbox', id: 'exceptions-past' });
  showPast.addEventListener('change', () => render());

  function render(): void {
    const today = todayIso();
    const shown = list.map((ex, i) => ({ ex, i })).filter(({ ex }) => showPast.checked || ex.date >= today);
    if (shown.length === 0) {
      const text = list.length ? 'Впереди особых дней нет.' : 'Исключений нет: все дни по расписанию недели.';
      replace(body, h('tr', {}, h('td', { colspan: 3, class: 'empty' }, text)));
      return;
    }
    replace(
      body,
      shown.map(({ ex, i }) => {
        const select = modeSelect(ex.mode, `Режим дня ${formatDate(ex.date)}`);
        select.addEventListener('change', () => {
          list[i] = { ...ex, mode: select.value as DayMode };
        });
        return h(
          'tr',
          { 'data-date': ex.date },
          h(
            'td',
            { class: 'nowrap' },
            formatDate(ex.date),
            ex.provisional ? h('span', { class: 'tag' }, 'предварительно') : null,
          ),
          h('td', {}, select),
          h(
            'td',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                onclick: () => {
                  list.splice(i, 1);
                  render();
                },
              },
              'Убрать',
            ),
          ),
        );
      }),
    );
  }
  render();

  const addNotice = new Notice();
  const add = h('button', { type: 'button' }, 'Добавить');
  add.addEventListener('click', () => {
    const date = newDate.iso();
    if (!date) {
      addNotice.error('Введите дату как ДД.ММ.ГГГГ или выберите её в календаре.');
      newDate.input.focus();
      return;
    }
    addNotice.clear();
    list = list.filter((ex) => ex.date !== date);
    list.push({ date, mode: newMode.value as DayMode });
    list.sort((a, b) => a.date.localeCompare(b.date));
    newDate.setIso('');
    render();
  });

  // A production calendar (xmlcalendar.ru XML) replaces its year's days.
  const calendarInput = h('input', { type: 'file', accept: '.xml,text/xml,application/xml' });
  const calendarNotice = new Notice();
  calendarInput.addEventListener('change', () => {
    const file = calendarInput.files?.[0];
    if (!file) return;
    calendarNotice.info('Загружаем календарь…');
    upload<DateException[]>('/api/settings/exceptions/import', file, () => {})
      .then((saved) => {
        list = [...saved];
        render();
        calendarNotice.ok(`Календарь «${file.name}» загружен: особых дней теперь ${saved.length}.`);
      })
      .catch((error: unknown) => calendarNotice.error(errorText(error)))
      .finally(() => {
        calendarInput.value = '';
      });
  });

  const fill = productionCalendarFill(calendars, (saved) => {
    list = [...saved];
    render();
  });

  return settingsBlock(
    'exceptions',
    'Особые дни (праздники и переносы)',
    [
      h('p', { class: 'muted' }, 'Дни, когда режим работы отличается от обычного для этого дня недели.'),
      h('div', { class: 'radio-line' }, showPast, h('label', { for: 'exceptions-past' }, 'Показывать прошедшие дни')),
      h(
        'div',
        { class: 'table-wrap scroll' },
        h(
          'table',
          { 'aria-label': 'Особые дни' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Дата'),
              h('th', { scope: 'col' }, 'Режим'),
              h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Действия')),
            ),
          ),
          body,
        ),
      ),
      h('div', { class: 'row', style: 'margin-top:0.8rem' }, newDate.el, field('Режим', newMode), add, addNotice.el),
      fill,
      h(
        'p',
        { class: 'muted', style: 'margin-top:0.9rem' },
        'Или загрузите производственный календарь года (файл XML с xmlcalendar.ru) — он сразу заменит особые дни этого года: ',
      ),
      h('div', { class: 'row' }, filePicker(calendarInput, 'Загрузить календарь (XML)…'), calendarNotice.el),
    ],
    () =>
      put<DateException[]>('/api/settings/exceptions', list).then((saved) => {
        list = [...saved];
        render();
      }),
  ).el;
}
