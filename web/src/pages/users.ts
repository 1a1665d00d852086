// «Пользователи» (administrators): the users with their role, state, creation
// and last login; add a user, change a role, disable or enable, reset a
// password; and the integration API's tokens: create (shown once), list,
// revoke. The server keeps the last active administrator. UI thread.

import { errorText, get, post, put } from '../api';
import { Notice, field, h, replace } from '../dom';
import { dateTime } from '../format';
import { roleText } from '../labels';
import type { Page } from '../router';
import type { Role, TokenRow, UserRow } from '../types';

const kRoles: Role[] = ['registrar', 'admin'];

function roleSelect(selected: Role, label: string): HTMLSelectElement {
  return h(
    'select',
    { 'aria-label': label },
    kRoles.map((r) => h('option', { value: r, selected: r === selected }, roleText[r])),
  );
}

function headRow(labels: string[]): HTMLElement {
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      labels.map((label) => h('th', { scope: 'col' }, label)),
    ),
  );
}

function usersSection(): { el: HTMLElement; load: () => Promise<void> } {
  const notice = new Notice();
  const body = h('tbody', {});
  const table = h(
    'table',
    { 'aria-label': 'Пользователи' },
    headRow(['Логин', 'Роль', 'Состояние', 'Создан', 'Последний вход', 'Действия']),
    body,
  );

  const login = h('input', { type: 'text', name: 'login', autocomplete: 'off', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true });
  const role = roleSelect('registrar', 'Роль');
  const formNotice = new Notice();
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'user-add-h', 'data-block': 'user-add', novalidate: true },
    h('h2', { id: 'user-add-h' }, 'Добавить пользователя'),
    field('Логин', login),
    field('Роль', role),
    field('Начальный пароль', password, 'Не короче 8 символов. Пользователь сменит его при первом входе.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Добавить'), formNotice.el),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!login.value.trim()) {
      formNotice.error('Введите логин.');
      login.focus();
      return;
    }
    if (password.value.length < 8) {
      formNotice.error('Начальный пароль должен быть не короче 8 символов.');
      password.focus();
      return;
    }
    post<UserRow>('/api/users', { login: login.value.trim(), password: password.value, role: role.value })
      .then((user) => {
        formNotice.ok(`Пользователь ${user.login} добавлен (${roleText[user.role]}).`);
        login.value = '';
        password.value = '';
        return load();
      })
      .catch((error: unknown) => formNotice.error(errorText(error)));
  });

  function change(user: UserRow, patch: Partial<Pick<UserRow, 'role' | 'disabled'>>, done: string): void {
    put<UserRow>(`/api/users/${user.id}`, patch)
      .then(() => {
        notice.ok(done);
        return load();
      })
      .catch((error: unknown) => {
        notice.error(errorText(error));
        return load();
      });
  }

  function resetPassword(user: UserRow): void {
    const value = window.prompt(`Новый временный пароль для ${user.login} (не короче 8 символов):`);
    if (value === null) return;
    post<void>(`/api/users/${user.id}/password`, { password: value })
      .then(() => {
        notice.ok(`Пароль ${user.login} сброшен: его сеансы завершены, при входе он сменит пароль.`);
        return load();
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  function row(u: UserRow): HTMLElement {
    const select = roleSelect(u.role, `Роль пользователя ${u.login}`);
    select.addEventListener('change', () =>
      change(u, { role: select.value as Role }, `Роль ${u.login}: ${roleText[select.value as Role]}.`),
    );
    const state = u.disabled ? 'Заблокирован' : u.must_change_password ? 'Должен сменить пароль' : 'Активен';
    return h(
      'tr',
      { 'data-user': u.login, 'data-disabled': u.disabled ? 'true' : 'false' },
      h('td', {}, u.login),
      h('td', {}, select),
      h('td', {}, state),
      h('td', {}, dateTime(u.created_at)),
      h('td', {}, dateTime(u.last_login_at)),
      h(
        'td',
        { class: 'nowrap' },
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () =>
              change(u, { disabled: !u.disabled }, `${u.login} ${u.disabled ? 'разблокирован' : 'заблокирован'}.`),
          },
          u.disabled ? 'Разблокировать' : 'Заблокировать',
        ),
        h('button', { type: 'button', class: 'link', onclick: () => resetPassword(u) }, 'Сбросить пароль'),
      ),
    );
  }

  function load(): Promise<void> {
    return get<{ items: UserRow[] }>('/api/users').then((list) => replace(body, list.items.map(row)));
  }

  const el = h(
    'section',
    { 'aria-labelledby': 'users-h' },
    h(
      'div',
      { class: 'panel' },
      h('h2', { id: 'users-h' }, 'Пользователи'),
      h('div', { class: 'table-wrap' }, table),
      notice.el,
    ),
    form,
  );
  return { el, load };
}

