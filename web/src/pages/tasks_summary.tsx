// The task list's counters: patients (not calls) of the shown appointment
// dates in buckets that always add up (docs/GLOSSARY.md «Звонки»), a
// progress bar and «обзвон на сегодня завершён». Refreshed with the live
// status while calls go on. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { get } from '../api';
import { tick } from '../live_status';
import type { TaskSummary } from '../types';

function Counter(props: { label: string; name: string; value: number | undefined; kind?: string }) {
  return (
    <div class={`counter ${props.kind ?? ''}`} data-summary={props.name}>
      <span class="value">{props.value === undefined ? '—' : String(props.value)}</span>
      <span class="label">{props.label}</span>
    </div>
  );
}

// params: the list's filter without the status (the summary ignores it).
export function Summary({ params }: { params: string }) {
  const summary = useSignal<TaskSummary | null>(null);
  const beat = tick.value;
  useEffect(() => {
    let current = true;
    get<TaskSummary>(`/api/tasks/summary?${params}`)
      .then((s) => {
        if (current) summary.value = s;
      })
      .catch(() => {
        if (current) summary.value = null;
      });
    return () => {
      current = false;
    };
  }, [params, beat]);
  const s = summary.value;
  const done = s ? s.total - s.in_progress : 0;
  const percent = s && s.total > 0 ? Math.round((100 * done) / s.total) : 0;
  return (
    <section class="summary" aria-label="Пациенты за выбранные даты">
      <div class="counters">
        <Counter label="Всего" name="total" value={s?.total} />
        <Counter label="Подтвердили" name="confirmed" value={s?.confirmed} kind="ok" />
        <Counter label="Отменили" name="cancelled" value={s?.cancelled} kind="bad" />
        <Counter label="Не дозвонились" name="unreached" value={s?.unreached} />
        <Counter label="Ещё звоним" name="in_progress" value={s?.in_progress} />
      </div>
      {s ? (
        <p class="summary-progress">
          <progress
            max={Math.max(1, s.total)}
            value={done}
            aria-label={`Обзвон завершён для ${done} из ${s.total} пациентов`}
          />
          <span class="muted" data-summary-percent={percent}>{` ${percent} % завершено`}</span>
          {s.finished_today ? (
            <strong class="finished" data-finished-today>
              обзвон на сегодня завершён
            </strong>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
