// «Список заданий»: today's counters, the date range and search filter, the
// sortable paged table, and «Выгрузить статистику». The applied filter lives
// in the URL query, so a reload or the Back button keeps it. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { download, errorText, get } from '../api';
import { CampaignSelect } from '../campaign_select';
import { DateField, isoOf, toRu } from '../date_field';
import { dateTime, phone } from '../format';
import { listStatusText } from '../labels';
import { liveStatus } from '../live_status';
import { navigate, type Page } from '../router';
import type { SortKey, SortOrder, TaskPage, TaskRow } from '../types';
import { Field, NoticeLine, useNotice } from '../ui';

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

function Counter(props: { label: string; value: number | undefined; kind?: string }) {
  return (
    <div class={`counter ${props.kind ?? ''}`}>
      <span class="value">{props.value === undefined ? '—' : String(props.value)}</span>
      <span class="label">{props.label}</span>
    </div>
  );
}

function Counters() {
  const t = liveStatus.value?.today;
  return (
    <section class="counters" aria-label="Сегодня">
      <Counter label="Звонков сегодня" value={t?.calls} />
      <Counter label="Подтвердили" value={t?.confirmed} kind="ok" />
      <Counter label="Отменили" value={t?.cancelled} kind="bad" />
      <Counter label="Не дозвонились" value={t?.unreachable} />
      <Counter label="Звонят сейчас" value={t?.in_progress} />
    </section>
  );
}

const kColumns: { key: SortKey | null; label: string; cls?: string }[] = [
  { key: 'id', label: 'Id', cls: 'num' },
  { key: 'name', label: 'Имя пациента' },
  { key: null, label: 'Телефон' },
  { key: 'appointment', label: 'Дата приёма' },
  { key: 'status', label: 'Статус' },
];

function Head(props: { query: ListQuery; onSort: (key: SortKey) => void }) {
  const { query } = props;
  return (
    <tr>
      {kColumns.map((col) => {
        if (!col.key) return <th scope="col">{col.label}</th>;
        const key = col.key;
        const active = query.sort === key;
        const ariaSort = active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none';
        const arrow = active ? (query.order === 'asc' ? '▲' : '▼') : '';
        return (
          <th scope="col" class={col.cls} aria-sort={ariaSort} data-sort={key}>
            <button
              type="button"
              class="sort"
              title={`Сортировать по столбцу «${col.label}»`}
              onClick={() => props.onSort(key)}
            >
              {col.label}
              <span class="arrow" aria-hidden="true">
                {arrow}
              </span>
            </button>
          </th>
        );
      })}
    </tr>
  );
}

function Row({ task }: { task: TaskRow }) {
  // The Id cell's link handles its own clicks; the rest of the row opens too.
  const open = (event: Event): void => {
    if (event.target instanceof Element && event.target.closest('a')) return;
    navigate(`/tasks/${task.id}`);
  };
  return (
    <tr class="clickable" data-id={task.id} onClick={open}>
      <td class="num">
        <a href={`/tasks/${task.id}`} data-link>
          {String(task.id)}
        </a>
      </td>
      <td>{task.full_name}</td>
      <td class="nowrap" data-phone={task.phone}>
        {phone(task.phone)}
      </td>
      <td class="nowrap" data-appointment={task.appointment}>
        {dateTime(task.appointment)}
      </td>
      <td>
        <span class={`badge badge-${task.status}`} data-status={task.status}>
          {listStatusText[task.status] ?? task.status}
        </span>
      </td>
    </tr>
  );
}

