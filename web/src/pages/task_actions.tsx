// The task's details page actions: «Позвонить сейчас» (a call outside the
// queue, inside the calling window, counted as an attempt) and «Снять с
// обзвона» (final, after a confirmation; who and when are kept). The server
// says why it refuses (outside the window, the dialer off, a call going on).
// UI thread.

import { useSignal } from '@preact/signals';
import { errorText, post } from '../api';
import { dateTime } from '../format';
import type { TaskDetailsDay, TaskRowDay } from '../types';
import { NoticeLine, useNotice } from '../ui';

const kNoCall = new Set(['calling', 'confirmed', 'cancelled', 'withdrawn']);

export function TaskActions(props: { task: TaskDetailsDay; onChanged: () => void }) {
  const { task } = props;
  const busy = useSignal(false);
  const notice = useNotice();
  const act = (path: string, done: string): void => {
    busy.value = true;
    notice.info('Выполняем…');
    post<{ task: TaskRowDay }>(`/api/tasks/${task.id}/${path}`)
      .then(() => {
        notice.ok(done);
        props.onChanged();
      })
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  };
  const callNow = (): void => act('call-now', 'Звонок поставлен первым в очередь: робот позвонит в ближайшие минуты.');
  const withdraw = (): void => {
    const question =
      `Снять пациента «${task.full_name}» с обзвона? Ему больше не будут звонить, ` +
      'в списке статус станет «Отмена». Отменить это действие нельзя.';
    if (window.confirm(question)) act('withdraw', 'Пациент снят с обзвона.');
  };
  return (
    <section class="panel task-actions" aria-labelledby="actions-h">
      <h2 id="actions-h">Действия</h2>
      {task.state === 'withdrawn' ? (
        <p data-withdrawn>{`Снят с обзвона: ${task.withdrawn_by ?? '—'}, ${dateTime(task.withdrawn_at)}.`}</p>
      ) : null}
      <div class="actions">
        {kNoCall.has(task.state) ? null : (
          <button type="button" class="primary" disabled={busy.value} onClick={callNow}>
            Позвонить сейчас
          </button>
        )}
        {task.state === 'pending' || task.state === 'calling' ? (
          <button
            type="button"
            class="danger"
            disabled={busy.value || task.state === 'calling'}
            title={task.state === 'calling' ? 'Идёт звонок: снять с обзвона можно после него.' : undefined}
            onClick={withdraw}
          >
            Снять с обзвона
          </button>
        ) : null}
        {kNoCall.has(task.state) && task.state !== 'calling' && task.state !== 'withdrawn' ? (
          <span class="muted">Обзвон этого пациента завершён.</span>
        ) : null}
        <NoticeLine notice={notice} />
      </div>
    </section>
  );
}
