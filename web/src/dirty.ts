// Unsaved edits: one signal holding the forms whose fields differ from what
// was last loaded or saved. Leaving the page while any form is listed asks
// first — in-app navigation through the router (confirmLeave) and a reload
// or closing the tab through the browser's own question (warnBeforeUnload).
// UI thread.

import { computed, signal } from '@preact/signals';
import { useLayoutEffect } from 'preact/hooks';

const dirtyForms = signal<ReadonlySet<string>>(new Set());

export const hasUnsavedEdits = computed(() => dirtyForms.value.size > 0);

function mark(key: string, dirty: boolean): void {
  const forms = dirtyForms.peek();
  if (forms.has(key) === dirty) return;
  const next = new Set(forms);
  if (dirty) next.add(key);
  else next.delete(key);
  dirtyForms.value = next;
}

// Lists the form `key` while `dirty` holds; a form that goes away is no
// longer listed. Layout effects: the list changes in the same task as the
// page, so a click right after typing is already guarded.
export function useDirty(key: string, dirty: boolean): void {
  useLayoutEffect(() => mark(key, dirty), [key, dirty]);
  useLayoutEffect(() => () => mark(key, false), [key]);
}

export const kLeaveQuestion = 'На странице есть несохранённые изменения. Уйти без сохранения?';

// True when nothing is unsaved or the person agreed to drop the edits.
export function confirmLeave(): boolean {
  if (!hasUnsavedEdits.peek()) return true;
  if (!window.confirm(kLeaveQuestion)) return false;
  dirtyForms.value = new Set();
  return true;
}

// A 'beforeunload' listener: the browser asks (with its own words) before
// a reload or closing the tab drops unsaved edits.
export function warnBeforeUnload(event: BeforeUnloadEvent): void {
  if (!hasUnsavedEdits.peek()) return;
  event.preventDefault();
  event.returnValue = '';
}
