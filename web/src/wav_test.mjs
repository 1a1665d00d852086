// Unit tests of wav.ts (node --test; web_step.sh unit): the 16-bit PCM WAV
// the «Голос» page sends, and the mix to mono. wav.ts is transpiled with the
// project's TypeScript into a temp folder first; its encoders need no browser.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = fs.readFileSync(path.join(here, 'wav.ts'), 'utf8');
const js = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
}).outputText;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'robocall-wav-test-'));
fs.writeFileSync(path.join(dir, 'wav.mjs'), js);
const { encodeWav, mixToMono, kVoiceRate } = await import(pathToFileURL(path.join(dir, 'wav.mjs')).href);
fs.rmSync(dir, { recursive: true, force: true });

const ascii = (bytes, from, to) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

test('a WAV has the RIFF header of mono 16-bit PCM at its rate', () => {
  const wav = encodeWav(new Float32Array(3), kVoiceRate);
  const view = new DataView(wav.buffer);
  assert.equal(wav.length, 44 + 6);
  assert.equal(ascii(wav, 0, 4), 'RIFF');
  assert.equal(view.getUint32(4, true), 36 + 6);
  assert.equal(ascii(wav, 8, 16), 'WAVEfmt ');
  assert.equal(view.getUint16(20, true), 1, 'PCM');
  assert.equal(view.getUint16(22, true), 1, 'one channel');
  assert.equal(view.getUint32(24, true), 8000);
  assert.equal(view.getUint32(28, true), 16000, 'bytes per second');
  assert.equal(view.getUint16(32, true), 2, 'bytes per frame');
  assert.equal(view.getUint16(34, true), 16, 'bits per sample');
  assert.equal(ascii(wav, 36, 40), 'data');
  assert.equal(view.getUint32(40, true), 6);
});

test('samples become 16-bit integers, clipped at full scale', () => {
  const wav = encodeWav(new Float32Array([0, 1, -1, 2, -2, 0.5, -0.5]), 8000);
  const view = new DataView(wav.buffer);
  const samples = Array.from({ length: 7 }, (_, i) => view.getInt16(44 + i * 2, true));
  assert.deepEqual(samples, [0, 32767, -32768, 32767, -32768, 16384, -16384]);
});

test('an empty recording is a WAV with no samples', () => {
  const wav = encodeWav(new Float32Array(0), 8000);
  assert.equal(wav.length, 44);
  assert.equal(new DataView(wav.buffer).getUint32(40, true), 0);
});

test('channels mix to their average, as long as the shortest', () => {
  const mono = mixToMono([new Float32Array([1, 0, 0.5, 9]), new Float32Array([0, 1, 0.5])]);
  assert.deepEqual(Array.from(mono), [0.5, 0.5, 0.5]);
});

test('one channel mixes to itself and none to nothing', () => {
  assert.deepEqual(Array.from(mixToMono([new Float32Array([0.25, -0.75])])), [0.25, -0.75]);
  assert.equal(mixToMono([]).length, 0);
});
