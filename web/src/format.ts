// Russian wording and formats of the admin UI: dates as ДД.ММ.ГГГГ ЧЧ:ММ,
// phones, dialer states (statuses and outcomes: labels.ts). Pure functions.

import type { DayMode, DialerState } from './types';

const kDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

// "2026-11-27T10:02" or an RFC 3339 instant "2026-11-27T10:02:05+03:00" →
// "27.11.2026 10:02". Instants are shown in the server's wall-clock time
// (the offset they carry), the same clock as the appointments.
export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const m = kDateTime.exec(value);
  if (!m) return value;
  const date = `${m[3]}.${m[2]}.${m[1]}`;
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}

// "2026-11-27" → "27.11.2026".
export function date(value: string | null | undefined): string {
  if (!value) return '—';
  const m = kDateTime.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

// The browser's clock time of a moment as ЧЧ:ММ:СС ("saved at ...").
export function timeOfDay(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// "9876543210" → "+7 987 654-32-10"; anything else unchanged.
export function phone(value: string): string {
  const m = /^(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(value);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : value;
}

export function seconds(value: number | null | undefined): string {
  if (value === undefined || value === null) return '—';
  const total = Math.round(value);
  if (total < 60) return `${total} с`;
  return `${Math.floor(total / 60)} мин ${total % 60} с`;
}

export const dialerText: Record<DialerState, string> = {
  running: 'работает',
  stopped: 'остановлен',
  outside_hours: 'вне рабочего времени',
  sip_error: 'приостановлен',
};

export const dayModeText: Record<DayMode, string> = {
  working: 'Рабочий',
  shortened: 'Сокращённый',
  day_off: 'Выходной',
};

export const weekdayNames = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];

// Russian plural: plural(5, 'задание', 'задания', 'заданий') → 'заданий'.
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

// A day in the browser's calendar as YYYY-MM-DD, `days` after d.
export function isoDay(d: Date, days = 0): string {
  const day = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${p(day.getMonth() + 1)}-${p(day.getDate())}`;
}

// "9001234567" → "tel:+79001234567" for a link that dials; anything else as is.
export function telHref(value: string): string {
  return /^\d{10}$/.test(value) ? `tel:+7${value}` : `tel:${value}`;
}