function TasksScreen() {
  const initial = useRef(readQuery()).current;
  const query = useSignal<ListQuery>(initial);
  const from = useSignal(toRu(initial.from));
  const to = useSignal(toRu(initial.to));
  const search = useSignal(initial.q);
  const campaign = useSignal(initial.campaign);
  const result = useSignal<TaskPage | null>(null);
  const busy = useSignal(false);
  const exporting = useSignal(false);
  const notice = useNotice();
  const seq = useRef(0);
  const focusDate = (id: string): void => document.getElementById(id)?.focus();

  function load(next: ListQuery): void {
    query.value = next;
    writeQuery(next);
    notice.clear();
    const mine = ++seq.current;
    const params = filterParams(next);
    params.set('limit', String(next.size));
    params.set('offset', String((next.page - 1) * next.size));
    busy.value = true;
    get<TaskPage>(`/api/tasks?${params.toString()}`)
      .then((page) => {
        if (mine !== seq.current) return;
        const pages = Math.max(1, Math.ceil(page.total / next.size));
        if (next.page > pages && page.total > 0) {
          load({ ...next, page: pages });
          return;
        }
        result.value = page;
      })
      .catch((error: unknown) => {
        if (mine === seq.current) notice.error(errorText(error));
      })
      .finally(() => {
        if (mine === seq.current) busy.value = false;
      });
  }
  useEffect(() => load(initial), []);

  function sortBy(key: SortKey): void {
    const q = query.value;
    const order = q.sort === key ? (q.order === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    load({ ...q, sort: key, order, page: 1 });
  }

  function apply(): void {
    const fromIso = isoOf(from.value);
    const toIso = isoOf(to.value);
    for (const [value, text, ref] of [
      [fromIso, from.value, 'tasks-from'],
      [toIso, to.value, 'tasks-to'],
    ] as const) {
      if (value === null) {
        notice.error(`Дата «${text}»: введите её как ДД.ММ.ГГГГ, например 19.01.2026, или выберите в календаре.`);
        focusDate(ref);
        return;
      }
    }
    if (fromIso && toIso && fromIso > toIso) {
      notice.error('Начальная дата позже конечной. Исправьте интервал дат.');
      return;
    }
    load({
      ...query.value,
      from: fromIso ?? '',
      to: toIso ?? '',
      q: searchText(search.value),
      campaign: campaign.value,
      page: 1,
    });
  }

  function reset(): void {
    from.value = '';
    to.value = '';
    search.value = '';
    campaign.value = '';
    apply();
  }

  function exportRows(): void {
    const q = query.value;
    if (!q.from || !q.to) {
      notice.error('Чтобы выгрузить статистику, укажите обе даты интервала и нажмите «Применить».');
      focusDate(q.from ? 'tasks-to' : 'tasks-from');
      return;
    }
    exporting.value = true;
    notice.info('Готовим файл…');
    const name = `Задания за ${q.from.replaceAll('-', '')}-${q.to.replaceAll('-', '')}.xlsx`;
    download(`/api/tasks/export?${filterParams(q).toString()}`, name)
      .then((saved) => notice.ok(`Файл «${saved}» сохранён в папку загрузок.`))
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        exporting.value = false;
      });
  }

  const q = query.value;
  const page = result.value;
  const total = page?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / q.size));
  const first = total === 0 ? 0 : (q.page - 1) * q.size + 1;
  const last = Math.min(total, q.page * q.size);
  const filtered = q.from || q.to || q.q || q.campaign;
  return (
    <>
      <h1>Список заданий</h1>
      <Counters />
      <form
        class="filters"
        role="search"
        aria-label="Отбор заданий"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <DateField name="from" label="Дата приёма с" text={from} id="tasks-from" />
        <DateField name="to" label="по" text={to} id="tasks-to" />
        <Field label="Поиск">
          <input
            type="search"
            name="q"
            value={search.value}
            onInput={(e) => (search.value = e.currentTarget.value)}
            placeholder="Имя или телефон"
            maxLength={100}
          />
        </Field>
        <Field label="Кампания">
          <CampaignSelect value={campaign} />
        </Field>
        <button type="submit" class="primary">
          Применить
        </button>
        <button type="button" onClick={reset}>
          Сбросить
        </button>
        <span class="spacer" />
        <button type="button" class="primary" disabled={exporting.value} onClick={exportRows}>
          Выгрузить статистику
        </button>
      </form>
      <NoticeLine notice={notice} />
      <div class="table-wrap">
        <table aria-label="Задания" aria-busy={busy.value ? 'true' : undefined}>
          <thead>
            <Head query={q} onSort={sortBy} />
          </thead>
          <tbody>
            {page && page.items.length === 0 ? (
              <tr>
                <td colSpan={5} class="empty">
                  {filtered
                    ? 'Нет заданий, подходящих под отбор.'
                    : 'Заданий пока нет. Загрузите список на странице «Загрузка заданий».'}
                </td>
              </tr>
            ) : (
              page?.items.map((task) => <Row key={task.id} task={task} />)
            )}
          </tbody>
        </table>
      </div>
      <div class="pager">
        <span class="muted" aria-live="polite">
          {page ? `Показано ${first}–${last} из ${total}` : ''}
        </span>
        <span class="spacer" />
        <button type="button" disabled={q.page <= 1} onClick={() => load({ ...q, page: q.page - 1 })}>
          ← Назад
        </button>
        <span>{page ? `Страница ${q.page} из ${pages}` : ''}</span>
        <button type="button" disabled={q.page >= pages} onClick={() => load({ ...q, page: q.page + 1 })}>
          Вперёд →
        </button>
        <Field label="На странице">
          <select
            name="size"
            value={String(q.size)}
            onChange={(e) => load({ ...q, size: Number(e.currentTarget.value), page: 1 })}
          >
            {kPageSizes.map((n) => (
              <option value={String(n)}>{String(n)}</option>
            ))}
          </select>
        </Field>
      </div>
    </>
  );
}

export const tasksPage: Page = { title: 'Список заданий', component: TasksScreen };
