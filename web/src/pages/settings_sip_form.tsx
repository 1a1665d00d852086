// The add/edit form of «Настройки → SIP»: the account's fields with hints,
// the write-only password and the default flag (taking it from another
// account asks first). Unsaved edits are listed in dirty.ts. UI thread.

import { signal, useComputed, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, post, put } from '../api';
import { useDirty } from '../dirty';
import { snapshot, UnsavedMark } from '../forms';
import type { SipAccount, SipAccountInput } from '../types';
import { Field, NoticeLine, useNotice, useOnce } from '../ui';

interface TextField {
  key: Exclude<
    keyof SipAccountInput,
    'password' | 'is_default' | 'transport' | 'register_enabled' | 'register_expiry_s'
  >;
  label: string;
  required?: boolean;
  hint?: string;
}

const kFields: TextField[] = [
  { key: 'name', label: 'Название', required: true, hint: 'Как учётная запись называется в списке.' },
  { key: 'username', label: 'Имя пользователя', required: true },
  { key: 'server', label: 'Адрес сервера', required: true, hint: 'Например, sip.example.ru или 10.0.0.5:5060.' },
  { key: 'prefix', label: 'Префикс', hint: 'Набирается перед 10-значным номером, если этого требует сервер.' },
  {
    key: 'caller_id',
    label: 'Номер для определителя',
    hint: 'Номер, который пациент увидит на экране телефона, например +7 495 123-45-67. Передаётся провайдеру как P-Asserted-Identity. Многие провайдеры показывают только номер, закреплённый за учётной записью. Пусто — номер выберет провайдер.',
  },
  {
    key: 'from_user',
    label: 'From user',
    hint: 'Кто звонит — имя в заголовке From (часть до @). Пусто — имя пользователя. Заполняйте, только если этого требует провайдер.',
  },
  {
    key: 'from_host',
    label: 'From host',
    hint: 'Домен в заголовке From (часть после @). Пусто — адрес сервера. Заполняйте, только если провайдер указал свой домен.',
  },
  {
    key: 'realm',
    label: 'Realm',
    hint: 'Область, для которой провайдер запрашивает пароль. Пусто — домен сервера (или From host); для Asterisk обычно «asterisk». Пароль не отправляется на запрос другой области.',
  },
  {
    key: 'outbound_proxy',
    label: 'Исходящий прокси',
    hint: 'Например, proxy.example.ru:5060. Звонки и регистрация пойдут через него, адрес вызова останется адресом сервера. Пусто — напрямую.',
  },
  {
    key: 'public_address',
    label: 'Внешний адрес (NAT)',
    hint: 'IP-адрес или имя, под которым сервер RoboCall виден провайдеру из интернета, если он стоит за NAT. Пусто — собственный адрес.',
  },
];

type Transport = NonNullable<SipAccountInput['transport']>;

const kTransports: [Transport, string][] = [
  ['udp', 'UDP'],
  ['tcp', 'TCP'],
];

function TextInput(props: { f: TextField; value: { value: string } }) {
  const { f } = props;
  const input = (
    <input
      id={`sip-${f.key}`}
      type="text"
      name={f.key}
      required={f.required === true}
      autocomplete="off"
      value={props.value.value}
      onInput={(e) => (props.value.value = e.currentTarget.value)}
    />
  );
  const label = f.label + (f.required ? ' *' : '');
  return f.hint ? (
    <Field label={label} hint={f.hint}>
      {input}
    </Field>
  ) : (
    <Field label={label}>{input}</Field>
  );
}

// The question before calls move to `chosen` from the current default.
export function defaultQuestion(chosen: SipAccount | { name: string }, accounts: SipAccount[]): string {
  const current = accounts.find((a) => a.is_default);
  return current
    ? `Звонить через учётную запись «${chosen.name}» вместо «${current.name}»? Все следующие звонки пойдут через «${chosen.name}».`
    : `Звонить через учётную запись «${chosen.name}»?`;
}

