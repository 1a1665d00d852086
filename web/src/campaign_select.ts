// The «Кампания» select of the task list and the statistics page
// (docs/BEHAVIOUR.md "Campaigns"): «Все кампании», then every campaign from
// GET /api/campaigns, newest first. The campaign the address names is
// selected at once and keeps its place if the list cannot be read. UI thread.

import { get } from './api';
import { h, replace } from './dom';
import type { CampaignList } from './types';

export function campaignSelect(selected: string | null): HTMLSelectElement {
  const named = selected && /^\d+$/.test(selected) ? selected : null;
  const select = h(
    'select',
    { name: 'campaign' },
    h('option', { value: '' }, 'Все кампании'),
    named ? h('option', { value: named, selected: true }, `Кампания № ${named}`) : null,
  );
  get<CampaignList>('/api/campaigns')
    .then((list) => {
      replace(
        select,
        h('option', { value: '' }, 'Все кампании'),
        list.campaigns.map((c) => h('option', { value: String(c.id), selected: String(c.id) === named }, c.name)),
      );
    })
    .catch(() => undefined);
  return select;
}
