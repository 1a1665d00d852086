// A task's details: the patient, the appointment, the status and why the
// calls stopped, every call attempt with its outcome, SIP code, keys, ringing
// and talk time and recording (played, or downloaded with «Скачать запись»),
// and the next planned attempt. UI thread.

import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { errorText, get } from '../api';
import { date, dateTime, phone, seconds } from '../format';
import { listStatusText, outcomeText, taskStateText } from '../labels';
import type { Page, PageProps } from '../router';
import type { Attempt, TaskDetails } from '../types';
import { NoticeLine, useNotice } from '../ui';
import { lastListUrl } from './tasks';

function AttemptRow({ a }: { a: Attempt }) {
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
      <td data-outcome={a.outcome ?? 'in_progress'}>
        {a.outcome ? (outcomeText[a.outcome] ?? a.outcome) : 'Звонок идёт'}
      </td>
      <td class="num">{a.sip_code === null || a.sip_code === undefined ? '—' : String(a.sip_code)}</td>
      <td>{a.digits ? a.digits : '—'}</td>
      <td class="nowrap">{seconds(a.ring_s)}</td>
      <td class="nowrap">{a.answered_at ? seconds(a.talk_s) : '—'}</td>
      <td>{audio}</td>
    </tr>
  );
}

// Why robocall stopped calling, for the final states other than an answer
// (docs/BEHAVIOUR.md "Expiry", "Retries and attempts", "Call script").
function whyStopped(task: TaskDetails): string | null {
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

function Details({ task }: { task: TaskDetails }) {
  const why = whyStopped(task);
  const active = task.state === 'pending' || task.state === 'calling';
  const next =
    task.next_attempt && active ? dateTime(task.next_attempt) : active ? 'при ближайшей возможности' : 'не планируется';
  return (
    <dl class="details">
      <Item term="Имя пациента">{task.full_name}</Item>
      <Item term="Телефон">{phone(task.phone)}</Item>
      <Item term="Дата приёма">{dateTime(task.appointment)}</Item>
      <Item term="Дата рождения">{date(task.birth_date)}</Item>
      <Item term="Статус">
        <span class={`badge badge-${task.status}`}>{listStatusText[task.status] ?? task.status}</span>
      </Item>
      <Item term="Состояние">{taskStateText[task.state] ?? task.state}</Item>
      {why ? <Item term="Почему">{why}</Item> : null}
      <Item term="Использовано попыток">{String(task.attempts_used)}</Item>
      <Item term="Следующая попытка">{next}</Item>
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

function Attempts({ task }: { task: TaskDetails }) {
  if (task.attempts.length === 0) return <p class="muted">Звонков по этому заданию ещё не было.</p>;
  return (
    <div class="table-wrap">
      <table aria-label="Попытки звонка">
        <thead>
          <tr>
            {['№', 'Время', 'Исход', 'Код SIP', 'Клавиши', 'Гудки', 'Разговор', 'Запись'].map((label) => (
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
  const task = useSignal<TaskDetails | null>(null);
  const notice = useNotice();
  useEffect(() => {
    if (!/^\d+$/.test(id)) {
      notice.error('Неверный номер задания.');
      return;
    }
    notice.info('Загружаем…');
    get<TaskDetails>(`/api/tasks/${id}`)
      .then((t) => {
        notice.clear();
        task.value = t;
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }, [id]);
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
