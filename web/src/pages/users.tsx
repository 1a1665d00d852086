// «Пользователи» (administrators): the users with their role, state, creation
// and last login; add a user, change a role, disable or enable, reset a
// password; and the integration API's tokens: create (shown once), list,
// revoke. The server keeps the last active administrator. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, get, post, put } from '../api';
import { dateTime } from '../format';
import { roleText } from '../labels';
import type { Page } from '../router';
import type { Role, UserRow } from '../types';
import { Field, HeadRow, NoticeLine, useNotice, type Notice } from '../ui';
import { TokensSection } from './tokens';

const kRoles: Role[] = ['registrar', 'admin'];

// Field gives the id when the select has a visible label.
function RoleSelect(props: { value: Role; label?: string; id?: string; onChange: (role: Role) => void }) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as Role)}
    >
      {kRoles.map((r) => (
        <option value={r}>{roleText[r]}</option>
      ))}
    </select>
  );
}

function AddUser({ onAdded }: { onAdded: () => Promise<void> }) {
  const login = useSignal('');
  const password = useSignal('');
  const role = useSignal<Role>('registrar');
  const notice = useNotice();
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const focus = (name: string): void => (form.elements.namedItem(name) as HTMLElement | null)?.focus();
    if (!login.value.trim()) {
      notice.error('Введите логин.');
      focus('login');
      return;
    }
    if (password.value.length < 8) {
      notice.error('Начальный пароль должен быть не короче 8 символов.');
      focus('password');
      return;
    }
    post<UserRow>('/api/users', { login: login.value.trim(), password: password.value, role: role.value })
      .then((user) => {
        notice.ok(`Пользователь ${user.login} добавлен (${roleText[user.role]}).`);
        login.value = '';
        password.value = '';
        return onAdded();
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  };
  return (
    <form class="panel" aria-labelledby="user-add-h" data-block="user-add" noValidate onSubmit={submit}>
      <h2 id="user-add-h">Добавить пользователя</h2>
      <Field label="Логин">
        <input
          type="text"
          name="login"
          autocomplete="off"
          required
          value={login.value}
          onInput={(e) => (login.value = e.currentTarget.value)}
        />
      </Field>
      <Field label="Роль">
        <RoleSelect value={role.value} onChange={(r) => (role.value = r)} />
      </Field>
      <Field label="Начальный пароль" hint="Не короче 8 символов. Пользователь сменит его при первом входе.">
        <input
          type="password"
          name="password"
          autocomplete="new-password"
          required
          value={password.value}
          onInput={(e) => (password.value = e.currentTarget.value)}
        />
      </Field>
      <div class="actions">
        <button type="submit" class="primary">
          Добавить
        </button>
        <NoticeLine notice={notice} />
      </div>
    </form>
  );
}

function UserLine(props: { u: UserRow; notice: Notice; load: () => Promise<void> }) {
  const { u, notice, load } = props;
  function change(patch: Partial<Pick<UserRow, 'role' | 'disabled'>>, done: string): void {
    put<UserRow>(`/api/users/${u.id}`, patch)
      .then(() => {
        notice.ok(done);
        return load();
      })
      .catch((error: unknown) => {
        notice.error(errorText(error));
        return load();
      });
  }
  function resetPassword(): void {
    const value = window.prompt(`Новый временный пароль для ${u.login} (не короче 8 символов):`);
    if (value === null) return;
    post<void>(`/api/users/${u.id}/password`, { password: value })
      .then(() => {
        notice.ok(`Пароль ${u.login} сброшен: его сеансы завершены, при входе он сменит пароль.`);
        return load();
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }
  const state = u.disabled ? 'Заблокирован' : u.must_change_password ? 'Должен сменить пароль' : 'Активен';
  return (
    <tr data-user={u.login} data-disabled={u.disabled ? 'true' : 'false'}>
      <td>{u.login}</td>
      <td>
        <RoleSelect
          value={u.role}
          label={`Роль пользователя ${u.login}`}
          onChange={(r) => change({ role: r }, `Роль ${u.login}: ${roleText[r]}.`)}
        />
      </td>
      <td>{state}</td>
      <td>{dateTime(u.created_at)}</td>
      <td>{dateTime(u.last_login_at)}</td>
      <td class="nowrap">
        <button
          type="button"
          class="link"
          onClick={() =>
            change({ disabled: !u.disabled }, `${u.login} ${u.disabled ? 'разблокирован' : 'заблокирован'}.`)
          }
        >
          {u.disabled ? 'Разблокировать' : 'Заблокировать'}
        </button>
        <button type="button" class="link" onClick={resetPassword}>
          Сбросить пароль
        </button>
      </td>
    </tr>
  );
}

function UsersSection({ onError }: { onError: (error: unknown) => void }) {
  const notice = useNotice();
  const users = useSignal<UserRow[]>([]);
  const load = (): Promise<void> =>
    get<{ items: UserRow[] }>('/api/users').then((list) => {
      users.value = list.items;
    });
  useEffect(() => {
    load().catch(onError);
  }, []);
  return (
    <section aria-labelledby="users-h">
      <div class="panel">
        <h2 id="users-h">Пользователи</h2>
        <div class="table-wrap">
          <table aria-label="Пользователи">
            <HeadRow labels={['Логин', 'Роль', 'Состояние', 'Создан', 'Последний вход', 'Действия']} />
            <tbody>
              {users.value.map((u) => (
                <UserLine key={u.id} u={u} notice={notice} load={load} />
              ))}
            </tbody>
          </table>
        </div>
        <NoticeLine notice={notice} />
      </div>
      <AddUser onAdded={load} />
    </section>
  );
}

function UsersScreen() {
  const notice = useNotice();
  const onError = (error: unknown): void => notice.error(errorText(error));
  return (
    <>
      <h1>Пользователи</h1>
      <NoticeLine notice={notice} />
      <UsersSection onError={onError} />
      <TokensSection onError={onError} />
    </>
  );
}

export const usersPage: Page = { title: 'Пользователи', adminOnly: true, component: UsersScreen };
