// The login screen («Вход»): login and password, a clear message on a wrong
// password or too many attempts. UI thread.

import { ApiError, errorText, post } from './api';
import { Notice, field, h } from './dom';
import type { Me } from './types';

export function renderLogin(root: HTMLElement, onLoggedIn: (me: Me) => void): void {
  const login = h('input', { type: 'text', name: 'login', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary wide' }, 'Войти');
  const notice = new Notice();

  const form = h(
    'form',
    { class: 'login-card', 'aria-labelledby': 'login-title', novalidate: true },
    h(
      'div',
      { class: 'brand brand-login' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'R'),
      'RoboCall',
    ),
    h('h1', { id: 'login-title' }, 'Вход'),
    h('p', { class: 'muted' }, 'Обзвон пациентов для подтверждения записи на приём'),
    field('Логин', login),
    field('Пароль', password),
    notice.el,
    button,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!login.value.trim() || !password.value) {
      notice.error('Введите логин и пароль.');
      (login.value.trim() ? password : login).focus();
      return;
    }
    button.disabled = true;
    notice.info('Проверяем…');
    post<Me>('/api/login', { login: login.value.trim(), password: password.value })
      .then(onLoggedIn)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          notice.error('Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.');
        } else {
          notice.error(errorText(error));
        }
        password.value = '';
        password.focus();
      })
      .finally(() => {
        button.disabled = false;
      });
  });

  root.replaceChildren(h('main', { class: 'login-page' }, form));
  login.focus();
}