export function SipForm(props: {
  account: SipAccount | null;
  first: boolean;
  currentDefault: SipAccount | null;
  onCancel: () => void;
  onSaved: (saved: SipAccount, wasEditing: boolean) => Promise<void>;
}) {
  const editing = props.account;
  const values = useOnce(() => new Map(kFields.map((f) => [f.key, signal(editing ? editing[f.key] : '')])));
  const value = (key: TextField['key']): string => values.get(key)?.value.trim() ?? '';
  const password = useSignal('');
  const isDefault = useSignal(editing ? editing.is_default : props.first);
  const transport = useSignal<Transport>(editing ? editing.transport : 'udp');
  const registerOn = useSignal(editing ? editing.register_enabled : false);
  const expiry = useSignal(String(editing ? editing.register_expiry_s : 600));
  const busy = useSignal(false);
  const notice = useNotice();
  const formValues = (): string =>
    snapshot([
      ...kFields.map((f) => values.get(f.key)?.value ?? ''),
      password.value,
      isDefault.value,
      transport.value,
      registerOn.value,
      expiry.value,
    ]);
  const saved = useOnce(() => formValues());
  const dirty = useComputed(() => formValues() !== saved);
  useDirty('sip-form', dirty.value);
  useEffect(() => document.getElementById('sip-name')?.focus(), []);

  const submit = (event: Event): void => {
    event.preventDefault();
    for (const f of kFields) {
      if (f.required && !value(f.key)) {
        notice.error(`Заполните поле «${f.label}».`);
        document.getElementById(`sip-${f.key}`)?.focus();
        return;
      }
    }
    const expirySeconds = Number(expiry.value.trim());
    if (!Number.isInteger(expirySeconds) || expirySeconds < 60 || expirySeconds > 86400) {
      notice.error('Срок регистрации — целое число секунд от 60 до 86400.');
      document.getElementById('sip-register-expiry')?.focus();
      return;
    }
    const input: SipAccountInput = {
      name: value('name'),
      username: value('username'),
      server: value('server'),
      prefix: value('prefix'),
      caller_id: value('caller_id'),
      from_user: value('from_user'),
      from_host: value('from_host'),
      realm: value('realm'),
      outbound_proxy: value('outbound_proxy'),
      public_address: value('public_address'),
      transport: transport.value,
      register_enabled: registerOn.value,
      register_expiry_s: expirySeconds,
      is_default: isDefault.value,
      password: password.value === '' ? null : password.value,
    };
    const other = props.currentDefault;
    const takesDefault = isDefault.value && other !== null && other.id !== editing?.id;
    if (takesDefault && !window.confirm(defaultQuestion({ name: input.name }, [other]))) return;
    busy.value = true;
    const request = editing
      ? put<SipAccount>(`/api/sip/accounts/${editing.id}`, input)
      : post<SipAccount>('/api/sip/accounts', input);
    request
      .then((saved) => props.onSaved(saved, editing !== null))
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        busy.value = false;
      });
  };

  const cancel = (): void => {
    if (dirty.value && !window.confirm('Изменения учётной записи не сохранены. Закрыть форму без сохранения?')) return;
    props.onCancel();
  };

  const field = (f: TextField) => {
    const v = values.get(f.key);
    return v ? <TextInput f={f} value={v} /> : null;
  };
  return (
    <form class="panel" aria-labelledby="sip-form-h" noValidate data-block="sip-form" onSubmit={submit}>
      <h2 id="sip-form-h">{editing ? `Изменить учётную запись «${editing.name}»` : 'Новая учётная запись SIP'}</h2>
      <div class="form-grid">
        {kFields.slice(0, 2).map(field)}
        <Field label="Пароль" hint="Хранится на сервере и в браузер не возвращается.">
          <input
            type="password"
            name="password"
            autocomplete="new-password"
            placeholder={editing?.has_password ? 'не изменён' : ''}
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </Field>
        {kFields.slice(2).map(field)}
        <Field label="Транспорт" hint="Как передаются сигналы SIP: UDP (обычно) или TCP. TLS не поддерживается.">
          <select
            id="sip-transport"
            name="transport"
            value={transport.value}
            onChange={(e) => (transport.value = e.currentTarget.value as Transport)}
          >
            {kTransports.map(([v, label]) => (
              <option value={v}>{label}</option>
            ))}
          </select>
        </Field>
        <Field
          label="Срок регистрации, с"
          hint="На сколько секунд просить регистрацию (60–86400); RoboCall обновляет её заранее."
        >
          <input
            id="sip-register-expiry"
            type="number"
            name="register_expiry_s"
            min={60}
            max={86400}
            value={expiry.value}
            onInput={(e) => (expiry.value = e.currentTarget.value)}
          />
        </Field>
      </div>
      <div class="radio-line">
        <input
          type="checkbox"
          name="register_enabled"
          id="sip-register"
          checked={registerOn.value}
          onChange={(e) => (registerOn.value = e.currentTarget.checked)}
        />
        <label for="sip-register">
          Регистрация — регистрироваться у провайдера перед звонками (если провайдер этого требует)
        </label>
      </div>
      <div class="radio-line">
        <input
          type="checkbox"
          name="is_default"
          id="sip-default"
          checked={isDefault.value}
          onChange={(e) => (isDefault.value = e.currentTarget.checked)}
        />
        <label for="sip-default">По умолчанию — звонить через эту учётную запись</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value}>
          Сохранить
        </button>
        <button type="button" onClick={cancel}>
          Отмена
        </button>
        <UnsavedMark dirty={dirty.value} />
        <NoticeLine notice={notice} />
      </div>
    </form>
  );
}
