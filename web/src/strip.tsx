// The header strip: the dialer's state in words, what is wrong in a clinic's
// words as a link to the page that fixes it (docs/GLOSSARY.md "The status
// strip's problems"), calls in progress, and «Начать обзвон» / «Остановить
// обзвон» for administrators. «сервер недоступен» when /api/status cannot be
// reached. UI thread.

import { useSignal } from '@preact/signals';
import { errorText } from './api';
import { dialerText } from './format';
import { liveStatus, serverUnreachable, switchDialer } from './live_status';

function SwitchButton({ on }: { on: boolean }) {
  const busy = useSignal(false);
  const error = useSignal('');
  const toggle = (): void => {
    busy.value = true;
    error.value = '';
    switchDialer(!on)
      .catch((e: unknown) => (error.value = errorText(e)))
      .finally(() => {
        busy.value = false;
      });
  };
  return (
    <>
      <button
        type="button"
        class={on ? 'strip-switch' : 'strip-switch primary'}
        data-dialer-switch={on ? 'stop' : 'start'}
        disabled={busy.value}
        onClick={toggle}
      >
        {on ? 'Остановить обзвон' : 'Начать обзвон'}
      </button>
      {error.value ? (
        <span class="strip-error" role="alert">
          {error.value}
        </span>
      ) : null}
    </>
  );
}

export function Strip({ admin }: { admin: boolean }) {
  const status = liveStatus.value;
  if (!status) {
    const down = serverUnreachable.value;
    return (
      <section class="strip" aria-label="Состояние обзвона">
        <span class={down ? 'state state-sip_error' : 'state state-unknown'} data-state={down ? 'unreachable' : null}>
          <span class="dot" aria-hidden="true" />
          {down ? 'Обзвон: сервер недоступен' : 'Обзвон: нет данных'}
        </span>
      </section>
    );
  }
  // Switched off by an administrator: the dialer says stopped whatever else
  // is wrong, and the server sends no problem then.
  const on = status.dialer !== 'stopped';
  const problem = status.problem;
  const state = status.dialer;
  return (
    <section class="strip" aria-label="Состояние обзвона">
      <span class={`state state-${state}`} data-state={state}>
        <span class="dot" aria-hidden="true" />
        Обзвон: <strong>{dialerText[state]}</strong>
      </span>
      {problem ? (
        <a class="strip-problem" href={problem.link} data-link data-problem={problem.code}>
          {problem.text}
        </a>
      ) : null}
      <span class="calls">
        Звонков сейчас: <strong data-active-calls>{String(status.active_calls ?? 0)}</strong>
      </span>
      {admin ? <SwitchButton on={on} /> : null}
    </section>
  );
}
