// A date field that always reads ДД.ММ.ГГГГ whatever the browser's language:
// a text input plus a calendar button that opens the browser's own date
// picker. UI thread.

import { h, uid } from './dom';

export interface DateField {
  el: HTMLElement;
  input: HTMLInputElement;
  // YYYY-MM-DD, '' when empty, null when the text is not a date.
  iso(): string | null;
  setIso(value: string): void;
}

const kSvg = 'http://www.w3.org/2000/svg';

// A small calendar drawing (no icon font or emoji font is needed).
function calendarIcon(): SVGSVGElement {
  const svg = document.createElementNS(kSvg, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const parts: [string, Record<string, string>][] = [
    ['rect', { x: '1.5', y: '3', width: '13', height: '11.5', rx: '1.5' }],
    ['line', { x1: '1.5', y1: '6.5', x2: '14.5', y2: '6.5' }],
    ['line', { x1: '5', y1: '1.5', x2: '5', y2: '4.5' }],
    ['line', { x1: '11', y1: '1.5', x2: '11', y2: '4.5' }],
  ];
  for (const [tag, attrs] of parts) {
    const el = document.createElementNS(kSvg, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.setAttribute('fill', 'none');
    el.setAttribute('stroke', 'currentColor');
    el.setAttribute('stroke-width', '1.4');
    svg.appendChild(el);
  }
  return svg;
}

function toRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

// "5.1.2026" or "05.01.2026" → "2026-01-05"; null when not a real date.
export function parseRuDate(text: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(year, month - 1, day);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function dateField(name: string, label: string, iso = ''): DateField {
  const input = h('input', {
    type: 'text',
    name,
    class: 'date',
    value: toRu(iso),
    placeholder: 'ДД.ММ.ГГГГ',
    inputmode: 'numeric',
    maxlength: 10,
    autocomplete: 'off',
    id: uid('date'),
  });
  const native = h('input', { type: 'date', class: 'date-native', tabindex: '-1', 'aria-hidden': 'true' });
  const button = h(
    'button',
    { type: 'button', class: 'calendar', title: 'Выбрать в календаре', 'aria-label': `${label}: выбрать в календаре` },
    calendarIcon(),
  );
  button.addEventListener('click', () => {
    native.value = parseRuDate(input.value) ?? '';
    try {
      native.showPicker();
    } catch {
      native.focus();
    }
  });
  native.addEventListener('change', () => {
    input.value = toRu(native.value);
    input.focus();
  });
  return {
    el: h(
      'div',
      { class: 'field' },
      h('label', { for: input.id }, label),
      h('span', { class: 'date-field' }, input, button, native),
    ),
    input,
    iso: () => (input.value.trim() === '' ? '' : parseRuDate(input.value)),
    setIso: (value: string) => {
      input.value = toRu(value);
    },
  };
}
