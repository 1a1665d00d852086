// «Журнал» (administrators): the audit log newest first, filtered by dates,
// user and action (or its group), a page at a time with «Показать ещё».
// Details are shown as the server stored them (never a password). UI thread.

import { errorText, get } from '../api';
import { dateField } from '../date_field';
import { Notice, field, h, replace } from '../dom';
import { dateTime } from '../format';
import { auditActionText } from '../labels';
import type { Page } from '../router';
import type { AuditEntry, AuditPage } from '../types';

const kPageSize = 50;

// Action groups for the filter: the prefix before the dot.
const kGroups: [string, string][] = [
  ['', 'Все действия'],
  ['auth', 'Входы и выходы'],
  ['access', 'Отказы в доступе'],
  ['task', 'Просмотр и поиск заданий'],
  ['recording', 'Прослушивание записей'],
  ['export', 'Выгрузки'],
  ['statistics', 'Статистика'],
  ['api', 'Интеграционный API'],
  ['user', 'Пользователи'],
  ['token', 'API-токены'],
  ['settings', 'Настройки'],
  ['sip', 'SIP'],
  ['dialer', 'Обзвон'],
];

function details(d: Record<string, unknown>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

export const auditPage: Page = {
  title: 'Журнал',
  adminOnly: true,
  render(main) {
    const from = dateField('from', 'С');
    const to = dateField('to', 'По');
    const actor = h('input', { type: 'text', name: 'actor', autocomplete: 'off' });
    const action = h(
      'select',
      { name: 'action' },
      kGroups.map(([value, label]) => h('option', { value }, label)),
    );
    const notice = new Notice();
    const body = h('tbody', {});
    const table = h(
      'table',
      { 'aria-label': 'Журнал' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Время', 'Кто', 'Действие', 'Подробности'].map((l) => h('th', { scope: 'col' }, l)),
        ),
      ),
      body,
    );
    const more = h('button', { type: 'button', hidden: true }, 'Показать ещё');
    let before: number | null = null;

    function query(): string | null {
      const f = from.iso();
      const t = to.iso();
      if (f === null || t === null) return null;
      const p = new URLSearchParams({ limit: String(kPageSize) });
      if (f) p.set('from', f);
      if (t) p.set('to', t);
      if (actor.value.trim()) p.set('actor', actor.value.trim());
      if (action.value) p.set('action', action.value);
      if (before !== null) p.set('before', String(before));
      return p.toString();
    }

    function row(e: AuditEntry): HTMLElement {
      return h(
        'tr',
        { 'data-action': e.action },
        h('td', { class: 'nowrap' }, dateTime(e.at)),
        h('td', {}, e.actor),
        h('td', {}, auditActionText[e.action] ?? e.action),
        h('td', { class: 'details' }, details(e.details)),
      );
    }

    function load(append: boolean): void {
      if (!append) before = null;
      const q = query();
      if (q === null) {
        notice.error('Даты: введите в виде ДД.ММ.ГГГГ.');
        return;
      }
      table.setAttribute('aria-busy', 'true');
      get<AuditPage>(`/api/audit?${q}`)
        .then((page) => {
          notice.clear();
          const rows = page.items.map(row);
          if (append) rows.forEach((r) => body.appendChild(r));
          else if (rows.length === 0)
            replace(body, h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'Записей нет.')));
          else replace(body, rows);
          before = page.next_before;
          more.hidden = page.next_before === null;
        })
        .catch((error: unknown) => notice.error(errorText(error)))
        .finally(() => table.removeAttribute('aria-busy'));
    }

    const filters = h(
      'form',
      { class: 'panel filters', 'aria-label': 'Фильтры журнала', novalidate: true },
      from.el,
      to.el,
      field('Пользователь', actor),
      field('Действие', action),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Показать')),
    );
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      load(false);
    });
    more.addEventListener('click', () => load(true));

    replace(
      main,
      h('h1', {}, 'Журнал'),
      filters,
      notice.el,
      h('div', { class: 'table-wrap' }, table),
      h('div', { class: 'actions' }, more),
    );
    load(false);
  },
};
