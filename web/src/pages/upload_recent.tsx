// «Последние загрузки» on the upload page: the newest five campaigns
// (GET /api/campaigns, newest first) with their patients and a link to their
// tasks; read again after each upload. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { get } from '../api';
import { dateTime } from '../format';
import type { Campaign, CampaignList } from '../types';
import { HeadRow } from '../ui';

const kShown = 5;

// version: bumped by the page after an upload.
export function RecentUploads({ version }: { version: number }) {
  const list = useSignal<Campaign[] | null>(null);
  useEffect(() => {
    get<CampaignList>('/api/campaigns')
      .then((l) => {
        list.value = l.campaigns.slice(0, kShown);
      })
      .catch(() => {
        list.value = null;
      });
  }, [version]);
  const campaigns = list.value;
  if (!campaigns) return null;
  return (
    <section class="panel" aria-labelledby="recent-h" data-recent>
      <h2 id="recent-h">Последние загрузки</h2>
      {campaigns.length === 0 ? (
        <p class="muted">Загрузок ещё не было.</p>
      ) : (
        <div class="table-wrap">
          <table aria-label="Последние загрузки">
            <HeadRow labels={['Кампания', 'Загружена', 'Кем', 'Пациентов', 'Подтвердили', 'Отменили']} />
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} data-campaign-row={c.id}>
                  <td>
                    <a href={`/tasks?campaign=${c.id}`} data-link>
                      {c.name}
                    </a>
                  </td>
                  <td class="nowrap">{dateTime(c.created_at)}</td>
                  <td>{c.created_by || '—'}</td>
                  <td class="num">{c.counts.total}</td>
                  <td class="num">{c.counts.confirmed}</td>
                  <td class="num">{c.counts.cancelled}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href="/campaigns" data-link>
          Все кампании
        </a>
      </p>
    </section>
  );
}
