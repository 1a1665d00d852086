// «Кампании» (docs/BEHAVIOUR.md "Campaigns"): every campaign, newest first,
// with its name, when and by whom it was made, its patients by status and a
// progress bar; rename, pause and resume; delete (administrators) after a
// confirmation that says how many patients and recordings go. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { del, errorText, get, patch } from '../api';
import { dateTime, plural } from '../format';
import { listStatusText } from '../labels';
import type { Page } from '../router';
import type { Campaign, CampaignList, Me } from '../types';
import { NoticeLine, useNotice } from '../ui';

function patients(n: number): string {
  return `${n} ${plural(n, 'пациент', 'пациента', 'пациентов')}`;
}

function recordings(n: number): string {
  return `${n} ${plural(n, 'запись', 'записи', 'записей')} разговоров`;
}

function Progress({ c }: { c: Campaign }) {
  const { total, final } = c.counts;
  const percent = total === 0 ? 0 : Math.round((final / total) * 100);
  return (
    <div class="campaign-progress">
      <progress
        max={Math.max(total, 1)}
        value={final}
        aria-label={`Обзвон кампании «${c.name}» завершён для ${final} из ${total}`}
      />
      <span class="muted" data-progress={percent}>{` ${percent} %`}</span>
    </div>
  );
}

function Counts({ c }: { c: Campaign }) {
  const item = (key: 'confirmed' | 'cancelled' | 'unknown') => (
    <li data-count={key}>
      <span class={`badge badge-${key}`}>{listStatusText[key]}</span>
      {` ${c.counts[key]}`}
    </li>
  );
  return (
    <div>
      <span data-count="total">{`Всего: ${c.counts.total}`}</span>
      <ul class="plain">
        {item('confirmed')}
        {item('cancelled')}
        {item('unknown')}
      </ul>
    </div>
  );
}

function CampaignsScreen() {
  const notice = useNotice();
  const list = useSignal<Campaign[] | null>(null);
  const busy = useSignal(false);
  const admin = useSignal(false);

  function load(): Promise<void> {
    busy.value = true;
    return get<CampaignList>('/api/campaigns')
      .then((l) => {
        list.value = l.campaigns;
      })
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  }

  useEffect(() => {
    get<Me>('/api/me')
      .then((me) => {
        admin.value = me.user.role === 'admin';
      })
      .catch(() => undefined)
      .finally(() => void load());
  }, []);

  function change(c: Campaign, body: { name?: string; paused?: boolean }, done: string): void {
    patch<Campaign>(`/api/campaigns/${c.id}`, body)
      .then(() => {
        notice.ok(done);
        return load();
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  function rename(c: Campaign): void {
    const name = window.prompt('Новое название кампании', c.name);
    if (name === null) return;
    if (!name.trim()) {
      notice.error('Название кампании не может быть пустым.');
      return;
    }
    change(c, { name: name.trim() }, `Кампания переименована: «${name.trim()}».`);
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

  const row = (c: Campaign) => (
    <tr key={c.id} data-campaign={c.id} data-paused={c.paused ? 'true' : undefined}>
      <td>
        <a href={`/tasks?campaign=${c.id}`} data-link data-name>
          {c.name}
        </a>
      </td>
      <td class="nowrap">{dateTime(c.created_at)}</td>
      <td>{c.created_by || '—'}</td>
      <td>
        <Counts c={c} />
      </td>
      <td>
        <Progress c={c} />
      </td>
      <td data-state={c.paused ? 'paused' : 'running'}>
        {c.paused ? <span class="badge badge-cancelled">На паузе</span> : 'Обзванивается'}
      </td>
      <td class="actions">
        {c.paused ? (
          <button
            type="button"
            data-action="resume"
            onClick={() => change(c, { paused: false }, `Кампания «${c.name}» возобновлена.`)}
          >
            Возобновить
          </button>
        ) : (
          <button
            type="button"
            data-action="pause"
            onClick={() => change(c, { paused: true }, `Кампания «${c.name}» на паузе.`)}
          >
            Пауза
          </button>
        )}
        <button type="button" data-action="rename" onClick={() => rename(c)}>
          Переименовать
        </button>
        {admin.value ? (
          <button type="button" class="danger" data-action="delete" onClick={() => remove(c)}>
            Удалить
          </button>
        ) : null}
      </td>
    </tr>
  );

  return (
    <>
      <h1>Кампании</h1>
      <p class="muted">
        Каждая загрузка списка создаёт кампанию. Задания кампании на паузе не обзваниваются; начатые звонки завершаются.
      </p>
      <NoticeLine notice={notice} />
      <div class="table-wrap">
        <table aria-label="Кампании" aria-busy={busy.value ? 'true' : undefined}>
          <thead>
            <tr>
              {['Название', 'Создана', 'Кем', 'Пациенты', 'Ход обзвона', 'Состояние', 'Действия'].map((label) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.value && list.value.length === 0 ? (
              <tr>
                <td colSpan={7} class="empty">
                  Кампаний пока нет. Загрузите список на странице «Загрузка заданий».
                </td>
              </tr>
            ) : (
              list.value?.map(row)
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

export const campaignsPage: Page = { title: 'Кампании', component: CampaignsScreen };
