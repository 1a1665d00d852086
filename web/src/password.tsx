// The password change screen («Смена пароля»), shown instead of the shell
// while the server says the password must be changed (the first
// administrator, a user an administrator added or whose password was reset).
// UI thread.

import { useSignal, type Signal } from '@preact/signals';
import type { Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { errorText, post } from './api';
import type { Me } from './types';
import { Field, NoticeLine, useNotice } from './ui';

// Field gives the id.
function PasswordInput(props: {
  id?: string;
  name: string;
  value: Signal<string>;
  autocomplete: string;
  inputRef: Ref<HTMLInputElement>;
}) {
  return (
    <input
      id={props.id}
      ref={props.inputRef}
      type="password"
      name={props.name}
      autocomplete={props.autocomplete}
      required
      value={props.value.value}
      onInput={(e) => (props.value.value = e.currentTarget.value)}
    />
  );
}

export function PasswordChange(props: { login: string; onChanged: (me: Me) => void; onLogout: () => void }) {
  const current = useSignal('');
  const next = useSignal('');
  const again = useSignal('');
  const busy = useSignal(false);
  const notice = useNotice();
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const againRef = useRef<HTMLInputElement>(null);
  useEffect(() => currentRef.current?.focus(), []);

  const submit = (event: Event): void => {
    event.preventDefault();
    if (!current.value || !next.value) {
      notice.error('Введите текущий и новый пароль.');
      return;
    }
    if (next.value.length < 8) {
      notice.error('Новый пароль должен быть не короче 8 символов.');
      nextRef.current?.focus();
      return;
    }
    if (next.value !== again.value) {
      notice.error('Новые пароли не совпадают.');
      againRef.current?.focus();
      return;
    }
    busy.value = true;
    notice.info('Сохраняем…');
    post<Me>('/api/password', { current_password: current.value, new_password: next.value })
      .then(props.onChanged)
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  };

  return (
    <main class="login-page">
      <form class="login-card" aria-labelledby="password-title" noValidate onSubmit={submit}>
        <h1 id="password-title">Смена пароля</h1>
        <p class="muted">
          {`Пользователь ${props.login}: пароль выдан администратором или создан при установке. Придумайте свой, не короче 8 символов.`}
        </p>
        <Field label="Текущий пароль">
          <PasswordInput name="current" value={current} autocomplete="current-password" inputRef={currentRef} />
        </Field>
        <Field label="Новый пароль">
          <PasswordInput name="new" value={next} autocomplete="new-password" inputRef={nextRef} />
        </Field>
        <Field label="Новый пароль ещё раз">
          <PasswordInput name="again" value={again} autocomplete="new-password" inputRef={againRef} />
        </Field>
        <NoticeLine notice={notice} />
        <button type="submit" class="primary wide" disabled={busy.value}>
          Сменить пароль
        </button>
        <button type="button" class="link" onClick={props.onLogout}>
          Выйти
        </button>
      </form>
    </main>
  );
}
