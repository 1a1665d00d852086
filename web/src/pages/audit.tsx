// «Журнал» (administrators): the audit log newest first, filtered by dates,
// user and action (or its group), a page at a time with «Показать ещё».
// Details are shown as the server stored them (never a password). UI thread.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, get } from '../api';
import { DateField, isoOf } from '../date_field';
import { dateTime } from '../format';
import { auditActionText } from '../labels';
import type { Page } from '../router';
import type { AuditEntry, AuditPage } from '../types';
import { Field, HeadRow, NoticeLine, useNotice } from '../ui';

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

function AuditScreen() {
  const from = useSignal('');
  const to = useSignal('');
  const actor = useSignal('');
  const action = useSignal('');
  const entries = useSignal<AuditEntry[] | null>(null);
  const before = useSignal<number | null>(null);
  const busy = useSignal(false);
  const notice = useNotice();

  function load(append: boolean): void {
    const f = isoOf(from.value);
    const t = isoOf(to.value);
    if (f === null || t === null) {
      notice.error('Даты: введите в виде ДД.ММ.ГГГГ.');
      return;
    }
    const p = new URLSearchParams({ limit: String(kPageSize) });
    if (f) p.set('from', f);
    if (t) p.set('to', t);
    if (actor.value.trim()) p.set('actor', actor.value.trim());
    if (action.value) p.set('action', action.value);
    if (append && before.value !== null) p.set('before', String(before.value));
    busy.value = true;
    get<AuditPage>(`/api/audit?${p.toString()}`)
      .then((page) => {
        notice.clear();
        entries.value = append ? [...(entries.value ?? []), ...page.items] : page.items;
        before.value = page.next_before;
      })
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  }
  useEffect(() => load(false), []);

  const list = entries.value;
  return (
    <>
      <h1>Журнал</h1>
      <form
        class="panel filters"
        aria-label="Фильтры журнала"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          load(false);
        }}
      >
        <DateField name="from" label="С" text={from} />
        <DateField name="to" label="По" text={to} />
        <Field label="Пользователь">
          <input
            type="text"
            name="actor"
            autocomplete="off"
            value={actor.value}
            onInput={(e) => (actor.value = e.currentTarget.value)}
          />
        </Field>
        <Field label="Действие">
          <select name="action" value={action.value} onChange={(e) => (action.value = e.currentTarget.value)}>
            {kGroups.map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
          </select>
        </Field>
        <div class="actions">
          <button type="submit" class="primary">
            Показать
          </button>
        </div>
      </form>
      <NoticeLine notice={notice} />
      <div class="table-wrap">
        <table aria-label="Журнал" aria-busy={busy.value ? 'true' : undefined}>
          <HeadRow labels={['Время', 'Кто', 'Действие', 'Подробности']} />
          <tbody>
            {list && list.length === 0 ? (
              <tr>
                <td colSpan={4} class="empty">
                  Записей нет.
                </td>
              </tr>
            ) : (
              list?.map((e) => (
                <tr data-action={e.action}>
                  <td class="nowrap">{dateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{auditActionText[e.action] ?? e.action}</td>
                  <td class="details">{details(e.details)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" hidden={before.value === null} onClick={() => load(true)}>
          Показать ещё
        </button>
      </div>
    </>
  );
}

export const auditPage: Page = { title: 'Журнал', adminOnly: true, component: AuditScreen };
