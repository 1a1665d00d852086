// «Список заданий»: the patients of the shown dates counted (tasks_summary),
// the filter (dates with presets, search, campaign, status), the sortable
// paged table with «Звонки» (tasks_table), actions on the selected rows
// (tasks_bulk) and «Выгрузить статистику». The applied filter lives in the
// URL query (tasks_query). While calls go on the page refreshes itself,
// keeping scroll, selection and focus, and highlights the rows that changed.
// UI thread.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { download, errorText, get } from '../api';
import { CampaignSelect } from '../campaign_select';
import { DateField, isoOf, toRu } from '../date_field';
import { statusFilterText, unknownHint } from '../labels';
import { tick } from '../live_status';
import type { Page } from '../router';
import type { SortKey, StatusFilter, TaskPageDay } from '../types';
import { Field, NoticeLine, useNotice } from '../ui';
import { BulkActions } from './tasks_bulk';
import {
  filterParams,
  kPageSizes,
  kPresets,
  readQuery,
  searchText,
  summaryParams,
  writeQuery,
  type ListQuery,
} from './tasks_query';
import { Summary } from './tasks_summary';
import { Head, kColumnCount, Pager, Row } from './tasks_table';

export { lastListUrl } from './tasks_query';

const kHighlightMs = 4000;

function TasksScreen() {
  const initial = useRef(readQuery()).current;
  const query = useSignal<ListQuery>(initial);
  const from = useSignal(toRu(initial.from));
  const to = useSignal(toRu(initial.to));
  const search = useSignal(initial.q);
  const campaign = useSignal(initial.campaign);
  const status = useSignal<StatusFilter | ''>(initial.status);
  const result = useSignal<TaskPageDay | null>(null);
  const selected = useSignal<Set<number>>(new Set());
  const changed = useSignal<Set<number>>(new Set());
  const busy = useSignal(false);
  const exporting = useSignal(false);
  const notice = useNotice();
  const seq = useRef(0);
  const focusDate = (id: string): void => document.getElementById(id)?.focus();

  // quiet: a live refresh of the same query (no busy state, the selection
  // and the message stay; changed rows are highlighted).
  function load(next: ListQuery, quiet = false): void {
    query.value = next;
    writeQuery(next);
    if (!quiet) {
      notice.clear();
      selected.value = new Set();
      busy.value = true;
    }
    const mine = ++seq.current;
    const params = filterParams(next);
    params.set('limit', String(next.size));
    params.set('offset', String((next.page - 1) * next.size));
    get<TaskPageDay>(`/api/tasks?${params.toString()}`)
      .then((page) => {
        if (mine !== seq.current) return;
        const pages = Math.max(1, Math.ceil(page.total / next.size));
        if (next.page > pages && page.total > 0) {
          load({ ...next, page: pages });
          return;
        }
        if (quiet) highlight(page);
        result.value = page;
      })
      .catch((error: unknown) => {
        if (mine === seq.current && !quiet) notice.error(errorText(error));
      })
      .finally(() => {
        if (mine === seq.current) busy.value = false;
      });
  }

  function highlight(page: TaskPageDay): void {
    const before = new Map((result.value?.items ?? []).map((t) => [t.id, JSON.stringify(t)]));
    const ids = page.items.filter((t) => before.get(t.id) !== JSON.stringify(t)).map((t) => t.id);
    if (ids.length === 0) return;
    changed.value = new Set([...changed.value, ...ids]);
    window.setTimeout(() => {
      const rest = new Set(changed.value);
      for (const id of ids) rest.delete(id);
      changed.value = rest;
    }, kHighlightMs);
  }

  useEffect(() => load(initial), []);
  // Every poll of the live status refreshes the rows shown.
  const beat = tick.value;
  const firstBeat = useRef(beat);
  useEffect(() => {
    if (beat !== firstBeat.current && !busy.value) load(query.value, true);
  }, [beat]);

  function sortBy(key: SortKey): void {
    const q = query.value;
    const order = q.sort === key ? (q.order === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    load({ ...q, sort: key, order, page: 1 });
  }

  function apply(): void {
    const fromIso = isoOf(from.value);
    const toIso = isoOf(to.value);
    for (const [value, text, id] of [
      [fromIso, from.value, 'tasks-from'],
      [toIso, to.value, 'tasks-to'],
    ] as const) {
      if (value === null) {
        notice.error(`Дата «${text}»: введите её как ДД.ММ.ГГГГ, например 19.01.2026, или выберите в календаре.`);
        focusDate(id);
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
      status: status.value,
      page: 1,
    });
  }

  function preset(range: [string, string]): void {
    from.value = toRu(range[0]);
    to.value = toRu(range[1]);
    apply();
  }

  function reset(): void {
    search.value = '';
    campaign.value = '';
    status.value = '';
    preset(kPresets[0]?.range() ?? ['', '']);
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
  const items = page?.items ?? [];
  const go = (n: number): void => load({ ...q, page: n });
  const filtered = q.from || q.to || q.q || q.campaign || q.status;
  const allSelected = items.length > 0 && items.every((t) => selected.value.has(t.id));
  return (
    <>
      <h1>Список заданий</h1>
      <Summary params={summaryParams(q).toString()} />
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
        <div class="presets" role="group" aria-label="Быстрый выбор дат">
          {kPresets.map((p) => (
            <button type="button" class="preset" onClick={() => preset(p.range())}>
              {p.label}
            </button>
          ))}
        </div>
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
        <Field label="Статус">
          <select
            name="status"
            title={unknownHint}
            value={status.value}
            onChange={(e) => (status.value = e.currentTarget.value as StatusFilter | '')}
          >
            <option value="">Все статусы</option>
            {(Object.keys(statusFilterText) as StatusFilter[]).map((s) => (
              <option value={s}>{statusFilterText[s]}</option>
            ))}
          </select>
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
      <Pager query={q} total={page?.total ?? null} top go={go}>
        <BulkActions selected={selected} notice={notice} onDone={() => load(query.value, true)} />
      </Pager>
      <div class="table-wrap sticky-head">
        <table aria-label="Задания" aria-busy={busy.value ? 'true' : undefined}>
          <thead>
            <Head
              query={q}
              onSort={sortBy}
              allSelected={allSelected}
              onSelectAll={(on) => (selected.value = new Set(on ? items.map((t) => t.id) : []))}
            />
          </thead>
          <tbody>
            {page && items.length === 0 ? (
              <tr>
                <td colSpan={kColumnCount} class="empty">
                  {filtered
                    ? 'Нет заданий, подходящих под отбор.'
                    : 'Заданий пока нет. Загрузите список на странице «Загрузка заданий».'}
                </td>
              </tr>
            ) : (
              items.map((task) => (
                <Row key={task.id} task={task} selected={selected} changed={changed.value.has(task.id)} />
              ))
            )}
          </tbody>
        </table>
      </div>
      <p class="muted hint">
        {`${unknownHint} (руководство администратора). Что именно происходит с пациентом, видно в столбце «Звонки».`}
      </p>
      <Pager query={q} total={page?.total ?? null} go={go}>
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
      </Pager>
    </>
  );
}

export const tasksPage: Page = { title: 'Список заданий', component: TasksScreen };
