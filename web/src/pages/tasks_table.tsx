// The task list's table: a checkbox per row, the sortable heads, the
// patient with a `tel:` link, the status (the guide's three) and «Звонки»
// (the server's text, styled by its kind). Rows that changed in a live
// refresh are highlighted for a moment. UI thread.

import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { dateTime, phone, telHref } from '../format';
import { listStatusText, unknownHint } from '../labels';
import { navigate } from '../router';
import type { SortKey, TaskRowDay } from '../types';
import type { ListQuery } from './tasks_query';

const kColumns: { key: SortKey | null; label: string; cls?: string }[] = [
  { key: 'id', label: 'Id', cls: 'num' },
  { key: 'name', label: 'Имя пациента' },
  { key: null, label: 'Телефон' },
  { key: 'appointment', label: 'Дата приёма' },
  { key: 'status', label: 'Статус' },
  { key: null, label: 'Звонки' },
];
export const kColumnCount = kColumns.length + 1;

export function Head(props: {
  query: ListQuery;
  onSort: (key: SortKey) => void;
  allSelected: boolean;
  onSelectAll: (on: boolean) => void;
}) {
  const { query } = props;
  return (
    <tr>
      <th scope="col" class="select">
        <input
          type="checkbox"
          aria-label="Выбрать всех на странице"
          checked={props.allSelected}
          onChange={(e) => props.onSelectAll(e.currentTarget.checked)}
        />
      </th>
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

export function Row(props: { task: TaskRowDay; selected: Signal<Set<number>>; changed: boolean }) {
  const { task, selected } = props;
  const isSelected = selected.value.has(task.id);
  // Links and the checkbox handle their own clicks; the rest of the row opens the task.
  const open = (event: Event): void => {
    if (event.target instanceof Element && event.target.closest('a, input, label, td.select')) return;
    navigate(`/tasks/${task.id}`);
  };
  const toggle = (on: boolean): void => {
    const next = new Set(selected.value);
    if (on) next.add(task.id);
    else next.delete(task.id);
    selected.value = next;
  };
  const classes = ['clickable', isSelected ? 'selected' : '', props.changed ? 'changed' : ''].filter(Boolean);
  return (
    <tr class={classes.join(' ')} data-id={task.id} data-changed={props.changed ? 'true' : undefined} onClick={open}>
      <td class="select">
        <input
          type="checkbox"
          aria-label={`Выбрать: ${task.full_name}`}
          checked={isSelected}
          onChange={(e) => toggle(e.currentTarget.checked)}
        />
      </td>
      <td class="num">
        <a href={`/tasks/${task.id}`} data-link>
          {String(task.id)}
        </a>
      </td>
      <td data-name>{task.full_name}</td>
      <td class="nowrap" data-phone={task.phone}>
        <a href={telHref(task.phone)}>{phone(task.phone)}</a>
      </td>
      <td class="nowrap" data-appointment={task.appointment}>
        {dateTime(task.appointment)}
      </td>
      <td>
        <span
          class={`badge badge-${task.status}`}
          data-status={task.status}
          title={task.status === 'unknown' ? unknownHint : undefined}
        >
          {listStatusText[task.status] ?? task.status}
        </span>
      </td>
      <td class={`calls calls-${task.calls_kind ?? 'waiting'}`} data-calls={task.calls_kind}>
        {task.calls ?? ''}
      </td>
    </tr>
  );
}

// «Показано 1–50 из 120», the page and the arrows; at the top too, so a
// long list pages without scrolling down (1366×768); children (the bulk
// actions at the top, the page size at the bottom) go first at the top.
export function Pager(props: {
  query: ListQuery;
  total: number | null;
  top?: boolean;
  go: (page: number) => void;
  children?: ComponentChildren;
}) {
  const { query, total } = props;
  const pages = Math.max(1, Math.ceil((total ?? 0) / query.size));
  const first = !total ? 0 : (query.page - 1) * query.size + 1;
  const last = Math.min(total ?? 0, query.page * query.size);
  const info = total === null ? '' : `Показано ${first}–${last} из ${total}`;
  const where = total === null ? '' : `Страница ${query.page} из ${pages}`;
  const prev = props.top ? { 'aria-label': 'Предыдущая страница' } : {};
  const next = props.top ? { 'aria-label': 'Следующая страница' } : {};
  return (
    <div class={props.top ? 'pager-top' : 'pager'}>
      {props.top ? props.children : null}
      <span class="muted" aria-live={props.top ? undefined : 'polite'}>
        {info}
      </span>
      <span class="spacer" />
      <button type="button" {...prev} disabled={query.page <= 1} onClick={() => props.go(query.page - 1)}>
        {props.top ? '←' : '← Назад'}
      </button>
      <span>{where}</span>
      <button type="button" {...next} disabled={query.page >= pages} onClick={() => props.go(query.page + 1)}>
        {props.top ? '→' : 'Вперёд →'}
      </button>
      {props.top ? null : props.children}
    </div>
  );
}
