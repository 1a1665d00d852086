// The task list's actions on the selected rows: «Перезвонить выбранным» and
// «Снять с обзвона» (POST /api/tasks/bulk), each after a confirmation; the
// answer says how many were done and why the others were refused. UI thread.

import type { Signal } from '@preact/signals';
import { useSignal } from '@preact/signals';
import { errorText, post } from '../api';
import { plural } from '../format';
import type { BulkResult } from '../types';
import type { Notice } from '../ui';

type Action = 'call_now' | 'withdraw';

function patients(n: number): string {
  return `${n} ${plural(n, 'пациент', 'пациента', 'пациентов')}`;
}

const kQuestion: Record<Action, (n: number) => string> = {
  call_now: (n) =>
    `Позвонить сейчас, вне очереди: ${patients(n)}? Каждый звонок считается попыткой. ` +
    'Звонки идут только во время звонков и при включённом обзвоне.',
  withdraw: (n) =>
    `Снять с обзвона: ${patients(n)}? Им больше не будут звонить, в списке статус станет «Отмена». ` +
    'Отменить это действие нельзя.',
};

const kDone: Record<Action, string> = {
  call_now: 'Позвонят вне очереди',
  withdraw: 'Сняты с обзвона',
};

// The result in words: done, then each refusal with its reason.
export function bulkText(action: Action, result: BulkResult): string {
  const parts = [`${kDone[action]}: ${patients(result.done.length)}.`];
  if (result.refused.length) {
    const reasons = result.refused.map((r) => `№ ${r.id} — ${r.message}`).join('; ');
    parts.push(`Не выполнено для ${patients(result.refused.length)}: ${reasons}.`);
  }
  return parts.join(' ');
}

export function BulkActions(props: { selected: Signal<Set<number>>; notice: Notice; onDone: () => void }) {
  const busy = useSignal(false);
  const count = props.selected.value.size;
  const run = (action: Action): void => {
    const ids = [...props.selected.value];
    if (ids.length === 0 || !window.confirm(kQuestion[action](ids.length))) return;
    busy.value = true;
    props.notice.info('Выполняем…');
    post<BulkResult>('/api/tasks/bulk', { action, ids })
      .then((result) => {
        const text = bulkText(action, result);
        if (result.done.length === 0) props.notice.error(text);
        else props.notice.ok(text);
        props.selected.value = new Set(result.refused.map((r) => r.id));
        props.onDone();
      })
      .catch((error: unknown) => props.notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  };
  return (
    <div class="bulk" role="group" aria-label="Действия с выбранными">
      <span class="muted" data-selected={count}>
        {count ? `Выбрано: ${patients(count)}` : 'Никто не выбран'}
      </span>
      <button type="button" disabled={busy.value || count === 0} onClick={() => run('call_now')}>
        Перезвонить выбранным
      </button>
      <button type="button" class="danger" disabled={busy.value || count === 0} onClick={() => run('withdraw')}>
        Снять с обзвона
      </button>
    </div>
  );
}
