// «Настройки → Фразы»: the eight texts of the call script, each its own form
// with «Сохранить», «Прослушать» (the saved phrase as it will be played: not
// offered while the text has unsaved edits) and an uploaded WAV recording
// that replaces the synthesis, its text then unused. A recording is the same
// for every patient, so uploading one for phrase 2 (or any phrase with %…%
// fields) asks first; phrases 7 and 8 are marked as spoken only with
// «Проверять личность» on. UI thread.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { del, errorText, get, getBlob, put, upload } from '../api';
import { useDirty } from '../dirty';
import { timeOfDay } from '../format';
import { UnsavedMark } from '../forms';
import type { Page } from '../router';
import type { Phrase, RobocallSettings } from '../types';
import { FilePicker, NoticeLine, useNotice } from '../ui';

const kRoles = [
  'Приветствие',
  'Напоминание о приёме (можно вставить %дата% и %время%)',
  'Вопрос: 1 — подтвердить, 2 — отменить',
  'Ответ на подтверждение',
  'Ответ на отмену',
  'Ответ, если выбор не распознан',
  'Проверка личности: просьба ввести год рождения',
  'Ответ, если проверка личности не пройдена',
];

// The question asked before a recording replaces a phrase whose spoken words
// differ per patient, or null when nothing would be lost.
function recordingWarning(n: number, text: string): string | null {
  if (n === 2) {
    return (
      'Запись заменит фразу 2 для всех пациентов: дата и время приёма не будут произноситься, ' +
      'каждый пациент услышит одну и ту же запись. Загрузить запись?'
    );
  }
  if (/%[^%\s]+%/.test(text)) {
    return (
      `Запись заменит фразу ${n} для всех пациентов: поля вида %…% из текста не будут произноситься. ` +
      'Загрузить запись?'
    );
  }
  return null;
}

// Phrases 7 and 8: the verification step (docs/BEHAVIOUR.md "Call script").
const kVerificationPhrases = [7, 8];

function verificationNote(on: boolean): string {
  return on
    ? 'Звучит, потому что включено «Проверять личность».'
    : 'Сейчас не звучит: включите «Проверять личность» в настройках RoboCall.';
}

