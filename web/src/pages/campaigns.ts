// «Кампании» (docs/BEHAVIOUR.md "Campaigns"): every campaign, newest first,
// with its name, when and by whom it was made, its patients by status and a
// progress bar; rename, pause and resume; delete (administrators) after a
// confirmation that says how many patients and recordings go. UI thread.

import { del, errorText, get, patch } from '../api';
import { Notice, h, replace } from '../dom';
import { dateTime, plural } from '../format';
import { listStatusText } from '../labels';
import type { Page } from '../router';
import type { Campaign, CampaignList, Me } from '../types';

function patients(n: number): string {
  return `${n} ${plural(n, 'пациент', 'пациента', 'пациентов')}`;
}

function recordings(n: number): string {
  return `${n} ${plural(n, 'запись', 'записи', 'записей')} разговоров`;
}

function progressCell(c: Campaign): HTMLElement {
  const { total, final } = c.counts;
  const percent = total === 0 ? 0 : Math.round((final / total) * 100);
  return h(
    'div',
    { class: 'campaign-progress' },
    h('progress', {
      max: Math.max(total, 1),
      value: final,
      'aria-label': `Обзвон кампании «${c.name}» завершён для ${final} из ${total}`,
    }),
    h('span', { class: 'muted', 'data-progress': percent }, ` ${percent} %`),
  );
}

function countsCell(c: Campaign): HTMLElement {
  const item = (key: 'confirmed' | 'cancelled' | 'unknown'): HTMLElement =>
    h(
      'li',
      { 'data-count': key },
      h('span', { class: `badge badge-${key}` }, listStatusText[key]),
      ` ${c.counts[key]}`,
    );
  return h(
    'div',
    {},
    h('span', { 'data-count': 'total' }, `Всего: ${c.counts.total}`),
    h('ul', { class: 'plain' }, item('confirmed'), item('cancelled'), item('unknown')),
  );
}

export const campaignsPage: Page = {
  title: 'Кампании',
  render(main) {
    const notice = new Notice();
    const body = h('tbody', {});
    const table = h(
      'table',
      { 'aria-label': 'Кампании' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Название', 'Создана', 'Кем', 'Пациенты', 'Ход обзвона', 'Состояние', 'Действия'].map((label) =>
            h('th', { scope: 'col' }, label),
          ),
        ),
      ),
      body,
    );
    replace(
      main,
      h('h1', {}, 'Кампании'),
      h(
        'p',
        { class: 'muted' },
        'Каждая загрузка списка создаёт кампанию. Задания кампании на паузе не обзваниваются; ' +
          'начатые звонки завершаются.',
      ),
      notice.el,
      h('div', { class: 'table-wrap' }, table),
    );

    let admin = false;

    function rename(c: Campaign): void {
      const name = window.prompt('Новое название кампании', c.name);
      if (name === null) return;
      if (!name.trim()) {
        notice.error('Название кампании не может быть пустым.');
        return;
      }
      change(c, { name: name.trim() }, `Кампания переименована: «${name.trim()}».`);
    }

    function change(c: Campaign, body: { name?: string; paused?: boolean }, done: string): void {
      patch<Campaign>(`/api/campaigns/${c.id}`, body)
        .then(() => {
          notice.ok(done);
          return load();
        })
        .catch((error: unknown) => notice.error(errorText(error)));
    }

    function remove(c: Campaign): void {
      const question =
        `Удалить кампанию «${c.name}»? Будут удалены ${patients(c.counts.total)} ` +
        `и ${recordings(c.counts.recordings)}. Это действие нельзя отменить.`;
      if (!window.confirm(question)) return;
      del<{ tasks: number; recordings: number }>(`/api/campaigns/${c.id}`)
        .then((gone) => {
          notice.ok(`Кампания «${c.name}» удалена: ${patients(gone.tasks)}, ${recordings(gone.recordings)}.`);
          return load();
        })
        .catch((error: unknown) => notice.error(errorText(error)));
    }

    function row(c: Campaign): HTMLTableRowElement {
      const pause = c.paused
        ? h(
            'button',
            {
              type: 'button',
              'data-action': 'resume',
              onclick: () => change(c, { paused: false }, `Кампания «${c.name}» возобновлена.`),
            },
            'Возобновить',
          )
        : h(
            'button',
            {
              type: 'button',
              'data-action': 'pause',
              onclick: () => change(c, { paused: true }, `Кампания «${c.name}» на паузе.`),
            },
            'Пауза',
          );
      return h(
        'tr',
        { 'data-campaign': c.id, 'data-paused': c.paused },
        h('td', {}, h('a', { href: `/tasks?campaign=${c.id}`, 'data-link': true, 'data-name': true }, c.name)),
        h('td', { class: 'nowrap' }, dateTime(c.created_at)),
        h('td', {}, c.created_by || '—'),
        h('td', {}, countsCell(c)),
        h('td', {}, progressCell(c)),
        h(
          'td',
          { 'data-state': c.paused ? 'paused' : 'running' },
          c.paused ? h('span', { class: 'badge badge-cancelled' }, 'На паузе') : 'Обзванивается',
        ),
        h(
          'td',
          { class: 'actions' },
          pause,
          h('button', { type: 'button', 'data-action': 'rename', onclick: () => rename(c) }, 'Переименовать'),
          admin
            ? h(
                'button',
                { type: 'button', class: 'danger', 'data-action': 'delete', onclick: () => remove(c) },
                'Удалить',
              )
            : null,
        ),
      );
    }

    function load(): Promise<void> {
      table.setAttribute('aria-busy', 'true');
      return get<CampaignList>('/api/campaigns')
        .then((list) => {
          if (list.campaigns.length === 0) {
            replace(
              body,
              h(
                'tr',
                {},
                h(
                  'td',
                  { colspan: 7, class: 'empty' },
                  'Кампаний пока нет. Загрузите список на странице «Загрузка заданий».',
                ),
              ),
            );
          } else {
            replace(body, list.campaigns.map(row));
          }
        })
        .catch((error: unknown) => notice.error(errorText(error)))
        .finally(() => table.removeAttribute('aria-busy'));
    }

    get<Me>('/api/me')
      .then((me) => {
        admin = me.user.role === 'admin';
      })
      .catch(() => undefined)
      .finally(() => void load());
  },
};
