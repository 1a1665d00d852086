// Small building blocks of the admin UI's screens: a labelled field, the
// status line under a form, a file picker button. UI thread.

import { signal } from '@preact/signals';
import { cloneElement, type ComponentChildren, type VNode } from 'preact';
import { useState } from 'preact/hooks';

let idCounter = 0;
// A document-unique id for label/input pairs.
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// A value made once per mounted component (a model object, an id).
export function useOnce<T>(make: () => T): T {
  return useState(make)[0];
}

// A labelled form field: the label above, the control below, optional hint.
// The control gets an id (unless it has one) and aria-describedby the hint.
export function Field(props: { label: ComponentChildren; hint?: string; children: VNode }) {
  const given = (props.children.props as { id?: string }).id;
  const id = useOnce(() => given ?? uid('f'));
  const extra: Record<string, string> = { id };
  if (props.hint) extra['aria-describedby'] = `${id}-hint`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {cloneElement(props.children, extra)}
      {props.hint ? (
        <small class="hint" id={`${id}-hint`}>
          {props.hint}
        </small>
      ) : null}
    </div>
  );
}

type NoticeKind = '' | 'ok' | 'error' | 'info';

// A status line under a form: role=status for success, role=alert for errors.
export class Notice {
  readonly state = signal<{ kind: NoticeKind; text: string }>({ kind: '', text: '' });
  ok(text: string): void {
    this.state.value = { kind: 'ok', text };
  }
  error(text: string): void {
    this.state.value = { kind: 'error', text };
  }
  info(text: string): void {
    this.state.value = { kind: 'info', text };
  }
  clear(): void {
    this.state.value = { kind: '', text: '' };
  }
}

export function useNotice(): Notice {
  return useOnce(() => new Notice());
}

export function NoticeLine({ notice }: { notice: Notice }) {
  const { kind, text } = notice.state.value;
  return (
    <p class={kind ? `notice notice-${kind}` : 'notice'} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

// A file input shown as a «Выбрать файл…» style button with the chosen
// name beside it; the input itself stays in the tab order for keyboards.
// The input is emptied after each choice, so the same file can be sent again.
// `quiet` leaves the chosen name out (a button in every row of a table).
export function FilePicker(props: {
  id: string;
  accept: string;
  buttonText: string;
  name?: string;
  disabled?: boolean;
  quiet?: boolean;
  onFile: (file: File) => void;
}) {
  const [chosen, setChosen] = useState('файл не выбран');
  return (
    <span class="file-pick">
      <input
        type="file"
        id={props.id}
        name={props.name}
        accept={props.accept}
        disabled={props.disabled}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          setChosen(file?.name ?? 'файл не выбран');
          if (file) props.onFile(file);
          input.value = '';
        }}
      />
      <label for={props.id} class="button">
        {props.buttonText}
      </label>
      {props.quiet ? null : <span class="muted">{chosen}</span>}
    </span>
  );
}

// A table head of plain column titles.
export function HeadRow({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th scope="col">{label}</th>
        ))}
      </tr>
    </thead>
  );
}
