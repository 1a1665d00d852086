// «Настройки → SIP»: the SIP accounts table, the add/edit form (the password
// is write-only), delete, the default flag held by exactly one account, and a
// test call with its outcome. UI thread.

import { del, errorText, get, post, put } from '../api';
import { Notice, field, h, replace } from '../dom';
import { seconds, timeOfDay } from '../format';
import { outcomeText } from '../labels';
import type { Page } from '../router';
import type { SipAccount, SipAccountInput, TestCallResult } from '../types';

interface TextField {
  key: Exclude<keyof SipAccountInput, 'password' | 'is_default'>;
  label: string;
  required?: boolean;
  hint?: string;
}

const kFields: TextField[] = [
  { key: 'name', label: 'Название', required: true, hint: 'Как аккаунт называется в списке.' },
  { key: 'username', label: 'Имя пользователя', required: true },
  { key: 'server', label: 'Адрес сервера', required: true, hint: 'Например, sip.example.ru или 10.0.0.5:5060.' },
  { key: 'prefix', label: 'Префикс', hint: 'Набирается перед 10-значным номером, если этого требует сервер.' },
  { key: 'caller_id', label: 'Caller ID', hint: 'Номер, который увидит пациент (если заполнено).' },
  { key: 'from_user', label: 'From user' },
  { key: 'from_host', label: 'From host' },
  {
    key: 'realm',
    label: 'Realm',
    hint: 'Область, для которой провайдер запрашивает пароль. Пусто — домен сервера (или From host); для Asterisk обычно «asterisk». Пароль не отправляется на запрос другой области.',
  },
];

