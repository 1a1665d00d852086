// «Список заданий»: today's counters, the date range and search filter, the
// sortable paged table, and «Выгрузить статистику». The applied filter lives
// in the URL query, so a reload or the Back button keeps it. UI thread.

import { download, errorText, get } from '../api';
import { campaignSelect } from '../campaign_select';
import { dateField } from '../date_field';
import { Notice, field, h, replace } from '../dom';
import { dateTime, phone } from '../format';
import { listStatusText } from '../labels';
import { subscribe } from '../live_status';
import { navigate, type Page } from '../router';
import type { LiveStatus, SortKey, SortOrder, TaskPage, TaskRow } from '../types';

interface ListQuery {
  sort: SortKey;
  order: SortOrder;
  from: string;
  to: string;
  q: string;
  campaign: string; // a campaign's id, '' for every campaign
  page: number;
  size: number;
}

const kPageSizes = [25, 50, 100, 200];
const kSortKeys: SortKey[] = ['id', 'name', 'appointment', 'status'];

function readQuery(): ListQuery {
  const p = new URLSearchParams(location.search);
  const sort = p.get('sort') as SortKey | null;
  const size = Number(p.get('size'));
  const page = Number(p.get('page'));
  return {
    sort: sort && kSortKeys.includes(sort) ? sort : 'id',
    order: p.get('order') === 'asc' ? 'asc' : 'desc',
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    q: p.get('q') ?? '',
    campaign: /^\d+$/.test(p.get('campaign') ?? '') ? (p.get('campaign') ?? '') : '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    size: kPageSizes.includes(size) ? size : 50,
  };
}

let lastUrl = '/tasks';

// The list's URL with the filter, sort and page last shown (the details
// page links back to it).
export function lastListUrl(): string {
  return lastUrl;
}

function writeQuery(query: ListQuery): void {
  const p = new URLSearchParams();
  if (query.sort !== 'id') p.set('sort', query.sort);
  if (query.order !== 'desc') p.set('order', query.order);
  if (query.from) p.set('from', query.from);
  if (query.to) p.set('to', query.to);
  if (query.q) p.set('q', query.q);
  if (query.campaign) p.set('campaign', query.campaign);
  if (query.page !== 1) p.set('page', String(query.page));
  if (query.size !== 50) p.set('size', String(query.size));
  const search = p.toString();
  lastUrl = `/tasks${search ? `?${search}` : ''}`;
  history.replaceState(null, '', lastUrl);
}

// The API's filter parameters (no paging) for the list and the export.
function filterParams(query: ListQuery): URLSearchParams {
  const p = new URLSearchParams({ sort: query.sort, order: query.order });
  if (query.from) p.set('from', query.from);
  if (query.to) p.set('to', query.to);
  if (query.q) p.set('q', query.q);
  if (query.campaign) p.set('campaign', query.campaign);
  return p;
}

