// The integration API's tokens on «Пользователи»: create (the token is shown
// once), list, revoke. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, get, post } from '../api';
import { dateTime } from '../format';
import type { TokenRow } from '../types';
import { Field, HeadRow, NoticeLine, useNotice } from '../ui';

function tokenState(t: TokenRow): string {
  if (t.revoked) return 'Отозван';
  if (t.expires_at && new Date(t.expires_at).getTime() <= Date.now()) return 'Просрочен';
  return 'Действует';
}

function AddToken({ onAdded }: { onAdded: () => Promise<void> }) {
  const name = useSignal('');
  const days = useSignal('');
  const shown = useSignal('');
  const notice = useNotice();
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const focus = (field: string): void => (form.elements.namedItem(field) as HTMLElement | null)?.focus();
    const trimmed = name.value.trim();
    if (!trimmed) {
      notice.error('Введите имя токена.');
      focus('token-name');
      return;
    }
    const n = days.value.trim() === '' ? null : Number(days.value);
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 3650)) {
      notice.error('Срок действия: целое число дней от 1 до 3650 или пусто.');
      focus('expires-days');
      return;
    }
    post<{ name: string; token: string }>('/api/tokens', { name: trimmed, expires_days: n })
      .then((made) => {
        notice.ok(`Токен «${made.name}» создан. Скопируйте его сейчас: он показан один раз.`);
        shown.value = made.token;
        name.value = '';
        days.value = '';
        return onAdded();
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  };
  return (
    <form class="panel" aria-labelledby="token-add-h" data-block="token-add" noValidate onSubmit={submit}>
      <h2 id="token-add-h">Новый API-токен</h2>
      <Field label="Имя" hint="Например, mis: по имени токен видно в журнале.">
        <input
          type="text"
          name="token-name"
          autocomplete="off"
          required
          value={name.value}
          onInput={(e) => (name.value = e.currentTarget.value)}
        />
      </Field>
      <Field label="Срок действия, дней" hint="Пусто — бессрочный.">
        <input
          type="number"
          name="expires-days"
          min={1}
          max={3650}
          inputMode="numeric"
          value={days.value}
          onInput={(e) => (days.value = e.currentTarget.value)}
        />
      </Field>
      <div class="actions">
        <button type="submit" class="primary">
          Создать
        </button>
        <NoticeLine notice={notice} />
      </div>
      <output class="token-once">{shown.value}</output>
    </form>
  );
}

export function TokensSection({ onError }: { onError: (error: unknown) => void }) {
  const notice = useNotice();
  const tokens = useSignal<TokenRow[] | null>(null);
  const load = (): Promise<void> =>
    get<{ items: TokenRow[] }>('/api/tokens').then((list) => {
      tokens.value = list.items;
    });
  useEffect(() => {
    load().catch(onError);
  }, []);

  function revoke(t: TokenRow): void {
    if (!window.confirm(`Отозвать токен «${t.name}»? Запросы с ним перестанут проходить.`)) return;
    post<void>(`/api/tokens/${t.id}/revoke`)
      .then(() => {
        notice.ok(`Токен «${t.name}» отозван.`);
        return load();
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  const list = tokens.value;
  return (
    <section aria-labelledby="tokens-h">
      <div class="panel">
        <h2 id="tokens-h">API-токены интеграции</h2>
        <div class="table-wrap">
          <table aria-label="API-токены">
            <HeadRow labels={['Имя', 'Состояние', 'Создан', 'Последнее использование', 'Действует до', 'Действия']} />
            <tbody>
              {list && list.length === 0 ? (
                <tr>
                  <td colSpan={6} class="empty">
                    Токенов нет.
                  </td>
                </tr>
              ) : (
                list?.map((t) => (
                  <tr key={t.id} data-token={t.name}>
                    <td>{t.name}</td>
                    <td>{tokenState(t)}</td>
                    <td>{dateTime(t.created_at)}</td>
                    <td>{dateTime(t.last_used_at)}</td>
                    <td>{t.expires_at ? dateTime(t.expires_at) : 'бессрочно'}</td>
                    <td>
                      {t.revoked ? null : (
                        <button type="button" class="link" onClick={() => revoke(t)}>
                          Отозвать
                        </button>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <NoticeLine notice={notice} />
      </div>
      <AddToken onAdded={load} />
    </section>
  );
}
