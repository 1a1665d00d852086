// Settings form helpers: a block with its own «Сохранить» and message, and
// number inputs validated with Russian messages before anything is sent.
// UI thread.

import { errorText } from './api';
import { Notice, field, h } from './dom';
import { timeOfDay } from './format';

export class NumberField {
  readonly input: HTMLInputElement;
  readonly el: HTMLElement;

  constructor(
    readonly label: string,
    readonly min: number,
    readonly max: number,
    readonly step: number = 1,
    hint?: string,
  ) {
    this.input = h('input', {
      type: 'number',
      min,
      max,
      step,
      required: true,
      inputmode: step < 1 ? 'decimal' : 'numeric',
    });
    this.el = field(label, this.input, hint);
  }

  set(value: number): void {
    this.input.value = String(value);
  }

  // The value, or an error message naming the field and its range.
  read(): number | string {
    const text = this.input.value.trim().replace(',', '.');
    const value = Number(text);
    const integer = this.step >= 1;
    const ok =
      text !== '' &&
      Number.isFinite(value) &&
      value >= this.min &&
      value <= this.max &&
      (!integer || Number.isInteger(value));
    if (ok) return value;
    return `«${this.label}»: введите ${integer ? 'целое ' : ''}число от ${String(this.min).replace('.', ',')} до ${String(this.max).replace('.', ',')}.`;
  }
}

// Reads every field; returns the values or focuses the first bad one and
// returns its message.
export function readNumbers(fields: NumberField[]): number[] | string {
  const values: number[] = [];
  for (const f of fields) {
    const v = f.read();
    if (typeof v === 'string') {
      f.input.focus();
      f.input.setAttribute('aria-invalid', 'true');
      return v;
    }
    f.input.removeAttribute('aria-invalid');
    values.push(v);
  }
  return values;
}

// A settings block: heading, content, «Сохранить» and a message line saying
// when it was saved or what is wrong. save() returns an error message to
// show without sending, or a promise of the server's answer.
export function settingsBlock(
  id: string,
  title: string,
  content: (HTMLElement | null)[],
  save: () => string | Promise<unknown>,
): { el: HTMLElement; notice: Notice } {
  const notice = new Notice();
  const button = h('button', { type: 'submit', class: 'primary' }, 'Сохранить');
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': `${id}-h`, 'data-block': id, novalidate: true },
    h('h2', { id: `${id}-h` }, title),
    ...content,
    h('div', { class: 'actions' }, button, notice.el),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = save();
    if (typeof result === 'string') {
      notice.error(result);
      return;
    }
    button.disabled = true;
    notice.info('Сохраняем…');
    result
      .then(() => notice.ok(`Сохранено в ${timeOfDay(new Date())}.`))
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        button.disabled = false;
      });
  });
  return { el: form, notice };
}
