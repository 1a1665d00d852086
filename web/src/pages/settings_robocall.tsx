// «Настройки → RoboCall»: calling on/off, attempts, retry after, answer
// timeout, lines and the verification step, one form with one «Сохранить».
// Also saveSettings, which the retention page shares. UI thread.

import { computed, signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, get, put } from '../api';
import { NumberField, NumberInput, readNumbers, SettingsBlock, snapshot } from '../forms';
import { refreshNow } from '../live_status';
import type { Page } from '../router';
import type { RobocallSettings } from '../types';
import { NoticeLine, useNotice, useOnce } from '../ui';

// Saves some of the RoboCall settings: the stored object is read afresh so
// that a field of another page, or calling switched on or off in the status
// strip meanwhile, is kept as it is now.
export function saveSettings(changes: Partial<RobocallSettings>): Promise<RobocallSettings> {
  return get<RobocallSettings>('/api/settings/robocall').then((stored) =>
    put<RobocallSettings>('/api/settings/robocall', { ...stored, ...changes }),
  );
}

// The retry policy counts the first call (docs/BEHAVIOUR.md "Retries and attempts").
const kAttemptsHint =
  'Первый звонок тоже считается: при 3 попытках — первый звонок и не больше двух повторных. ' +
  'Сбой связи и ошибка настроек SIP попыткой не считаются.';

function makeModel() {
  const model = {
    enabled: signal(false),
    verify: signal(false),
    attempts: new NumberField('Количество попыток', 1, 20, 1, kAttemptsHint),
    retry: new NumberField('Перезванивать через (минут)', 1, 1440),
    timeout: new NumberField('Ждать ответа (секунд)', 5, 120, 1, 'Сколько ждать, пока пациент возьмёт трубку.'),
    maxCalls: new NumberField('Одновременных звонков, не больше', 1, 1000),
    rate: new NumberField('Новых звонков в секунду, не больше', 0.1, 100, 0.1),
    saved: signal(''),
    values(): string {
      const numbers = [model.attempts, model.retry, model.timeout, model.maxCalls, model.rate];
      return snapshot([model.enabled.value, model.verify.value, ...numbers.map((f) => f.text.value)]);
    },
    fill(s: RobocallSettings): void {
      model.enabled.value = s.enabled;
      model.verify.value = s.verify_identity ?? false;
      model.attempts.set(s.attempts);
      model.retry.set(s.retry_after_min);
      model.timeout.set(s.answer_timeout_s);
      model.maxCalls.set(s.max_calls);
      model.rate.set(s.max_calls_per_second);
      model.saved.value = model.values();
    },
  };
  return { ...model, dirty: computed(() => model.values() !== model.saved.value) };
}

function Basics({ initial }: { initial: RobocallSettings }) {
  const m = useOnce(() => {
    const model = makeModel();
    model.fill(initial);
    return model;
  });
  // What was loaded or saved: calling on/off is sent only when changed here.
  const stored = useSignal(initial);
  const save = (): string | Promise<unknown> => {
    const values = readNumbers([m.attempts, m.retry, m.timeout, m.maxCalls, m.rate]);
    if (typeof values === 'string') return values;
    const [a, r, t, c, rate] = values as [number, number, number, number, number];
    const changes: Partial<RobocallSettings> = {
      attempts: a,
      retry_after_min: r,
      answer_timeout_s: t,
      max_calls: c,
      max_calls_per_second: rate,
      verify_identity: m.verify.value,
    };
    if (m.enabled.value !== stored.value.enabled) changes.enabled = m.enabled.value;
    return saveSettings(changes).then((saved) => {
      stored.value = saved;
      m.fill(saved);
      refreshNow();
    });
  };
  return (
    <SettingsBlock id="robocall" title="Основные настройки RoboCall" save={save} dirty={m.dirty.value}>
      <div class="field">
        <div class="row" style="align-items:center;gap:0.5rem">
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              name="enabled"
              aria-describedby="enabled-hint"
              checked={m.enabled.value}
              onChange={(e) => (m.enabled.value = e.currentTarget.checked)}
            />
            Обзвон
          </label>
          <strong data-enabled={m.enabled.value ? 'on' : 'off'}>{m.enabled.value ? 'включён' : 'выключен'}</strong>
        </div>
        <small class="hint" id="enabled-hint">
          Включается и выключается после «Сохранить». Кнопки «Начать обзвон» и «Остановить обзвон» в строке состояния
          делают то же сразу.
        </small>
      </div>
      <div class="grid-2">
        <NumberInput f={m.attempts} />
        <NumberInput f={m.retry} />
        <NumberInput f={m.timeout} />
        <NumberInput f={m.maxCalls} />
        <NumberInput f={m.rate} />
      </div>
      <div class="field">
        <div class="radio-line">
          <input
            type="checkbox"
            name="verify_identity"
            id="verify-identity"
            checked={m.verify.value}
            onChange={(e) => (m.verify.value = e.currentTarget.checked)}
          />
          <label for="verify-identity">Проверять личность</label>
        </div>
        <p class="muted">
          После приветствия пациент вводит год рождения (фраза 7). Неверный год дважды — фраза 8, звонок завершается со
          статусом «Неизвестно» и больше не повторяется.
        </p>
      </div>
    </SettingsBlock>
  );
}

// Loads the stored RoboCall settings once for a page; null until they arrive.
export function useStoredSettings(notice: ReturnType<typeof useNotice>) {
  const loaded = useSignal<RobocallSettings | null>(null);
  useEffect(() => {
    notice.info('Загружаем настройки…');
    get<RobocallSettings>('/api/settings/robocall')
      .then((settings) => {
        notice.clear();
        loaded.value = settings;
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }, []);
  return loaded.value;
}

function RobocallSettingsScreen() {
  const notice = useNotice();
  const settings = useStoredSettings(notice);
  return (
    <>
      <h1>Настройки RoboCall</h1>
      <NoticeLine notice={notice} />
      {settings ? <Basics initial={settings} /> : null}
    </>
  );
}

export const robocallSettingsPage: Page = { title: 'Настройки RoboCall', component: RobocallSettingsScreen };
