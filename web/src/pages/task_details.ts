// A task's details: the patient, the appointment, the status and why the
// calls stopped, every call attempt with its outcome, SIP code, keys, ringing
// and talk time and recording (played, or downloaded with «Скачать запись»),
// and the next planned attempt. UI thread.

import { errorText, get } from '../api';
import { Notice, h, replace } from '../dom';
import { date, dateTime, phone, seconds } from '../format';
import { listStatusText, outcomeText, taskStateText } from '../labels';
import type { Page } from '../router';
import { lastListUrl } from './tasks';
import type { Attempt, TaskDetails } from '../types';

function attemptRow(a: Attempt): HTMLTableRowElement {
  // «Скачать запись»: the server names the file and audits the download.
  const audio = a.recording_url
    ? h(
        'div',
        { class: 'recording' },
        h('audio', {
          controls: true,
          preload: 'none',
          src: a.recording_url,
          'aria-label': `Запись попытки ${a.number}`,
        }),
        h('a', { href: `${a.recording_url}?download=1`, download: true }, 'Скачать запись'),
      )
    : h('span', { class: 'muted' }, 'нет записи');
  return h(
    'tr',
    { 'data-attempt': a.id },
    h('td', { class: 'num' }, String(a.number)),
    h('td', { class: 'nowrap' }, dateTime(a.started_at)),
    h(
      'td',
      { 'data-outcome': a.outcome ?? 'in_progress' },
      a.outcome ? (outcomeText[a.outcome] ?? a.outcome) : 'Звонок идёт',
    ),
    h('td', { class: 'num' }, a.sip_code === null || a.sip_code === undefined ? '—' : String(a.sip_code)),
    h('td', {}, a.digits ? a.digits : '—'),
    h('td', { class: 'nowrap' }, seconds(a.ring_s)),
    h('td', { class: 'nowrap' }, a.answered_at ? seconds(a.talk_s) : '—'),
    h('td', {}, audio),
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

function details(task: TaskDetails): HTMLElement {
  const why = whyStopped(task);
  const item = (term: string, value: string | HTMLElement): HTMLElement[] => [h('dt', {}, term), h('dd', {}, value)];
  const extra = Object.entries(task.extra ?? {}).flatMap(([k, v]) => item(k, v));
  const badge = h('span', { class: `badge badge-${task.status}` }, listStatusText[task.status] ?? task.status);
  const next =
    task.next_attempt && (task.state === 'pending' || task.state === 'calling')
      ? dateTime(task.next_attempt)
      : task.state === 'pending' || task.state === 'calling'
        ? 'при ближайшей возможности'
        : 'не планируется';
  return h(
    'dl',
    { class: 'details' },
    item('Имя пациента', task.full_name),
    item('Телефон', phone(task.phone)),
    item('Дата приёма', dateTime(task.appointment)),
    item('Дата рождения', date(task.birth_date)),
    item('Статус', badge),
    item('Состояние', taskStateText[task.state] ?? task.state),
    why ? item('Почему', why) : [],
    item('Использовано попыток', String(task.attempts_used)),
    item('Следующая попытка', next),
    task.external_id ? item('Номер в МИС', task.external_id) : [],
    task.campaign_id
      ? item(
          'Кампания',
          h(
            'a',
            { href: `/tasks?campaign=${task.campaign_id}`, 'data-link': true, 'data-campaign': task.campaign_id },
            task.campaign_name ?? `№ ${task.campaign_id}`,
          ),
        )
      : [],
    extra,
    item('Загружено', dateTime(task.created)),
    item('Изменено', dateTime(task.updated)),
  );
}

export const taskDetailsPage: Page = {
  title: 'Задание',
  render(main, params) {
    const back = h('a', { href: lastListUrl(), 'data-link': true }, '← К списку заданий');
    const notice = new Notice();
    const id = params['id'] ?? '';
    replace(main, h('p', {}, back), h('h1', {}, `Задание № ${id}`), notice.el);
    if (!/^\d+$/.test(id)) {
      notice.error('Неверный номер задания.');
      return;
    }
    notice.info('Загружаем…');
    get<TaskDetails>(`/api/tasks/${id}`)
      .then((task) => {
        notice.clear();
        const attempts =
          task.attempts.length === 0
            ? h('p', { class: 'muted' }, 'Звонков по этому заданию ещё не было.')
            : h(
                'div',
                { class: 'table-wrap' },
                h(
                  'table',
                  { 'aria-label': 'Попытки звонка' },
                  h(
                    'thead',
                    {},
                    h(
                      'tr',
                      {},
                      ['№', 'Время', 'Исход', 'Код SIP', 'Клавиши', 'Гудки', 'Разговор', 'Запись'].map((label) =>
                        h('th', { scope: 'col' }, label),
                      ),
                    ),
                  ),
                  h('tbody', {}, task.attempts.map(attemptRow)),
                ),
              );
        main.append(
          h(
            'section',
            { class: 'panel', 'aria-labelledby': 'task-h' },
            h('h2', { id: 'task-h' }, 'Пациент и приём'),
            details(task),
          ),
          h(
            'section',
            { class: 'panel', 'aria-labelledby': 'attempts-h' },
            h('h2', { id: 'attempts-h' }, 'Звонки'),
            attempts,
          ),
        );
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  },
};
