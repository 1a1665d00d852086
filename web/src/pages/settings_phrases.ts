// The phrases block of «Настройки → RoboCall»: the eight texts of the call
// script, each with its own «Сохранить», «Прослушать» (as it will be played)
// and an uploaded WAV recording that replaces the synthesis. A recording is
// the same for every patient, so uploading one for phrase 2 (or any phrase
// with %…% fields) asks first; phrases 7 and 8 are marked as spoken only
// with «Проверять личность» on. UI thread.

import { del, errorText, get, getBlob, put, upload } from '../api';
import { Notice, filePicker, h, replace } from '../dom';
import { timeOfDay } from '../format';
import type { Phrase } from '../types';

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
let verifying = false;

function verificationNote(on: boolean): string {
  return on
    ? 'Звучит, потому что включено «Проверять личность».'
    : 'Сейчас не звучит: включите «Проверять личность» в основных настройках.';
}

// Marks phrases 7 and 8 as used or not, after the setting was loaded or saved.
export function showVerification(on: boolean): void {
  verifying = on;
  for (const note of document.querySelectorAll<HTMLElement>('[data-verification-note]')) {
    note.textContent = verificationNote(on);
    note.classList.toggle('muted', !on);
  }
}

function phraseEditor(initial: Phrase): HTMLElement {
  let phrase = initial;
  const id = `phrase-${phrase.n}`;
  const text = h('textarea', { id, rows: 2, maxlength: 1000, required: true });
  text.value = phrase.text;
  const notice = new Notice();
  const save = h('button', { type: 'button', class: 'primary' }, 'Сохранить');
  const listen = h('button', { type: 'button' }, '▶ Прослушать');
  const player = h('audio', { controls: true, preload: 'none', hidden: true, 'aria-label': `Фраза ${phrase.n}` });
  const fileInput = h('input', { type: 'file', accept: '.wav,audio/wav,audio/x-wav', id: `${id}-file` });
  const removeRecording = h('button', { type: 'button', class: 'link' }, 'Удалить запись, озвучивать синтезом');
  const restore = h('button', { type: 'button', class: 'link' }, 'Вернуть исходный текст');
  const tag = h('span', { class: 'tag' });

  function show(p: Phrase): void {
    phrase = p;
    tag.textContent = p.has_recording ? 'своя запись' : 'синтез речи';
    tag.className = p.has_recording ? 'tag ok' : 'tag';
    removeRecording.hidden = !p.has_recording;
    restore.hidden = !p.default_text || p.default_text === text.value;
    player.hidden = true;
    player.removeAttribute('src');
  }
  show(phrase);

  text.addEventListener('input', () => {
    restore.hidden = !phrase.default_text || phrase.default_text === text.value;
  });
  restore.addEventListener('click', () => {
    text.value = phrase.default_text ?? text.value;
    restore.hidden = true;
    text.focus();
  });

  function run(action: () => Promise<Phrase>, done: string): void {
    notice.info('Сохраняем…');
    action()
      .then((p) => {
        show(p);
        notice.ok(`${done} в ${timeOfDay(new Date())}.`);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  }

  save.addEventListener('click', () => {
    const value = text.value.trim();
    if (!value) {
      notice.error('Текст фразы не может быть пустым.');
      text.focus();
      return;
    }
    run(() => put<Phrase>(`/api/settings/phrases/${phrase.n}`, { text: value }), 'Сохранено');
  });
  let audioUrl = '';
  listen.addEventListener('click', () => {
    // Fetched first, so that a failure shows the server's reason; a fresh
    // request each time, so an edited text or a new recording is heard.
    listen.disabled = true;
    notice.info('Готовим звук…');
    getBlob(`/api/settings/phrases/${phrase.n}/audio?t=${Date.now()}`)
      .then((blob) => {
        if (audioUrl) URL.revokeObjectURL(audioUrl);
        audioUrl = URL.createObjectURL(blob);
        player.src = audioUrl;
        player.hidden = false;
        notice.clear();
        return player.play().catch(() => notice.info('Нажмите ▶ в проигрывателе, чтобы прослушать.'));
      })
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => {
        listen.disabled = false;
      });
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    if (!/\.wav$/i.test(file.name)) {
      notice.error('Нужен файл WAV (.wav).');
      fileInput.value = '';
      return;
    }
    const warning = recordingWarning(phrase.n, phrase.text);
    if (warning && !window.confirm(warning)) {
      notice.info('Запись не загружена.');
      fileInput.value = '';
      return;
    }
    run(() => upload<Phrase>(`/api/settings/phrases/${phrase.n}/recording`, file, () => {}), 'Запись загружена');
    fileInput.value = '';
  });
  removeRecording.addEventListener('click', () => {
    run(() => del<Phrase>(`/api/settings/phrases/${phrase.n}/recording`), 'Запись удалена');
  });

  return h(
    'div',
    { class: 'phrase', 'data-phrase': phrase.n },
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, `Фраза ${phrase.n}. ${kRoles[phrase.n - 1] ?? ''}`, tag),
      text,
    ),
    h(
      'div',
      { class: 'actions' },
      save,
      listen,
      restore,
      filePicker(fileInput, 'Загрузить свою запись (WAV)…'),
      removeRecording,
    ),
    kVerificationPhrases.includes(phrase.n)
      ? h('p', { class: verifying ? '' : 'muted', 'data-verification-note': '' }, verificationNote(verifying))
      : [],
    player,
    notice.el,
  );
}

export function phrasesBlock(): HTMLElement {
  const notice = new Notice();
  const list = h('div', {});
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'phrases-h', 'data-block': 'phrases' },
    h('h2', { id: 'phrases-h' }, 'Фразы разговора'),
    h(
      'p',
      { class: 'muted' },
      'Фразы звучат по порядку (7 и 8 — только при проверке личности). У каждой фразы своя кнопка «Сохранить». Запись WAV заменяет синтез речи.',
    ),
    notice.el,
    list,
  );
  notice.info('Загружаем фразы…');
  get<Phrase[]>('/api/settings/phrases')
    .then((phrases) => {
      notice.clear();
      replace(list, [...phrases].sort((a, b) => a.n - b.n).map(phraseEditor));
    })
    .catch((error: unknown) => notice.error(errorText(error)));
  return section;
}
