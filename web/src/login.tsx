// The login screen («Вход»): login and password, a clear message on a wrong
// password or too many attempts, «Сеанс истёк» when a session ended. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, errorText, post } from './api';
import type { Me } from './types';
import { Field, NoticeLine, useNotice } from './ui';

export function Login(props: { banner: string; expired: boolean; onLoggedIn: (me: Me) => void }) {
  const login = useSignal('');
  const password = useSignal('');
  const busy = useSignal(false);
  const notice = useNotice();
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.expired) notice.info('Сеанс истёк: войдите снова, чтобы продолжить работу.');
    loginRef.current?.focus();
  }, []);

  const submit = (event: Event): void => {
    event.preventDefault();
    if (!login.value.trim() || !password.value) {
      notice.error('Введите логин и пароль.');
      (login.value.trim() ? passwordRef : loginRef).current?.focus();
      return;
    }
    busy.value = true;
    notice.info('Проверяем…');
    post<Me>('/api/login', { login: login.value.trim(), password: password.value })
      .then(props.onLoggedIn)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          notice.error('Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.');
        } else {
          notice.error(errorText(error));
        }
        password.value = '';
        passwordRef.current?.focus();
      })
      .finally(() => {
        busy.value = false;
      });
  };

  return (
    <>
      {props.banner ? (
        <p class="notice notice-error banner" role="alert">
          {props.banner}
        </p>
      ) : null}
      <main class="login-page">
        <form class="login-card" aria-labelledby="login-title" noValidate onSubmit={submit}>
          <div class="brand brand-login">
            <span class="brand-mark" aria-hidden="true">
              R
            </span>
            RoboCall
          </div>
          <h1 id="login-title">Вход</h1>
          <p class="muted">Обзвон пациентов для подтверждения записи на приём</p>
          <Field label="Логин">
            <input
              ref={loginRef}
              type="text"
              name="login"
              autocomplete="username"
              required
              value={login.value}
              onInput={(e) => (login.value = e.currentTarget.value)}
            />
          </Field>
          <Field label="Пароль">
            <input
              ref={passwordRef}
              type="password"
              name="password"
              autocomplete="current-password"
              required
              value={password.value}
              onInput={(e) => (password.value = e.currentTarget.value)}
            />
          </Field>
          <NoticeLine notice={notice} />
          <button type="submit" class="primary wide" disabled={busy.value}>
            Войти
          </button>
        </form>
      </main>
    </>
  );
}
