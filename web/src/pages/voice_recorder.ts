// The microphone of the «Голос» page: one recording at a time through
// getUserMedia and MediaRecorder, with the level (0..1) and the seconds so
// far as signals for the page to show. stop() resolves to the recording as
// an 8 kHz mono WAV (wav.ts). A recording stops by itself at the server's
// limit of a fragment's length. UI thread.

import { signal } from '@preact/signals';
import { recordingToWav } from '../wav';

// Why the browser gave no microphone, in Russian.
function microphoneError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Браузер не дал доступ к микрофону. Разрешите его для этой страницы и повторите.';
  if (name === 'NotFoundError') return 'Микрофон не найден. Подключите микрофон и повторите.';
  return 'Не удалось включить микрофон. Проверьте, что он подключён и не занят другой программой.';
}

// The longest fragment the server takes (docs/openapi.yaml, PUT a fragment).
export const kMaxSeconds = 10;

export class VoiceRecorder {
  // The fragment being recorded, '' when none.
  readonly fragment = signal('');
  readonly level = signal(0);
  readonly seconds = signal(0);
  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private chunks: Blob[] = [];
  private meter: AudioContext | null = null;
  private frame = 0;
  private timer = 0;

  // Starts recording for the fragment; rejects with a Russian message.
  // atLimit is called once when the recording reaches kMaxSeconds.
  async start(fragment: string, atLimit: () => void): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined')
      throw new Error(
        'Этот браузер не умеет записывать звук. Откройте страницу в Chrome, Firefox или Яндекс Браузере.',
      );
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      throw new Error(microphoneError(error));
    }
    this.chunks = [];
    this.recorder = new MediaRecorder(this.stream);
    this.recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    });
    this.recorder.start();
    this.fragment.value = fragment;
    this.seconds.value = 0;
    const started = Date.now();
    this.timer = window.setInterval(() => {
      this.seconds.value = Math.floor((Date.now() - started) / 1000);
      if (this.seconds.value < kMaxSeconds) return;
      window.clearInterval(this.timer);
      atLimit();
    }, 250);
    this.watchLevel(this.stream);
  }

  // Stops and resolves to the WAV; rejects with a Russian message.
  async stop(): Promise<Blob> {
    const recorder = this.recorder;
    if (!recorder) throw new Error('Запись не идёт.');
    this.recorder = null; // stopped once, whoever asks first (the button or the limit)
    const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    recorder.stop();
    await stopped;
    const blob = new Blob(this.chunks, { type: recorder.mimeType });
    this.release();
    try {
      return await recordingToWav(blob);
    } catch {
      throw new Error('Браузер не смог разобрать запись. Запишите фрагмент ещё раз.');
    }
  }

  // Drops a recording in progress (the page is left).
  cancel(): void {
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    this.release();
  }

  private watchLevel(stream: MediaStream): void {
    this.meter = new AudioContext();
    const analyser = this.meter.createAnalyser();
    analyser.fftSize = 1024;
    this.meter.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const tick = (): void => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      // The RMS, scaled so that ordinary speech fills most of the bar.
      this.level.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  private release(): void {
    cancelAnimationFrame(this.frame);
    window.clearInterval(this.timer);
    void this.meter?.close();
    this.meter = null;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.recorder = null;
    this.fragment.value = '';
    this.level.value = 0;
  }
}
