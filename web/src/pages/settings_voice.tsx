// «Настройки → Голос»: the voice pack that phrase 2 is composed from
// (docs/BEHAVIOUR.md "Settings screens"). The progress and a hint for
// recording without a sound engineer, the server's note when phrase 2's text
// cannot be composed, the pack as a ZIP both ways, «Прослушать пример» for
// a chosen date and time, then every group of fragments (voice_group.tsx).
// UI thread.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { download, errorText, get, getBlobWithHeaders, sendBytes } from '../api';
import { DateField, parseRuDate, toRu } from '../date_field';
import { isoDay, timeOfDay } from '../format';
import type { Page } from '../router';
import type { VoicePack, VoicePackUpload } from '../types';
import { Field, FilePicker, NoticeLine, useNotice, useOnce } from '../ui';
import { VoiceGroupPanel } from './voice_group';
import { kMaxSeconds, VoiceRecorder } from './voice_recorder';

const kVoicePath = '/api/settings/voice';

function Summary({ pack, changed }: { pack: VoicePack; changed: () => Promise<void> }) {
  const notice = useNotice();
  const ignored = useSignal<VoicePackUpload['ignored']>([]);

  const uploadZip = (file: File): void => {
    if (!/\.zip$/i.test(file.name)) {
      notice.error('Нужен архив ZIP (.zip) с файлами WAV.');
      return;
    }
    ignored.value = [];
    notice.info('Загружаем архив…');
    sendBytes<VoicePackUpload>('POST', `${kVoicePath}/pack`, file, 'application/zip')
      .then(async (result) => {
        await changed();
        ignored.value = result.ignored;
        notice.ok(`Из архива сохранено фрагментов: ${result.saved} (в ${timeOfDay(new Date())}).`);
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  };

  const downloadZip = (): void => {
    notice.info('Готовим архив…');
    download(`${kVoicePath}/pack`, 'robocall-voice.zip')
      .then((name) => notice.ok(`Архив скачан: ${name}.`))
      .catch((error: unknown) => notice.error(errorText(error)));
  };

  return (
    <section class="panel" aria-labelledby="voice-h" data-block="voice-summary">
      <h2 id="voice-h">Голос клиники во фразе 2</h2>
      <p class="summary-progress" data-progress="">
        <span>
          Записано {pack.recorded} из {pack.total}
        </span>
        <progress max={pack.total} value={pack.recorded} aria-label="Записано фрагментов" />
      </p>
      <p class="muted" data-complete={pack.complete ? 'yes' : 'no'}>
        {pack.complete
          ? 'Все фрагменты записаны: дата и время во фразе 2 звучат вашим голосом.'
          : 'Пока записаны не все фрагменты, фраза 2 звучит синтезом речи там, где нужен незаписанный фрагмент. ' +
            'Одна фраза никогда не смешивает запись и синтез.'}
      </p>
      {pack.phrase2_composable ? null : (
        <p class="notice notice-error" data-phrase2-note="">
          {pack.phrase2_note}
        </p>
      )}
      <details class="voice-hint">
        <summary>Как записать без звукорежиссёра</summary>
        <ul>
          <li>Выберите тихую комнату, закройте окна и дверь, выключите вентилятор и радио.</li>
          <li>Держите микрофон или гарнитуру на одном расстоянии ото рта всё время записи.</li>
          <li>Говорите ровно и спокойно, как по телефону с пациентом, одним и тем же голосом.</li>
          <li>
            Записывайте по одному фрагменту: «● Записать», произнесите текст, «■ Остановить» (через {kMaxSeconds} секунд
            запись остановится сама). Тишина в начале и в конце обрежется сама, громкость выровняется.
          </li>
          <li>Прослушайте фрагмент ▶ и, если не понравилось, запишите его ещё раз.</li>
        </ul>
      </details>
      <div class="actions">
        <FilePicker id="voice-zip" accept=".zip,application/zip" buttonText="Загрузить архив ZIP…" onFile={uploadZip} />
        <button type="button" onClick={downloadZip}>
          Скачать набор (ZIP)
        </button>
      </div>
      <small class="hint">
        В архиве — файлы WAV с именами фрагментов, например day-19.wav. Так набор переносится в другую клинику или
        хранится как резервная копия.
      </small>
      <NoticeLine notice={notice} />
      {ignored.value.length ? (
        <ul class="voice-ignored" data-ignored="">
          {ignored.value.map((i) => (
            <li key={i.file}>
              {i.file}: {i.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Example() {
  const notice = useNotice();
  const date = useSignal(toRu(isoDay(new Date(), 1)));
  const time = useSignal('10:30');
  const voice = useSignal('');
  const audioUrl = useSignal('');
  const player = useRef<HTMLAudioElement>(null);
  useEffect(() => () => URL.revokeObjectURL(audioUrl.peek()), []);

  const listen = (event: Event): void => {
    event.preventDefault();
    const iso = parseRuDate(date.value);
    if (!iso) {
      notice.error('Введите дату приёма в виде ДД.ММ.ГГГГ.');
      return;
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time.value)) {
      notice.error('Введите время приёма в виде ЧЧ:ММ.');
      return;
    }
    notice.info('Готовим звук…');
    voice.value = '';
    getBlobWithHeaders(`${kVoicePath}/example?date=${iso}&time=${encodeURIComponent(time.value)}`)
      .then(({ blob, headers }) => {
        if (audioUrl.value) URL.revokeObjectURL(audioUrl.value);
        audioUrl.value = URL.createObjectURL(blob);
        voice.value = headers.get('X-Robocall-Voice') ?? '';
        notice.clear();
        const audio = player.current;
        if (!audio) return undefined;
        audio.src = audioUrl.value;
        return audio.play().catch(() => notice.info('Нажмите ▶ в проигрывателе, чтобы прослушать.'));
      })
      .catch((error: unknown) => notice.error(errorText(error)));
  };

  return (
    <section class="panel" aria-labelledby="voice-example-h" data-block="voice-example">
      <h2 id="voice-example-h">Прослушать пример</h2>
      <p class="muted">Фраза 2 так, как её услышит пациент, записанный на эту дату и время.</p>
      <form class="voice-example" noValidate onSubmit={listen}>
        <DateField name="example-date" label="Дата приёма" text={date} />
        <Field label="Время приёма">
          <input type="time" value={time.value} onInput={(e) => (time.value = e.currentTarget.value)} />
        </Field>
        <div class="actions">
          <button type="submit">▶ Прослушать пример</button>
        </div>
      </form>
      {voice.value ? (
        <p data-example-voice={voice.value}>
          {voice.value === 'composed'
            ? 'Собрано из ваших записей.'
            : 'Синтез речи: для этой даты и времени записаны не все фрагменты.'}
        </p>
      ) : null}
      <audio ref={player} controls preload="none" hidden={!audioUrl.value} aria-label="Пример фразы 2" />
      <NoticeLine notice={notice} />
    </section>
  );
}

function VoiceSettingsScreen() {
  const notice = useNotice();
  const pack = useSignal<VoicePack | null>(null);
  const recorder = useOnce(() => new VoiceRecorder());
  useEffect(() => () => recorder.cancel(), []);

  const reload = (): Promise<void> =>
    get<VoicePack>(kVoicePath).then((loaded) => {
      pack.value = loaded;
    });
  useEffect(() => {
    notice.info('Загружаем фрагменты…');
    reload()
      .then(() => notice.clear())
      .catch((error: unknown) => notice.error(errorText(error)));
  }, []);

  const p = pack.value;
  return (
    <>
      <h1>Голос</h1>
      <NoticeLine notice={notice} />
      {p ? (
        <>
          <Summary pack={p} changed={reload} />
          <Example />
          {p.groups.map((g) => (
            <VoiceGroupPanel key={g.id} group={g} recorder={recorder} changed={reload} />
          ))}
        </>
      ) : null}
    </>
  );
}

export const voiceSettingsPage: Page = { title: 'Голос', component: VoiceSettingsScreen };