function tokenState(t: TokenRow): string {
  if (t.revoked) return 'Отозван';
  if (t.expires_at && new Date(t.expires_at).getTime() <= Date.now()) return 'Просрочен';
  return 'Действует';
}

function tokensSection(): { el: HTMLElement; load: () => Promise<void> } {
  const notice = new Notice();
  const body = h('tbody', {});
  const table = h(
    'table',
    { 'aria-label': 'API-токены' },
    headRow(['Имя', 'Состояние', 'Создан', 'Последнее использование', 'Действует до', 'Действия']),
    body,
  );
  const name = h('input', { type: 'text', name: 'token-name', autocomplete: 'off', required: true });
  const days = h('input', { type: 'number', name: 'expires-days', min: 1, max: 3650, inputmode: 'numeric' });
  const shown = h('output', { class: 'token-once' });
  const formNotice = new Notice();
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'token-add-h', 'data-block': 'token-add', novalidate: true },
    h('h2', { id: 'token-add-h' }, 'Новый API-токен'),
    field('Имя', name, 'Например, mis: по имени токен видно в журнале.'),
    field('Срок действия, дней', days, 'Пусто — бессрочный.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Создать'), formNotice.el),
    shown,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const trimmed = name.value.trim();
    if (!trimmed) {
      formNotice.error('Введите имя токена.');
      name.focus();
      return;
    }
    const n = days.value.trim() === '' ? null : Number(days.value);
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 3650)) {
      formNotice.error('Срок действия: целое число дней от 1 до 3650 или пусто.');
      days.focus();
      return;
    }
    post<{ name: string; token: string }>('/api/tokens', { name: trimmed, expires_days: n })
      .then((made) => {
        formNotice.ok(`Токен «${made.name}» создан. Скопируйте его сейчас: он показан один раз.`);
        shown.textContent = made.token;
        name.value = '';
        days.value = '';
        return load();
      })
      .catch((error: unknown) => formNotice.error(errorText(error)));
  });

  function revoke(t: TokenRow): void {
    if (!window.confirm(`Отозвать токен «${t.name}»? Запросы с ним перестанут проходить.`)) return;
    post<void>(`/api/tokens/${t.id}/revoke`)
      .then(() => {
        notice.ok(`Токен «${t.name}» отозван.`);
        return load();
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  function load(): Promise<void> {
    return get<{ items: TokenRow[] }>('/api/tokens').then((list) => {
      if (list.items.length === 0) {
        replace(body, h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'Токенов нет.')));
        return;
      }
      replace(
        body,
        list.items.map((t) =>
          h(
            'tr',
            { 'data-token': t.name },
            h('td', {}, t.name),
            h('td', {}, tokenState(t)),
            h('td', {}, dateTime(t.created_at)),
            h('td', {}, dateTime(t.last_used_at)),
            h('td', {}, t.expires_at ? dateTime(t.expires_at) : 'бессрочно'),
            h(
              'td',
              {},
              t.revoked ? null : h('button', { type: 'button', class: 'link', onclick: () => revoke(t) }, 'Отозвать'),
            ),
          ),
        ),
      );
    });
  }

  const el = h(
    'section',
    { 'aria-labelledby': 'tokens-h' },
    h(
      'div',
      { class: 'panel' },
      h('h2', { id: 'tokens-h' }, 'API-токены интеграции'),
      h('div', { class: 'table-wrap' }, table),
      notice.el,
    ),
    form,
  );
  return { el, load };
}

export const usersPage: Page = {
  title: 'Пользователи',
  adminOnly: true,
  render(main) {
    const users = usersSection();
    const tokens = tokensSection();
    const notice = new Notice();
    replace(main, h('h1', {}, 'Пользователи'), notice.el, users.el, tokens.el);
    Promise.all([users.load(), tokens.load()]).catch((error: unknown) => notice.error(errorText(error)));
  },
};