function PhraseEditor({ initial, verifying }: { initial: Phrase; verifying: boolean }) {
  const phrase = useSignal(initial);
  const text = useSignal(initial.text);
  const audioUrl = useSignal('');
  const listening = useSignal(false);
  const notice = useNotice();
  const player = useRef<HTMLAudioElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const p = phrase.value;
  const id = `phrase-${p.n}`;
  const edited = text.value !== p.text;
  useDirty(id, edited);
  useEffect(() => () => URL.revokeObjectURL(audioUrl.peek()), []);

  function run(action: () => Promise<Phrase>, done: string, savedText = false): void {
    notice.info('Сохраняем…');
    action()
      .then((saved) => {
        phrase.value = saved;
        if (savedText) text.value = saved.text;
        audioUrl.value = '';
        notice.ok(`${done} в ${timeOfDay(new Date())}.`);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  const save = (event: Event): void => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) {
      notice.error('Текст фразы не может быть пустым.');
      textArea.current?.focus();
      return;
    }
    run(() => put<Phrase>(`/api/settings/phrases/${p.n}`, { text: value }), 'Сохранено', true);
  };

  const listen = (): void => {
    // Fetched first, so that a failure shows the server's reason; a fresh
    // request each time, so a newly saved text or recording is heard.
    listening.value = true;
    notice.info('Готовим звук…');
    getBlob(`/api/settings/phrases/${p.n}/audio?t=${Date.now()}`)
      .then((blob) => {
        if (audioUrl.value) URL.revokeObjectURL(audioUrl.value);
        audioUrl.value = URL.createObjectURL(blob);
        notice.clear();
        const audio = player.current;
        if (!audio) return undefined;
        audio.src = audioUrl.value;
        return audio.play().catch(() => notice.info('Нажмите ▶ в проигрывателе, чтобы прослушать.'));
      })
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        listening.value = false;
      });
  };

  const uploadRecording = (file: File): void => {
    if (!/\.wav$/i.test(file.name)) {
      notice.error('Нужен файл WAV (.wav).');
      return;
    }
    const warning = recordingWarning(p.n, p.text);
    if (warning && !window.confirm(warning)) {
      notice.info('Запись не загружена.');
      return;
    }
    run(() => upload<Phrase>(`/api/settings/phrases/${p.n}/recording`, file, () => {}), 'Запись загружена');
  };

  const removeRecording = (): void => {
    if (!window.confirm(`Удалить свою запись фразы ${p.n}? Фраза будет озвучиваться синтезом речи по тексту.`)) return;
    run(() => del<Phrase>(`/api/settings/phrases/${p.n}/recording`), 'Запись удалена');
  };

  const restorable = Boolean(p.default_text) && p.default_text !== text.value;
  const listenHint = edited ? 'Сохраните, чтобы прослушать.' : '';
  return (
    <form class="phrase" data-phrase={p.n} noValidate onSubmit={save}>
      <div class="field">
        <label for={id}>
          {`Фраза ${p.n}. ${kRoles[p.n - 1] ?? ''}`}
          <span class={p.has_recording ? 'tag ok' : 'tag'}>{p.has_recording ? 'своя запись' : 'синтез речи'}</span>
        </label>
        <textarea
          ref={textArea}
          id={id}
          rows={2}
          maxLength={1000}
          required
          aria-describedby={p.has_recording ? `${id}-unused` : undefined}
          value={text.value}
          onInput={(e) => (text.value = e.currentTarget.value)}
        />
        {p.has_recording ? (
          <small class="hint" id={`${id}-unused`} data-text-unused="">
            Звучит загруженная запись, текст фразы не используется. Чтобы звучал текст, удалите запись.
          </small>
        ) : null}
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          Сохранить
        </button>
        <button
          type="button"
          disabled={listening.value || edited}
          aria-describedby={edited ? `${id}-listen` : undefined}
          onClick={listen}
        >
          ▶ Прослушать
        </button>
        {listenHint ? (
          <small class="hint" id={`${id}-listen`} data-listen-hint="">
            {listenHint}
          </small>
        ) : null}
        <UnsavedMark dirty={edited} />
        <button
          type="button"
          class="link"
          hidden={!restorable}
          onClick={() => {
            text.value = p.default_text ?? text.value;
            textArea.current?.focus();
          }}
        >
          Вернуть исходный текст
        </button>
        <FilePicker
          id={`${id}-file`}
          accept=".wav,audio/wav,audio/x-wav"
          buttonText="Загрузить свою запись (WAV)…"
          onFile={uploadRecording}
        />
        <button type="button" class="link danger" hidden={!p.has_recording} onClick={removeRecording}>
          Удалить запись, озвучивать синтезом
        </button>
      </div>
      {p.n === 2 && !p.has_recording ? (
        <p class="muted" data-voice-note="">
          Дату и время можно произносить своим голосом: запишите фрагменты на странице{' '}
          <a href="/settings/voice" data-link>
            «Голос»
          </a>
          .
        </p>
      ) : null}
      {kVerificationPhrases.includes(p.n) ? (
        <p class={verifying ? '' : 'muted'} data-verification-note="">
          {verificationNote(verifying)}
        </p>
      ) : null}
      <audio ref={player} controls preload="none" hidden={!audioUrl.value} aria-label={`Фраза ${p.n}`} />
      <NoticeLine notice={notice} />
    </form>
  );
}

function PhrasesSettingsScreen() {
  const notice = useNotice();
  const phrases = useSignal<Phrase[]>([]);
  const verifying = useSignal(false);
  useEffect(() => {
    notice.info('Загружаем фразы…');
    Promise.all([get<Phrase[]>('/api/settings/phrases'), get<RobocallSettings>('/api/settings/robocall')])
      .then(([list, settings]) => {
        notice.clear();
        verifying.value = settings.verify_identity ?? false;
        phrases.value = [...list].sort((a, b) => a.n - b.n);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }, []);
  return (
    <>
      <h1>Фразы</h1>
      <section class="panel" aria-labelledby="phrases-h" data-block="phrases">
        <h2 id="phrases-h">Фразы разговора</h2>
        <p class="muted">
          Фразы звучат по порядку (7 и 8 — только при проверке личности). У каждой фразы своя кнопка «Сохранить».
          «Прослушать» проигрывает сохранённую фразу. Запись WAV заменяет синтез речи.
        </p>
        <NoticeLine notice={notice} />
        <div>
          {phrases.value.map((p) => (
            <PhraseEditor key={p.n} initial={p} verifying={verifying.value} />
          ))}
        </div>
      </section>
    </>
  );
}

export const phrasesSettingsPage: Page = { title: 'Фразы', component: PhrasesSettingsScreen };
