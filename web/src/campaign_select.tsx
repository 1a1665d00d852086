// The «Кампания» select of the task list and the statistics page
// (docs/BEHAVIOUR.md "Campaigns"): «Все кампании», then every campaign from
// GET /api/campaigns, newest first. The campaign the address names is
// selected at once and keeps its place if the list cannot be read. UI thread.

import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { get } from './api';
import type { Campaign, CampaignList } from './types';

// value: a campaign's id, '' for every campaign. Field gives the id.
export function CampaignSelect(props: { value: Signal<string>; id?: string }) {
  const campaigns = useSignal<Pick<Campaign, 'id' | 'name'>[] | null>(null);
  useEffect(() => {
    get<CampaignList>('/api/campaigns')
      .then((list) => {
        campaigns.value = list.campaigns;
      })
      .catch(() => undefined);
  }, []);
  const named = /^\d+$/.test(props.value.value) ? props.value.value : '';
  const options = campaigns.value ?? (named ? [{ id: Number(named), name: `Кампания № ${named}` }] : []);
  return (
    <select
      id={props.id}
      name="campaign"
      value={props.value.value}
      onChange={(e) => (props.value.value = e.currentTarget.value)}
    >
      <option value="">Все кампании</option>
      {options.map((c) => (
        <option key={c.id} value={String(c.id)}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