export const sipSettingsPage: Page = {
  title: 'Настройки SIP',
  render(main) {
    let accounts: SipAccount[] = [];
    let editing: SipAccount | null = null;
    const listNotice = new Notice();
    const body = h('tbody', {});
    const table = h(
      'table',
      { 'aria-label': 'SIP аккаунты' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['По умолчанию', 'Название', 'Имя пользователя', 'Сервер', 'Префикс', 'Caller ID', 'Действия'].map((label) =>
            h('th', { scope: 'col' }, label),
          ),
        ),
      ),
      body,
    );

    // The add/edit form.
    const inputs = new Map<TextField['key'], HTMLInputElement>();
    const controls = kFields.map((f) => {
      const input = h('input', { type: 'text', name: f.key, required: f.required === true, autocomplete: 'off' });
      inputs.set(f.key, input);
      return field(f.label + (f.required ? ' *' : ''), input, f.hint);
    });
    const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password' });
    const isDefault = h('input', { type: 'checkbox', name: 'is_default', id: 'sip-default' });
    const formTitle = h('h2', { id: 'sip-form-h' });
    const formNotice = new Notice();
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Сохранить');
    const cancel = h('button', { type: 'button', onclick: () => openForm(null) }, 'Отмена');
    const form = h(
      'form',
      { class: 'panel', 'aria-labelledby': 'sip-form-h', novalidate: true, 'data-block': 'sip-form' },
      formTitle,
      h(
        'div',
        { class: 'form-grid' },
        controls.slice(0, 2),
        field('Пароль', password, 'Хранится на сервере и в браузер не возвращается.'),
        controls.slice(2),
      ),
      h(
        'div',
        { class: 'radio-line' },
        isDefault,
        h('label', { for: 'sip-default' }, 'По умолчанию — звонить через этот аккаунт'),
      ),
      h('div', { class: 'actions' }, submit, cancel, formNotice.el),
    );

    // The test call.
    const testAccount = h('select', { name: 'test-account' });
    const testPhone = h('input', {
      type: 'tel',
      name: 'test-phone',
      placeholder: '9991234567',
      inputmode: 'tel',
      autocomplete: 'off',
    });
    const testButton = h('button', { type: 'submit', class: 'primary' }, 'Позвонить');
    const testNotice = new Notice();
    const testForm = h(
      'form',
      { class: 'panel test-call', 'aria-labelledby': 'sip-test-h', novalidate: true, 'data-block': 'sip-test' },
      h('h2', { id: 'sip-test-h' }, 'Тестовый звонок'),
      h(
        'p',
        { class: 'muted' },
        'Позвонит на указанный номер и проиграет сценарий разговора. Результат появится, когда звонок закончится.',
      ),
      h(
        'div',
        { class: 'row' },
        field('Аккаунт', testAccount),
        field('Номер телефона (10 цифр)', testPhone),
        testButton,
      ),
      testNotice.el,
    );

    replace(
      main,
      h('h1', {}, 'Настройки SIP'),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'sip-list-h' },
        h(
          'div',
          { class: 'row', style: 'justify-content:space-between;margin-bottom:0.75rem' },
          h('h2', { id: 'sip-list-h', style: 'margin:0' }, 'SIP аккаунты'),
          h('button', { type: 'button', onclick: () => openForm('new') }, '+ Добавить аккаунт'),
        ),
        h('div', { class: 'table-wrap' }, table),
        listNotice.el,
      ),
      form,
      testForm,
    );

    function renderList(): void {
      if (accounts.length === 0) {
        replace(
          body,
          h(
            'tr',
            {},
            h('td', { colspan: 7, class: 'empty' }, 'Аккаунтов нет. Добавьте аккаунт, чтобы RoboCall мог звонить.'),
          ),
        );
      } else {
        replace(
          body,
          accounts.map((a) => {
            const radio = h('input', {
              type: 'radio',
              name: 'sip-default-radio',
              checked: a.is_default,
              'aria-label': `Сделать «${a.name}» аккаунтом по умолчанию`,
              onchange: () => makeDefault(a),
            });
            return h(
              'tr',
              { 'data-account': a.id, 'data-default': a.is_default ? 'true' : 'false' },
              h('td', {}, radio),
              h('td', {}, a.name, a.is_default ? h('span', { class: 'tag ok' }, 'по умолчанию') : null),
              h('td', {}, a.username),
              h('td', {}, a.server),
              h('td', {}, a.prefix || '—'),
              h('td', {}, a.caller_id || '—'),
              h(
                'td',
                { class: 'nowrap' },
                h('button', { type: 'button', class: 'link', onclick: () => openForm(a) }, 'Изменить'),
                h('button', { type: 'button', class: 'link', onclick: () => remove(a) }, 'Удалить'),
              ),
            );
          }),
        );
      }
      const chosen = testAccount.value;
      replace(
        testAccount,
        accounts.map((a) =>
          h('option', { value: String(a.id), selected: chosen ? String(a.id) === chosen : a.is_default }, a.name),
        ),
      );
      testButton.disabled = accounts.length === 0;
    }

    function load(): Promise<void> {
      return get<SipAccount[]>('/api/sip/accounts').then((list) => {
        accounts = list;
        renderList();
      });
    }

    function openForm(account: SipAccount | 'new' | null): void {
      formNotice.clear();
      if (account === null) {
        form.hidden = true;
        editing = null;
        return;
      }
      editing = account === 'new' ? null : account;
      form.hidden = false;
      formTitle.textContent = editing ? `Изменить аккаунт «${editing.name}»` : 'Новый SIP аккаунт';
      for (const f of kFields) {
        const input = inputs.get(f.key);
        if (input) input.value = editing ? editing[f.key] : '';
      }
      password.value = '';
      password.placeholder = editing?.has_password ? 'не изменён' : '';
      isDefault.checked = editing ? editing.is_default : accounts.length === 0;
      inputs.get('name')?.focus();
    }

    function makeDefault(account: SipAccount): void {
      listNotice.info('Сохраняем…');
      post<SipAccount[]>(`/api/sip/accounts/${account.id}/default`)
        .then((list) => {
          accounts = list;
          renderList();
          listNotice.ok(`«${account.name}» теперь аккаунт по умолчанию (сохранено в ${timeOfDay(new Date())}).`);
        })
        .catch((error: unknown) => {
          listNotice.error(errorText(error));
          renderList();
        });
    }

    function remove(account: SipAccount): void {
      if (!window.confirm(`Удалить SIP аккаунт «${account.name}»?`)) return;
      del<void>(`/api/sip/accounts/${account.id}`)
        .then(() => load())
        .then(() => {
          if (editing?.id === account.id) openForm(null);
          listNotice.ok(`Аккаунт «${account.name}» удалён.`);
        })
        .catch((error: unknown) => listNotice.error(errorText(error)));
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      for (const f of kFields) {
        const input = inputs.get(f.key);
        if (f.required && input && !input.value.trim()) {
          formNotice.error(`Заполните поле «${f.label}».`);
          input.focus();
          return;
        }
      }
      const value = (key: TextField['key']): string => inputs.get(key)?.value.trim() ?? '';
      const input: SipAccountInput = {
        name: value('name'),
        username: value('username'),
        server: value('server'),
        prefix: value('prefix'),
        caller_id: value('caller_id'),
        from_user: value('from_user'),
        from_host: value('from_host'),
        realm: value('realm'),
        is_default: isDefault.checked,
        password: password.value === '' ? null : password.value,
      };
      submit.disabled = true;
      const wasEditing = editing;
      const request = wasEditing
        ? put<SipAccount>(`/api/sip/accounts/${wasEditing.id}`, input)
        : post<SipAccount>('/api/sip/accounts', input);
      request
        .then((saved) => load().then(() => saved))
        .then((saved) => {
          openForm(null);
          listNotice.ok(
            `Аккаунт «${saved.name}» ${wasEditing ? 'изменён' : 'добавлен'} (сохранено в ${timeOfDay(new Date())}).`,
          );
        })
        .catch((error: unknown) => formNotice.error(errorText(error)))
        .finally(() => {
          submit.disabled = false;
        });
    });

    testForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const digits = testPhone.value.replace(/[^\d]/g, '');
      if (digits.length < 10) {
        testNotice.error('Введите номер телефона из 10 цифр, например 9991234567.');
        testPhone.focus();
        return;
      }
      testButton.disabled = true;
      testNotice.info('Звоним… Дождитесь окончания звонка.');
      post<TestCallResult>(`/api/sip/accounts/${testAccount.value}/test-call`, { phone: testPhone.value })
        .then((r) => {
          const parts = [
            `Исход: ${outcomeText[r.outcome] ?? r.outcome}`,
            r.sip_code ? `код SIP ${r.sip_code}` : null,
            r.digits ? `нажато: ${r.digits}` : null,
            r.duration_s !== undefined ? `длительность ${seconds(r.duration_s)}` : null,
          ];
          const text = `${parts.filter(Boolean).join(', ')}.`;
          if (r.outcome === 'failed' || r.outcome === 'config_error') testNotice.error(text);
          else testNotice.ok(text);
        })
        .catch((error: unknown) => testNotice.error(errorText(error)))
        .finally(() => {
          testButton.disabled = accounts.length === 0;
        });
    });

    openForm(null);
    load().catch((error: unknown) => listNotice.error(errorText(error)));
  },
};
