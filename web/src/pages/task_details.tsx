// A task's details: the patient, the appointment, «Статус» (the guide's
// three) and «Звонки» (how the calling goes) with why it stopped, the
// attempts used of the allowed, the next attempt while calling is on, the
// actions (task_actions), and every call attempt with its outcome (the SIP
// code in its hint), keys, ringing and talk time and recording (played, or
// downloaded with «Скачать запись»). Refreshes while calls go on. UI thread.

import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { errorText, get } from '../api';
import { date, dateTime, phone, seconds, telHref } from '../format';
import { listStatusText, outcomeText, taskStateText, unknownHint } from '../labels';
import { liveStatus, tick } from '../live_status';
import type { Page, PageProps } from '../router';
import type { Attempt, TaskDetailsDay } from '../types';
import { NoticeLine, useNotice } from '../ui';
import { TaskActions } from './task_actions';
import { lastListUrl } from './tasks_query';

function AttemptRow({ a }: { a: Attempt }) {
  const sip = a.sip_code === null || a.sip_code === undefined ? null : String(a.sip_code);
  // «Скачать запись»: the server names the file and audits the download.
  const audio = a.recording_url ? (
    <div class="recording">
      <audio controls preload="none" src={a.recording_url} aria-label={`Запись попытки ${a.number}`} />
      <a href={`${a.recording_url}?download=1`} download>
        Скачать запись
      </a>
    </div>
  ) : (
    <span class="muted">нет записи</span>
  );
  return (
    <tr data-attempt={a.id}>
      <td class="num">{String(a.number)}</td>
      <td class="nowrap">{dateTime(a.started_at)}</td>
      <td
        data-outcome={a.outcome ?? 'in_progress'}
        data-sip-code={sip ?? undefined}
        title={sip === null ? undefined : `Код SIP ${sip}`}
      >
        {a.outcome ? (outcomeText[a.outcome] ?? a.outcome) : 'Звонок идёт'}
      </td>
      <td>{a.digits ? a.digits : '—'}</td>
      <td class="nowrap">{seconds(a.ring_s)}</td>
      <td class="nowrap">{a.answered_at ? seconds(a.talk_s) : '—'}</td>
      <td>{audio}</td>
    </tr>
  );
}

// Why robocall stopped calling, for the final states other than an answer
// (docs/BEHAVIOUR.md "Expiry", "Retries and attempts", "Call script").
function whyStopped(task: TaskDetailsDay): string | null {
  const called = task.attempts.some((a) => a.outcome !== 'failed' && a.outcome !== 'config_error');
  if (task.state === 'expired')
    return called
      ? 'Приём начался раньше, чем удалось дозвониться.'
      : 'Приём начался раньше, чем робот успел позвонить: обзвон был выключен, приостановлен ' +
          'или рабочее время закончилось.';
  if (task.state === 'exhausted')
    return task.attempts_used > 0
      ? 'Использованы все попытки дозвониться.'
      : 'Звонки не прошли из-за сбоев на стороне оператора связи или сервера.';
  if (task.state === 'not_verified')
    return 'Ответивший дважды ввёл неверный год рождения: телефон, возможно, у другого человека. Повторных звонков не будет.';
  return null;
}

