// Small DOM helpers for the admin UI: element construction with attributes,
// properties and listeners, and replacing a container's content. UI thread.

export type Child = Node | string | number | null | undefined | false;
type Listener = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | Listener | null | undefined>;

// Keys set as DOM properties rather than attributes (their live value matters).
const kProperties = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

// h('button', {class: 'primary', onclick: save}, 'Сохранить'). Attributes with
// null/undefined/false are skipped; true sets an empty attribute.
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, ''), value);
    } else if (kProperties.has(key)) {
      (el as unknown as Record<string, unknown>)[key] = value;
    } else if (value === false) {
      continue;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replace(parent: Node, ...children: (Child | Child[])[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

let idCounter = 0;
// A document-unique id for label/input pairs.
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// A labelled form field: the label above, the control below, optional hint.
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uid('f');
  const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

// A status line under a form: role=status for success, role=alert for errors.
export class Notice {
  readonly el: HTMLElement = h('p', { class: 'notice', role: 'status' });

  ok(text: string): void {
    this.set('ok', 'status', text);
  }
  error(text: string): void {
    this.set('error', 'alert', text);
  }
  info(text: string): void {
    this.set('info', 'status', text);
  }
  clear(): void {
    this.set('', 'status', '');
  }
  private set(kind: string, role: string, text: string): void {
    this.el.className = kind ? `notice notice-${kind}` : 'notice';
    this.el.setAttribute('role', role);
    this.el.textContent = text;
  }
}

// A file input shown as a «Выбрать файл…» style button with the chosen
// name beside it; the input itself stays in the tab order for keyboards.
export function filePicker(input: HTMLInputElement, buttonText: string): HTMLElement {
  if (!input.id) input.id = uid('file');
  const name = h('span', { class: 'muted' }, 'файл не выбран');
  input.addEventListener('change', () => {
    name.textContent = input.files?.[0]?.name ?? 'файл не выбран';
  });
  return h('span', { class: 'file-pick' }, input, h('label', { for: input.id, class: 'button' }, buttonText), name);
}
