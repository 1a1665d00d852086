// The task list's filter, sort and page as they live in the URL query, the
// API parameters made from them, and the date presets. A bare /tasks shows
// today's and tomorrow's appointments; `dates=all` keeps every date across a
// reload. Pure functions but for the address bar. UI thread.

import { isoDay } from '../format';
import type { SortKey, SortOrder, StatusFilter } from '../types';

export interface ListQuery {
  sort: SortKey;
  order: SortOrder;
  from: string;
  to: string;
  q: string;
  campaign: string; // a campaign's id, '' for every campaign
  status: StatusFilter | ''; // '' for every status
  page: number;
  size: number;
}

export const kPageSizes = [25, 50, 100, 200];
const kSortKeys: SortKey[] = ['id', 'name', 'appointment', 'status'];
const kStatuses: StatusFilter[] = ['confirmed', 'cancelled', 'unknown', 'unreached'];

// «Сегодня», «Завтра», «Неделя» (today and six more days), «Все даты».
export interface Preset {
  label: string;
  range: () => [string, string];
}
export const kPresets: Preset[] = [
  { label: 'Сегодня', range: () => [isoDay(new Date()), isoDay(new Date())] },
  { label: 'Завтра', range: () => [isoDay(new Date(), 1), isoDay(new Date(), 1)] },
  { label: 'Неделя', range: () => [isoDay(new Date()), isoDay(new Date(), 6)] },
  { label: 'Все даты', range: () => ['', ''] },
];

export function readQuery(): ListQuery {
  const p = new URLSearchParams(location.search);
  const sort = p.get('sort') as SortKey | null;
  const status = p.get('status') as StatusFilter | null;
  const size = Number(p.get('size'));
  const page = Number(p.get('page'));
  const fresh = location.search === '';
  return {
    sort: sort && kSortKeys.includes(sort) ? sort : 'id',
    order: p.get('order') === 'asc' ? 'asc' : 'desc',
    from: fresh ? isoDay(new Date()) : (p.get('from') ?? ''),
    to: fresh ? isoDay(new Date(), 1) : (p.get('to') ?? ''),
    q: p.get('q') ?? '',
    campaign: /^\d+$/.test(p.get('campaign') ?? '') ? (p.get('campaign') ?? '') : '',
    status: status && kStatuses.includes(status) ? status : '',
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

export function writeQuery(query: ListQuery): void {
  const p = new URLSearchParams();
  if (query.sort !== 'id') p.set('sort', query.sort);
  if (query.order !== 'desc') p.set('order', query.order);
  if (query.from) p.set('from', query.from);
  if (query.to) p.set('to', query.to);
  if (!query.from && !query.to) p.set('dates', 'all');
  if (query.q) p.set('q', query.q);
  if (query.campaign) p.set('campaign', query.campaign);
  if (query.status) p.set('status', query.status);
  if (query.page !== 1) p.set('page', String(query.page));
  if (query.size !== 50) p.set('size', String(query.size));
  lastUrl = `/tasks?${p.toString()}`;
  history.replaceState(null, '', lastUrl);
}

// The API's filter parameters without the status (the summary's).
export function summaryParams(query: ListQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (query.from) p.set('from', query.from);
  if (query.to) p.set('to', query.to);
  if (query.q) p.set('q', query.q);
  if (query.campaign) p.set('campaign', query.campaign);
  return p;
}

// The API's filter parameters (no paging) for the list and the export.
export function filterParams(query: ListQuery): URLSearchParams {
  const p = summaryParams(query);
  p.set('sort', query.sort);
  p.set('order', query.order);
  if (query.status) p.set('status', query.status);
  return p;
}

// A search that looks like a phone number ("+7 (900) 000-00-21") is sent as
// its digits, without the trunk prefix, because phones are stored as 10 digits.
export function searchText(text: string): string {
  const trimmed = text.trim();
  if (!/^[\d\s()+-]+$/.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits;
}
