// «Настройки → SIP»: the table of SIP accounts («учётные записи SIP», per
// docs/GLOSSARY.md), the add/edit form (the password is write-only), delete,
// the default flag held by exactly one account (moving it asks first, naming
// both), and a test call with its outcome. UI thread.

import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { del, errorText, get, post } from '../api';
import { confirmLeave } from '../dirty';
import { seconds, timeOfDay } from '../format';
import { outcomeText, registrationText } from '../labels';
import type { Page } from '../router';
import type { SipAccount, TestCallResult } from '../types';
import { Field, NoticeLine, useNotice, type Notice } from '../ui';
import { defaultQuestion, SipForm } from './settings_sip_form';

function AccountsTable(props: {
  accounts: SipAccount[];
  onEdit: (a: SipAccount) => void;
  onDefault: (a: SipAccount) => void;
  onRemove: (a: SipAccount) => void;
}) {
  return (
    <table aria-label="Учётные записи SIP">
      <thead>
        <tr>
          {[
            'По умолчанию',
            'Название',
            'Имя пользователя',
            'Сервер',
            'Префикс',
            'Номер для определителя',
            'Регистрация',
            'Действия',
          ].map((label) => (
            <th scope="col">{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.accounts.length === 0 ? (
          <tr>
            <td colSpan={8} class="empty">
              Учётных записей нет. Добавьте учётную запись, чтобы RoboCall мог звонить.
            </td>
          </tr>
        ) : (
          props.accounts.map((a) => (
            <tr key={a.id} data-account={a.id} data-default={a.is_default ? 'true' : 'false'}>
              <td>
                <input
                  type="radio"
                  name="sip-default-radio"
                  checked={a.is_default}
                  aria-label={`Звонить через «${a.name}» по умолчанию`}
                  onChange={() => props.onDefault(a)}
                />
              </td>
              <td>
                {a.name}
                {a.is_default ? <span class="tag ok">по умолчанию</span> : null}
              </td>
              <td>{a.username}</td>
              <td>{a.server}</td>
              <td>{a.prefix || '—'}</td>
              <td>{a.caller_id || '—'}</td>
              <td data-registration={a.registration.state}>{registrationText(a.registration)}</td>
              <td class="nowrap">
                <button type="button" class="link" onClick={() => props.onEdit(a)}>
                  Изменить
                </button>
                <button type="button" class="link danger" onClick={() => props.onRemove(a)}>
                  Удалить
                </button>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function TestCall({ accounts }: { accounts: SipAccount[] }) {
  const chosen = useSignal('');
  const phoneText = useSignal('');
  const busy = useSignal(false);
  const notice: Notice = useNotice();
  const fallback = accounts.find((a) => a.is_default) ?? accounts[0];
  const account = accounts.some((a) => String(a.id) === chosen.value)
    ? chosen.value
    : fallback
      ? String(fallback.id)
      : '';
  const submit = (event: Event): void => {
    event.preventDefault();
    const digits = phoneText.value.replace(/[^\d]/g, '');
    if (digits.length < 10) {
      notice.error('Введите номер телефона из 10 цифр, например 9991234567.');
      document.getElementById('sip-test-phone')?.focus();
      return;
    }
    busy.value = true;
    notice.info('Звоним… Дождитесь окончания звонка.');
    post<TestCallResult>(`/api/sip/accounts/${account}/test-call`, { phone: phoneText.value })
      .then((r) => {
        const parts = [
          `Исход: ${outcomeText[r.outcome] ?? r.outcome}`,
          r.sip_code ? `код SIP ${r.sip_code}` : null,
          r.digits ? `нажато: ${r.digits}` : null,
          r.duration_s !== undefined ? `длительность ${seconds(r.duration_s)}` : null,
        ];
        const text = `${parts.filter(Boolean).join(', ')}.`;
        if (r.outcome === 'failed' || r.outcome === 'config_error') notice.error(text);
        else notice.ok(text);
      })
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  };
  return (
    <form class="panel test-call" aria-labelledby="sip-test-h" noValidate data-block="sip-test" onSubmit={submit}>
      <h2 id="sip-test-h">Тестовый звонок</h2>
      <p class="muted">
        Позвонит на указанный номер и проиграет сценарий разговора. Результат появится, когда звонок закончится.
      </p>
      <div class="row">
        <Field label="Учётная запись">
          <select name="test-account" value={account} onChange={(e) => (chosen.value = e.currentTarget.value)}>
            {accounts.map((a) => (
              <option value={String(a.id)}>{a.name}</option>
            ))}
          </select>
        </Field>
        <Field label="Номер телефона (10 цифр)">
          <input
            id="sip-test-phone"
            type="tel"
            name="test-phone"
            placeholder="9991234567"
            inputMode="tel"
            autocomplete="off"
            value={phoneText.value}
            onInput={(e) => (phoneText.value = e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="primary" disabled={busy.value || accounts.length === 0}>
          Позвонить
        </button>
      </div>
      <NoticeLine notice={notice} />
    </form>
  );
}

function SipSettingsScreen() {
  const accounts: Signal<SipAccount[]> = useSignal([]);
  // null: the form is closed; 'new': adding; an account: editing it.
  const editing = useSignal<SipAccount | 'new' | null>(null);
  const notice = useNotice();
  const load = (): Promise<void> =>
    get<SipAccount[]>('/api/sip/accounts').then((list) => {
      accounts.value = list;
    });
  useEffect(() => {
    load().catch((error: unknown) => notice.error(errorText(error)));
  }, []);

  // Another form replaces the open one: its unsaved edits ask first.
  function open(target: SipAccount | 'new'): void {
    const e = editing.value;
    const same = e === target || (e !== null && e !== 'new' && target !== 'new' && e.id === target.id);
    if (!same && confirmLeave()) editing.value = target;
  }

  function makeDefault(account: SipAccount): void {
    if (!window.confirm(defaultQuestion(account, accounts.value))) {
      accounts.value = [...accounts.value];
      return;
    }
    notice.info('Сохраняем…');
    post<SipAccount[]>(`/api/sip/accounts/${account.id}/default`)
      .then((list) => {
        accounts.value = list;
        notice.ok(`Теперь звоним через «${account.name}» (сохранено в ${timeOfDay(new Date())}).`);
      })
      .catch((error: unknown) => {
        notice.error(errorText(error));
        accounts.value = [...accounts.value];
      });
  }

  function remove(account: SipAccount): void {
    if (!window.confirm(`Удалить учётную запись SIP «${account.name}»?`)) return;
    del<void>(`/api/sip/accounts/${account.id}`)
      .then(() => load())
      .then(() => {
        const e = editing.value;
        if (e && e !== 'new' && e.id === account.id) editing.value = null;
        notice.ok(`Учётная запись «${account.name}» удалена.`);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  const e = editing.value;
  return (
    <>
      <h1>Настройки SIP</h1>
      <section class="panel" aria-labelledby="sip-list-h">
        <div class="row" style="justify-content:space-between;margin-bottom:0.75rem">
          <h2 id="sip-list-h" style="margin:0">
            Учётные записи SIP
          </h2>
          <button type="button" onClick={() => open('new')}>
            + Добавить учётную запись
          </button>
        </div>
        <div class="table-wrap">
          <AccountsTable accounts={accounts.value} onEdit={open} onDefault={makeDefault} onRemove={remove} />
        </div>
        <NoticeLine notice={notice} />
      </section>
      {e ? (
        <SipForm
          key={e === 'new' ? 'new' : e.id}
          account={e === 'new' ? null : e}
          first={accounts.value.length === 0}
          currentDefault={accounts.value.find((a) => a.is_default) ?? null}
          onCancel={() => (editing.value = null)}
          onSaved={(saved, wasEditing) =>
            load().then(() => {
              editing.value = null;
              notice.ok(
                `Учётная запись «${saved.name}» ${wasEditing ? 'изменена' : 'добавлена'} (сохранено в ${timeOfDay(new Date())}).`,
              );
            })
          }
        />
      ) : null}
      <TestCall accounts={accounts.value} />
    </>
  );
}

export const sipSettingsPage: Page = { title: 'Настройки SIP', component: SipSettingsScreen };
