// The password change screen («Смена пароля»), shown instead of the shell
// while the server says the password must be changed (the first
// administrator, a user an administrator added or whose password was reset).
// UI thread.

import { errorText, post } from './api';
import { Notice, field, h } from './dom';
import type { Me } from './types';

export function renderPasswordChange(
  root: HTMLElement,
  login: string,
  onChanged: (me: Me) => void,
  onLogout: () => void,
): void {
  const current = h('input', { type: 'password', name: 'current', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', name: 'new', autocomplete: 'new-password', required: true });
  const again = h('input', { type: 'password', name: 'again', autocomplete: 'new-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary wide' }, 'Сменить пароль');
  const notice = new Notice();

  const form = h(
    'form',
    { class: 'login-card', 'aria-labelledby': 'password-title', novalidate: true },
    h('h1', { id: 'password-title' }, 'Смена пароля'),
    h(
      'p',
      { class: 'muted' },
      `Пользователь ${login}: пароль выдан администратором или создан при установке. Придумайте свой, не короче 8 символов.`,
    ),
    field('Текущий пароль', current),
    field('Новый пароль', next),
    field('Новый пароль ещё раз', again),
    notice.el,
    button,
    h('button', { type: 'button', class: 'link', onclick: onLogout }, 'Выйти'),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!current.value || !next.value) {
      notice.error('Введите текущий и новый пароль.');
      return;
    }
    if (next.value.length < 8) {
      notice.error('Новый пароль должен быть не короче 8 символов.');
      next.focus();
      return;
    }
    if (next.value !== again.value) {
      notice.error('Новые пароли не совпадают.');
      again.focus();
      return;
    }
    button.disabled = true;
    notice.info('Сохраняем…');
    post<Me>('/api/password', { current_password: current.value, new_password: next.value })
      .then(onChanged)
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        button.disabled = false;
      });
  });

  root.replaceChildren(h('main', { class: 'login-page' }, form));
  current.focus();
}