// A search that looks like a phone number ("+7 (900) 000-00-21") is sent as
// its digits, without the trunk prefix, because phones are stored as 10 digits.
function searchText(text: string): string {
  const trimmed = text.trim();
  if (!/^[\d\s()+-]+$/.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits;
}

function counters(status: LiveStatus | null): HTMLElement[] {
  const t = status?.today;
  const item = (label: string, value: number | undefined, kind = ''): HTMLElement =>
    h(
      'div',
      { class: `counter ${kind}` },
      h('span', { class: 'value' }, value === undefined ? '—' : String(value)),
      h('span', { class: 'label' }, label),
    );
  return [
    item('Звонков сегодня', t?.calls),
    item('Подтвердили', t?.confirmed, 'ok'),
    item('Отменили', t?.cancelled, 'bad'),
    item('Не дозвонились', t?.unreachable),
    item('Звонят сейчас', t?.in_progress),
  ];
}

const kColumns: { key: SortKey | null; label: string; cls?: string }[] = [
  { key: 'id', label: 'Id', cls: 'num' },
  { key: 'name', label: 'Имя пациента' },
  { key: null, label: 'Телефон' },
  { key: 'appointment', label: 'Дата приёма' },
  { key: 'status', label: 'Статус' },
];

function taskRow(task: TaskRow): HTMLTableRowElement {
  // The Id cell's link handles its own clicks; the rest of the row opens too.
  const open = (event: Event): void => {
    if (event.target instanceof Element && event.target.closest('a')) return;
    navigate(`/tasks/${task.id}`);
  };
  return h(
    'tr',
    { class: 'clickable', 'data-id': task.id, onclick: open },
    h('td', { class: 'num' }, h('a', { href: `/tasks/${task.id}`, 'data-link': true }, String(task.id))),
    h('td', {}, task.full_name),
    h('td', { class: 'nowrap', 'data-phone': task.phone }, phone(task.phone)),
    h('td', { class: 'nowrap', 'data-appointment': task.appointment }, dateTime(task.appointment)),
    h(
      'td',
      {},
      h(
        'span',
        { class: `badge badge-${task.status}`, 'data-status': task.status },
        listStatusText[task.status] ?? task.status,
      ),
    ),
  );
}

export const tasksPage: Page = {
  title: 'Список заданий',
  render(main, _params, onLeave) {
    const query = readQuery();
    const countersEl = h('section', { class: 'counters', 'aria-label': 'Сегодня' });
    onLeave(subscribe((status) => replace(countersEl, counters(status))));

    const from = dateField('from', 'Дата приёма с', query.from);
    const to = dateField('to', 'по', query.to);
    const search = h('input', {
      type: 'search',
      name: 'q',
      value: query.q,
      placeholder: 'Имя или телефон',
      maxlength: 100,
    });
    const campaign = campaignSelect(query.campaign);
    const notice = new Notice();
    const exportButton = h('button', { type: 'button', class: 'primary' }, 'Выгрузить статистику');
    const filters = h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Отбор заданий' },
      from.el,
      to.el,
      field('Поиск', search),
      field('Кампания', campaign),
      h('button', { type: 'submit', class: 'primary' }, 'Применить'),
      h('button', { type: 'button', onclick: reset }, 'Сбросить'),
      h('span', { class: 'spacer' }),
      exportButton,
    );

    const head = h('tr', {});
    const body = h('tbody', {});
    const table = h('table', { 'aria-label': 'Задания' }, h('thead', {}, head), body);
    const pageInfo = h('span', { class: 'muted', 'aria-live': 'polite' });
    const prev = h('button', { type: 'button', onclick: () => goPage(query.page - 1) }, '← Назад');
    const next = h('button', { type: 'button', onclick: () => goPage(query.page + 1) }, 'Вперёд →');
    const pageLabel = h('span', {});
    const sizeSelect = h(
      'select',
      {
        name: 'size',
        onchange: () => {
          query.size = Number(sizeSelect.value);
          query.page = 1;
          load();
        },
      },
      kPageSizes.map((n) => h('option', { value: String(n), selected: n === query.size }, String(n))),
    );
    let total = 0;
    let loadSeq = 0;

    replace(
      main,
      h('h1', {}, 'Список заданий'),
      countersEl,
      filters,
      notice.el,
      h('div', { class: 'table-wrap' }, table),
      h(
        'div',
        { class: 'pager' },
        pageInfo,
        h('span', { class: 'spacer' }),
        prev,
        pageLabel,
        next,
        field('На странице', sizeSelect),
      ),
    );

    function renderHead(): void {
      replace(
        head,
        kColumns.map((col) => {
          if (!col.key) return h('th', { scope: 'col' }, col.label);
          const key = col.key;
          const active = query.sort === key;
          const ariaSort = active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none';
          const arrow = active ? (query.order === 'asc' ? '▲' : '▼') : '';
          const title = `Сортировать по столбцу «${col.label}»`;
          return h(
            'th',
            { scope: 'col', class: col.cls, 'aria-sort': ariaSort, 'data-sort': key },
            h(
              'button',
              { type: 'button', class: 'sort', title, onclick: () => sortBy(key) },
              col.label,
              h('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow),
            ),
          );
        }),
      );
    }

    function sortBy(key: SortKey): void {
      if (query.sort === key) query.order = query.order === 'asc' ? 'desc' : 'asc';
      else {
        query.sort = key;
        query.order = key === 'name' ? 'asc' : 'desc';
      }
      query.page = 1;
      load();
    }

    function goPage(page: number): void {
      query.page = page;
      load();
    }

    function reset(): void {
      from.setIso('');
      to.setIso('');
      search.value = '';
      campaign.value = '';
      apply();
    }

    function apply(): void {
      const fromIso = from.iso();
      const toIso = to.iso();
      for (const [value, f] of [
        [fromIso, from],
        [toIso, to],
      ] as const) {
        if (value === null) {
          notice.error(
            `Дата «${f.input.value}»: введите её как ДД.ММ.ГГГГ, например 19.01.2026, или выберите в календаре.`,
          );
          f.input.focus();
          return;
        }
      }
      if (fromIso && toIso && fromIso > toIso) {
        notice.error('Начальная дата позже конечной. Исправьте интервал дат.');
        return;
      }
      query.from = fromIso ?? '';
      query.to = toIso ?? '';
      query.q = searchText(search.value);
      query.campaign = campaign.value;
      query.page = 1;
      load();
    }

    function load(): void {
      writeQuery(query);
      renderHead();
      notice.clear();
      const seq = ++loadSeq;
      const params = filterParams(query);
      params.set('limit', String(query.size));
      params.set('offset', String((query.page - 1) * query.size));
      table.setAttribute('aria-busy', 'true');
      get<TaskPage>(`/api/tasks?${params.toString()}`)
        .then((result) => {
          if (seq !== loadSeq) return;
          total = result.total;
          const pages = Math.max(1, Math.ceil(total / query.size));
          if (query.page > pages && total > 0) {
            goPage(pages);
            return;
          }
          if (result.items.length === 0) {
            const text =
              query.from || query.to || query.q || query.campaign
                ? 'Нет заданий, подходящих под отбор.'
                : 'Заданий пока нет. Загрузите список на странице «Загрузка заданий».';
            replace(body, h('tr', {}, h('td', { colspan: 5, class: 'empty' }, text)));
          } else {
            replace(body, result.items.map(taskRow));
          }
          const first = total === 0 ? 0 : (query.page - 1) * query.size + 1;
          const last = Math.min(total, query.page * query.size);
          pageInfo.textContent = `Показано ${first}–${last} из ${total}`;
          pageLabel.textContent = `Страница ${query.page} из ${pages}`;
          prev.disabled = query.page <= 1;
          next.disabled = query.page >= pages;
        })
        .catch((error: unknown) => {
          if (seq === loadSeq) notice.error(errorText(error));
        })
        .finally(() => table.removeAttribute('aria-busy'));
    }

    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      apply();
    });

    exportButton.addEventListener('click', () => {
      if (!query.from || !query.to) {
        notice.error('Чтобы выгрузить статистику, укажите обе даты интервала и нажмите «Применить».');
        (query.from ? to : from).input.focus();
        return;
      }
      exportButton.disabled = true;
      notice.info('Готовим файл…');
      const name = `Задания за ${query.from.replaceAll('-', '')}-${query.to.replaceAll('-', '')}.xlsx`;
      download(`/api/tasks/export?${filterParams(query).toString()}`, name)
        .then((saved) => notice.ok(`Файл «${saved}» сохранён в папку загрузок.`))
        .catch((error: unknown) => notice.error(errorText(error)))
        .finally(() => {
          exportButton.disabled = false;
        });
    });

    load();
  },
};