function Item(props: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

// The next attempt is shown only while it will happen: the task waits and
// the dialer is on (not switched off, not stopped by a SIP problem).
function nextAttempt(task: TaskDetailsDay): string | null {
  const dialer = liveStatus.value?.dialer;
  if (task.state !== 'pending' || (dialer !== 'running' && dialer !== 'outside_hours')) return null;
  return task.next_attempt ? dateTime(task.next_attempt) : 'при ближайшей возможности';
}

function Details({ task }: { task: TaskDetailsDay }) {
  const why = whyStopped(task);
  const next = nextAttempt(task);
  return (
    <dl class="details">
      <Item term="Имя пациента">{task.full_name}</Item>
      <Item term="Телефон">
        <a href={telHref(task.phone)}>{phone(task.phone)}</a>
      </Item>
      <Item term="Дата приёма">{dateTime(task.appointment)}</Item>
      <Item term="Дата рождения">{date(task.birth_date)}</Item>
      <Item term="Статус">
        <span class={`badge badge-${task.status}`} title={task.status === 'unknown' ? unknownHint : undefined}>
          {listStatusText[task.status] ?? task.status}
        </span>
      </Item>
      <Item term="Звонки">
        <span
          class={`calls calls-${task.calls_kind ?? 'waiting'}`}
          data-calls={task.calls_kind}
          title={taskStateText[task.state] ?? task.state}
        >
          {task.calls ?? taskStateText[task.state] ?? task.state}
        </span>
      </Item>
      {why ? <Item term="Почему">{why}</Item> : null}
      <Item term="Использовано попыток">
        {task.attempts_max ? `${task.attempts_used} из ${task.attempts_max}` : String(task.attempts_used)}
      </Item>
      {next ? <Item term="Следующая попытка">{next}</Item> : null}
      {task.external_id ? <Item term="Номер в МИС">{task.external_id}</Item> : null}
      {task.campaign_id ? (
        <Item term="Кампания">
          <a href={`/tasks?campaign=${task.campaign_id}`} data-link data-campaign={task.campaign_id}>
            {task.campaign_name ?? `№ ${task.campaign_id}`}
          </a>
        </Item>
      ) : null}
      {Object.entries(task.extra ?? {}).map(([k, v]) => (
        <Item term={k}>{v}</Item>
      ))}
      <Item term="Загружено">{dateTime(task.created)}</Item>
      <Item term="Изменено">{dateTime(task.updated)}</Item>
    </dl>
  );
}

function Attempts({ task }: { task: TaskDetailsDay }) {
  if (task.attempts.length === 0) return <p class="muted">Звонков по этому заданию ещё не было.</p>;
  return (
    <div class="table-wrap">
      <table aria-label="Попытки звонка">
        <thead>
          <tr>
            {['№', 'Время', 'Исход', 'Клавиши', 'Гудки', 'Разговор', 'Запись'].map((label) => (
              <th scope="col">{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {task.attempts.map((a) => (
            <AttemptRow key={a.id} a={a} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskDetailsScreen({ params }: PageProps) {
  const id = params['id'] ?? '';
  const task = useSignal<TaskDetailsDay | null>(null);
  const notice = useNotice();
  // quiet: a live refresh (no «Загружаем…», a failure keeps what is shown).
  const load = (quiet: boolean): void => {
    if (!quiet) notice.info('Загружаем…');
    get<TaskDetailsDay>(`/api/tasks/${id}`)
      .then((t) => {
        if (!quiet) notice.clear();
        task.value = t;
      })
      .catch((error: unknown) => {
        if (!quiet) notice.error(errorText(error));
      });
  };
  const valid = /^\d+$/.test(id);
  useEffect(() => {
    if (valid) load(false);
    else notice.error('Неверный номер задания.');
  }, [id]);
  // Every poll of the live status refreshes the task while calls go on.
  const beat = tick.value;
  const firstBeat = useRef(beat);
  useEffect(() => {
    if (valid && beat !== firstBeat.current) load(true);
  }, [beat]);
  const t = task.value;
  return (
    <>
      <p>
        <a href={lastListUrl()} data-link>
          ← К списку заданий
        </a>
      </p>
      <h1>{`Задание № ${id}`}</h1>
      <NoticeLine notice={notice} />
      {t ? (
        <>
          <section class="panel" aria-labelledby="task-h">
            <h2 id="task-h">Пациент и приём</h2>
            <Details task={t} />
          </section>
          <TaskActions task={t} onChanged={() => load(true)} />
          <section class="panel" aria-labelledby="attempts-h">
            <h2 id="attempts-h">Звонки</h2>
            <Attempts task={t} />
          </section>
        </>
      ) : null}
    </>
  );
}

export const taskDetailsPage: Page = { title: 'Задание', component: TaskDetailsScreen };
