// Settings form helpers: a block with its own «Сохранить», message and
// unsaved-edits mark (dirty.ts), and number inputs validated with Russian
// messages before anything is sent. UI thread.

import { signal, useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { errorText } from './api';
import { useDirty } from './dirty';
import { timeOfDay } from './format';
import { Field, NoticeLine, uid, useNotice } from './ui';

// A number field's state: its text, whether it was refused, its range.
export class NumberField {
  readonly id = uid('n');
  readonly text = signal('');
  readonly invalid = signal(false);

  constructor(
    readonly label: string,
    readonly min: number,
    readonly max: number,
    readonly step: number = 1,
    readonly hint?: string,
  ) {}

  set(value: number): void {
    this.text.value = String(value);
  }

  focus(): void {
    document.getElementById(this.id)?.focus();
  }

  // The value, or an error message naming the field and its range.
  read(): number | string {
    const text = this.text.value.trim().replace(',', '.');
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

export function NumberInput({ f, disabled }: { f: NumberField; disabled?: boolean }) {
  const props = f.hint === undefined ? { label: f.label } : { label: f.label, hint: f.hint };
  return (
    <Field {...props}>
      <input
        id={f.id}
        type="number"
        min={f.min}
        max={f.max}
        step={f.step}
        required
        inputMode={f.step < 1 ? 'decimal' : 'numeric'}
        disabled={disabled}
        aria-invalid={f.invalid.value ? 'true' : undefined}
        value={f.text.value}
        onInput={(e) => (f.text.value = e.currentTarget.value)}
      />
    </Field>
  );
}

// Reads every field; returns the values or focuses the first bad one and
// returns its message.
export function readNumbers(fields: NumberField[]): number[] | string {
  const values: number[] = [];
  for (const f of fields) {
    const v = f.read();
    if (typeof v === 'string') {
      f.focus();
      f.invalid.value = true;
      return v;
    }
    f.invalid.value = false;
    values.push(v);
  }
  return values;
}

// A settings block: heading, content, «Сохранить» and a message line saying
// when it was saved or what is wrong. save() returns an error message to
// show without sending, or a promise of the server's answer. `dirty`: the
// fields differ from what was last loaded or saved.
export function SettingsBlock(props: {
  id: string;
  title: string;
  dirty: boolean;
  save: () => string | Promise<unknown>;
  children: ComponentChildren;
}) {
  const notice = useNotice();
  const busy = useSignal(false);
  useDirty(props.id, props.dirty);
  const submit = (event: Event): void => {
    event.preventDefault();
    const result = props.save();
    if (typeof result === 'string') {
      notice.error(result);
      return;
    }
    busy.value = true;
    notice.info('Сохраняем…');
    result
      .then(() => notice.ok(`Сохранено в ${timeOfDay(new Date())}.`))
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  };
  return (
    <form class="panel" aria-labelledby={`${props.id}-h`} data-block={props.id} noValidate onSubmit={submit}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value}>
          Сохранить
        </button>
        <UnsavedMark dirty={props.dirty} />
        <NoticeLine notice={notice} />
      </div>
    </form>
  );
}

// «Есть несохранённые изменения» beside a form's «Сохранить».
export function UnsavedMark({ dirty }: { dirty: boolean }) {
  return dirty ? (
    <span class="unsaved" data-unsaved="">
      Есть несохранённые изменения
    </span>
  ) : null;
}

// A form's saved values as one comparable string (its dirty check).
export function snapshot(values: unknown[]): string {
  return JSON.stringify(values);
}
