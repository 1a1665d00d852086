// The phrases block of «Настройки → RoboCall»: the eight texts of the call
// script, each with its own «Сохранить», «Прослушать» (as it will be played)
// and an uploaded WAV recording that replaces the synthesis. A recording is
// the same for every patient, so uploading one for phrase 2 (or any phrase
// with %…% fields) asks first; phrases 7 and 8 are marked as spoken only
// with «Проверять личность» on. UI thread.

import { signal, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { del, errorText, get, getBlob, put, upload } from '../api';
import { timeOfDay } from '../format';
import type { Phrase } from '../types';
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
// «Проверять личность» as last loaded or saved (the main block sets it).
export const verifying = signal(false);

function verificationNote(on: boolean): string {
  return on
    ? 'Звучит, потому что включено «Проверять личность».'
    : 'Сейчас не звучит: включите «Проверять личность» в основных настройках.';
}

function PhraseEditor({ initial }: { initial: Phrase }) {
  const phrase = useSignal(initial);
  const text = useSignal(initial.text);
  const audioUrl = useSignal('');
  const listening = useSignal(false);
  const notice = useNotice();
  const player = useRef<HTMLAudioElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const p = phrase.value;
  const id = `phrase-${p.n}`;
  useEffect(() => () => URL.revokeObjectURL(audioUrl.peek()), []);

  function run(action: () => Promise<Phrase>, done: string): void {
    notice.info('Сохраняем…');
    action()
      .then((saved) => {
        phrase.value = saved;
        audioUrl.value = '';
        notice.ok(`${done} в ${timeOfDay(new Date())}.`);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  const save = (): void => {
    const value = text.value.trim();
    if (!value) {
      notice.error('Текст фразы не может быть пустым.');
      textArea.current?.focus();
      return;
    }
    run(() => put<Phrase>(`/api/settings/phrases/${p.n}`, { text: value }), 'Сохранено');
  };

  const listen = (): void => {
    // Fetched first, so that a failure shows the server's reason; a fresh
    // request each time, so an edited text or a new recording is heard.
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

  const restorable = Boolean(p.default_text) && p.default_text !== text.value;
  return (
    <div class="phrase" data-phrase={p.n}>
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
          value={text.value}
          onInput={(e) => (text.value = e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={save}>
          Сохранить
        </button>
        <button type="button" disabled={listening.value} onClick={listen}>
          ▶ Прослушать
        </button>
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
        <button
          type="button"
          class="link danger"
          hidden={!p.has_recording}
          onClick={() => run(() => del<Phrase>(`/api/settings/phrases/${p.n}/recording`), 'Запись удалена')}
        >
          Удалить запись, озвучивать синтезом
        </button>
      </div>
      {kVerificationPhrases.includes(p.n) ? (
        <p class={verifying.value ? '' : 'muted'} data-verification-note="">
          {verificationNote(verifying.value)}
        </p>
      ) : null}
      <audio ref={player} controls preload="none" hidden={!audioUrl.value} aria-label={`Фраза ${p.n}`} />
      <NoticeLine notice={notice} />
    </div>
  );
}

export function PhrasesBlock() {
  const notice = useNotice();
  const phrases = useSignal<Phrase[]>([]);
  useEffect(() => {
    notice.info('Загружаем фразы…');
    get<Phrase[]>('/api/settings/phrases')
      .then((list) => {
        notice.clear();
        phrases.value = [...list].sort((a, b) => a.n - b.n);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }, []);
  return (
    <section class="panel" aria-labelledby="phrases-h" data-block="phrases">
      <h2 id="phrases-h">Фразы разговора</h2>
      <p class="muted">
        Фразы звучат по порядку (7 и 8 — только при проверке личности). У каждой фразы своя кнопка «Сохранить». Запись
        WAV заменяет синтез речи.
      </p>
      <NoticeLine notice={notice} />
      <div>
        {phrases.value.map((p) => (
          <PhraseEditor key={p.n} initial={p} />
        ))}
      </div>
    </section>
  );
}
