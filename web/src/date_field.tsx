// A date field that always reads ДД.ММ.ГГГГ whatever the browser's language:
// a text input plus a calendar button that opens the browser's own date
// picker. The text lives in a signal the page owns. UI thread.

import type { Signal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { uid, useOnce } from './ui';

// A small calendar drawing (no icon font or emoji font is needed).
function CalendarIcon() {
  const line = { fill: 'none', stroke: 'currentColor', 'stroke-width': '1.4' };
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" {...line} />
      <line x1="1.5" y1="6.5" x2="14.5" y2="6.5" {...line} />
      <line x1="5" y1="1.5" x2="5" y2="4.5" {...line} />
      <line x1="11" y1="1.5" x2="11" y2="4.5" {...line} />
    </svg>
  );
}

// "2026-01-05" → "05.01.2026"; '' for anything else.
export function toRu(iso: string): string {
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

// YYYY-MM-DD, '' when empty, null when the text is not a date.
export function isoOf(text: string): string | null {
  return text.trim() === '' ? '' : parseRuDate(text);
}

export function DateField(props: { name: string; label: string; text: Signal<string>; id?: string }) {
  const id = useOnce(() => props.id ?? uid('date'));
  const input = useRef<HTMLInputElement>(null);
  const native = useRef<HTMLInputElement>(null);
  const open = (): void => {
    const picker = native.current;
    if (!picker) return;
    picker.value = parseRuDate(props.text.value) ?? '';
    try {
      picker.showPicker();
    } catch {
      picker.focus();
    }
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <span class="date-field">
        <input
          ref={input}
          type="text"
          id={id}
          name={props.name}
          class="date"
          value={props.text.value}
          onInput={(e) => (props.text.value = e.currentTarget.value)}
          placeholder="ДД.ММ.ГГГГ"
          inputMode="numeric"
          maxLength={10}
          autocomplete="off"
        />
        <button
          type="button"
          class="calendar"
          title="Выбрать в календаре"
          aria-label={`${props.label}: выбрать в календаре`}
          onClick={open}
        >
          <CalendarIcon />
        </button>
        <input
          ref={native}
          type="date"
          class="date-native"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            props.text.value = toRu(e.currentTarget.value);
            input.current?.focus();
          }}
        />
      </span>
    </div>
  );
}
