// A browser recording made into what the voice pack takes (docs/BEHAVIOUR.md
// "Voice pack"): decoded, mixed to mono, resampled to 8 kHz and
// written as a 16-bit PCM WAV. The server trims the silence and evens the
// loudness; this only makes a WAV it can read. The encoders are pure; the
// decoding needs a browser's Web Audio. UI thread.

export const kVoiceRate = 8000;

// The average of the channels, sample by sample.
export function mixToMono(channels: Float32Array[]): Float32Array<ArrayBuffer> {
  const length = channels.reduce((n, c) => Math.min(n, c.length), channels[0]?.length ?? 0);
  const mono = new Float32Array(length);
  if (channels.length === 0) return mono;
  for (const channel of channels) for (let i = 0; i < length; i += 1) mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0);
  for (let i = 0; i < length; i += 1) mono[i] = (mono[i] ?? 0) / channels.length;
  return mono;
}

// -1..1 floats as little-endian 16-bit integers, clipped.
function writeSamples(view: DataView, offset: number, samples: Float32Array): void {
  for (let i = 0; i < samples.length; i += 1) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0));
    view.setInt16(offset + i * 2, s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff), true);
  }
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i += 1) view.setUint8(offset + i, text.charCodeAt(i));
}

// A mono 16-bit PCM RIFF/WAVE file of the samples at the rate.
export function encodeWav(samples: Float32Array, rate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  writeAscii(view, 0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(view, 8, 'WAVE');
  writeAscii(view, 12, 'fmt ');
  view.setUint32(16, 16, true); // the fmt chunk's size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // one channel
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  writeAscii(view, 36, 'data');
  view.setUint32(40, dataBytes, true);
  writeSamples(view, 44, samples);
  return bytes;
}

// A recorded blob (webm/ogg from MediaRecorder, or any file the browser
// decodes) as an 8 kHz mono WAV; rejects when the browser cannot decode it.
export async function recordingToWav(blob: Blob): Promise<Blob> {
  const context = new AudioContext();
  let decoded: AudioBuffer;
  try {
    decoded = await context.decodeAudioData(await blob.arrayBuffer());
  } finally {
    void context.close();
  }
  const channels = Array.from({ length: decoded.numberOfChannels }, (_, i) => decoded.getChannelData(i));
  const mono = mixToMono(channels);
  const frames = Math.max(1, Math.ceil((mono.length * kVoiceRate) / decoded.sampleRate));
  const offline = new OfflineAudioContext(1, frames, kVoiceRate);
  const source = offline.createBufferSource();
  const buffer = offline.createBuffer(1, mono.length || 1, decoded.sampleRate);
  buffer.copyToChannel(mono, 0);
  source.buffer = buffer;
  source.connect(offline.destination);
  source.start();
  const rendered = await offline.startRendering();
  const wav = encodeWav(rendered.getChannelData(0), kVoiceRate);
  return new Blob([wav.buffer as ArrayBuffer], { type: 'audio/wav' });
}
