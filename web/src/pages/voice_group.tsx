// One group of the voice pack on the «Голос» page (Числа, Месяцы, …): each
// fragment with its text, state, length, ▶ play, ● record in the browser,
// a WAV upload and «Удалить запись» (back to synthesis, asked first).
// Every change reloads the whole pack (the page's `changed`). UI thread.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { del, errorText, getBlob, sendBytes } from '../api';
import { timeOfDay } from '../format';
import { voiceStateText } from '../labels';
import type { VoiceFragment, VoiceGroup } from '../types';
import { FilePicker, HeadRow, type Notice, NoticeLine, useNotice } from '../ui';
import type { VoiceRecorder } from './voice_recorder';

const fragmentPath = (id: string): string => `/api/settings/voice/fragments/${encodeURIComponent(id)}`;

// "1,4 с"; a dash before anything is recorded.
function length(seconds: number | null): string {
  return seconds === null ? '—' : `${seconds.toFixed(1).replace('.', ',')} с`;
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

interface RowProps {
  f: VoiceFragment;
  recorder: VoiceRecorder;
  notice: Notice;
  play: (f: VoiceFragment) => void;
  changed: () => Promise<void>;
}

function FragmentRow({ f, recorder, notice, play, changed }: RowProps) {
  const busy = useSignal(false);
  const recording = recorder.fragment.value === f.id;
  const otherRecording = recorder.fragment.value !== '' && !recording;

  function save(action: () => Promise<unknown>, done: string): Promise<void> {
    busy.value = true;
    notice.info('Сохраняем…');
    return action()
      .then(changed)
      .then(() => notice.ok(`«${f.text}»: ${done} в ${timeOfDay(new Date())}.`))
      .catch((error: unknown) => notice.error(errorText(error)))
      .finally(() => (busy.value = false));
  }

  const toggleRecording = (): void => {
    if (!recording) {
      recorder
        .start(f.id, stopRecording)
        .then(() => notice.info(`Идёт запись «${f.text}». Произнесите фрагмент и нажмите «■ Остановить».`))
        .catch((error: unknown) => notice.error(error instanceof Error ? error.message : errorText(error)));
      return;
    }
    stopRecording();
  };

  function stopRecording(): void {
    busy.value = true;
    notice.info('Обрабатываем запись…');
    recorder.stop().then(
      (wav) => save(() => sendBytes('PUT', fragmentPath(f.id), wav, 'audio/wav'), 'записан'),
      (error: unknown) => {
        busy.value = false;
        notice.error(error instanceof Error ? error.message : errorText(error));
      },
    );
  }

  const uploadWav = (file: File): void => {
    if (!/\.wav$/i.test(file.name)) {
      notice.error('Нужен файл WAV (.wav).');
      return;
    }
    void save(() => sendBytes('PUT', fragmentPath(f.id), file, 'audio/wav'), 'запись загружена');
  };

  const remove = (): void => {
    if (!window.confirm(`Удалить запись «${f.text}»? Фрагмент будет озвучиваться синтезом речи.`)) return;
    void save(() => del(fragmentPath(f.id)), 'запись удалена');
  };

  return (
    <tr data-fragment={f.id} data-state={f.state}>
      <td>
        {f.text}
        {recording ? (
          <span class="voice-recording" data-recording="">
            <meter min={0} max={1} value={recorder.level.value} aria-label="Уровень звука" />
            <span aria-live="off">{clock(recorder.seconds.value)}</span>
          </span>
        ) : null}
      </td>
      <td>
        <span class={f.state === 'recorded' ? 'tag ok' : f.state === 'outdated' ? 'tag warn' : 'tag'}>
          {voiceStateText[f.state]}
        </span>
      </td>
      <td>{length(f.seconds)}</td>
      <td class="voice-actions">
        <button type="button" aria-label={`Прослушать «${f.text}»`} disabled={recording} onClick={() => play(f)}>
          ▶
        </button>
        <button
          type="button"
          class={recording ? 'danger' : ''}
          disabled={busy.value || otherRecording}
          onClick={toggleRecording}
        >
          {recording ? '■ Остановить' : '● Записать'}
        </button>
        <FilePicker
          id={`voice-file-${f.id}`}
          accept=".wav,audio/wav,audio/x-wav"
          buttonText="WAV…"
          quiet
          disabled={busy.value || recording}
          onFile={uploadWav}
        />
        <button
          type="button"
          class="link danger"
          hidden={f.state === 'synthesised'}
          disabled={busy.value || recording}
          onClick={remove}
        >
          Удалить запись
        </button>
      </td>
    </tr>
  );
}

export function VoiceGroupPanel(props: { group: VoiceGroup; recorder: VoiceRecorder; changed: () => Promise<void> }) {
  const { group } = props;
  const notice = useNotice();
  const audioUrl = useSignal('');
  const playing = useSignal('');
  const player = useRef<HTMLAudioElement>(null);
  useEffect(() => () => URL.revokeObjectURL(audioUrl.peek()), []);

  // A fresh request each time, so a new recording is heard.
  const play = (f: VoiceFragment): void => {
    notice.info('Готовим звук…');
    getBlob(`${fragmentPath(f.id)}/audio?t=${Date.now()}`)
      .then((blob) => {
        if (audioUrl.value) URL.revokeObjectURL(audioUrl.value);
        audioUrl.value = URL.createObjectURL(blob);
        playing.value = f.text;
        notice.clear();
        const audio = player.current;
        if (!audio) return undefined;
        audio.src = audioUrl.value;
        return audio.play().catch(() => notice.info('Нажмите ▶ в проигрывателе, чтобы прослушать.'));
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  };

  const recorded = group.fragments.filter((f) => f.state === 'recorded').length;
  const headingId = `voice-${group.id}-h`;
  return (
    <section class="panel" aria-labelledby={headingId} data-block={`voice-${group.id}`}>
      <h2 id={headingId}>
        {group.title}
        <span class={recorded === group.fragments.length ? 'tag ok' : 'tag'}>
          {recorded} из {group.fragments.length}
        </span>
      </h2>
      <NoticeLine notice={notice} />
      <audio ref={player} controls preload="none" hidden={!audioUrl.value} aria-label={`Фрагмент «${playing.value}»`} />
      <table class="voice-table" aria-label={group.title}>
        <HeadRow labels={['Текст', 'Состояние', 'Длина', 'Действия']} />
        <tbody>
          {group.fragments.map((f) => (
            <FragmentRow
              key={f.id}
              f={f}
              recorder={props.recorder}
              notice={notice}
              play={play}
              changed={props.changed}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
