// The «Голос» page of the browser test (docs/BEHAVIOUR.md "Settings
// screens"): a fragment recorded through the page with Chromium's fake
// microphone (a WAV this module makes with espeak-ng, looped by Chromium),
// heard, the example for a date and time heard, a ZIP of WAVs uploaded, the
// pack downloaded as a ZIP, a recording deleted after a question.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { answerNextQuestion, block, daysFromNow, outDir, page, ruDate, shot, step, tmp } from './harness.mjs';

// A spoken WAV (22.05 kHz mono, 16-bit) in the test's temp folder.
function spoken(name, text) {
  const file = path.join(tmp, name);
  execFileSync('/usr/bin/espeak-ng', ['-v', 'ru', '-w', file, text]);
  return file;
}

// The WAV Chromium's fake microphone plays (launchBrowser's fakeAudioCapture).
export function fakeMicrophoneWav() {
  return spoken('fake-microphone.wav', 'девятнадцатого');
}

// The file names inside a ZIP (Python's zipfile, as workbook.py uses Python).
function zipNames(file) {
  const script = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
  return execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

// A ZIP of the given files under the given names.
function makeZip(file, entries) {
  const script =
    'import sys, zipfile\n' +
    'with zipfile.ZipFile(sys.argv[1], "w") as z:\n' +
    '    for i in range(2, len(sys.argv), 2): z.write(sys.argv[i], sys.argv[i + 1])';
  execFileSync('/usr/bin/python3', ['-c', script, file, ...entries.flatMap(([src, name]) => [src, name])]);
  return file;
}

const progress = () => block('voice-summary').locator('[data-progress]');

async function recordedCount() {
  const m = /Записано (\d+) из (\d+)/.exec(await progress().textContent());
  assert.ok(m, 'the summary says how many fragments are recorded');
  return [Number(m[1]), Number(m[2])];
}

export async function voiceSteps() {
  let total = 0;
  await step('Голос: the page lists the fragments by group, none recorded yet', async () => {
    await page.getByRole('link', { name: 'Голос', exact: true }).click();
    await block('voice-summary').waitFor();
    assert.equal(new URL(page.url()).pathname, '/settings/voice');
    const [recorded, all] = await recordedCount();
    assert.equal(recorded, 0);
    total = all;
    for (const group of ['phrase', 'day', 'month', 'year', 'hour', 'minute'])
      assert.ok((await block(`voice-${group}`).locator('tr[data-fragment]').count()) > 0, `group ${group} is listed`);
    assert.equal(await page.locator('tr[data-fragment]').count(), total, 'every fragment is listed');
    assert.equal(await page.locator('tr[data-state="recorded"]').count(), 0);
    assert.match(await block('voice-summary').locator('.voice-hint').textContent(), /тихую комнату/);
    await shot('60-voice');
  });

  let recordedId = '';
  await step('Голос: a fragment recorded through the microphone becomes «записан»', async () => {
    const row = block('voice-day').locator('tr[data-fragment]').first();
    recordedId = await row.getAttribute('data-fragment');
    await row.getByRole('button', { name: '● Записать' }).click();
    await row.locator('[data-recording]').waitFor();
    // Recorded until the timer shows a second: the fake microphone speaks meanwhile.
    await row.locator('[data-recording]', { hasText: '0:01' }).waitFor();
    await shot('61-voice-recording');
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/fragments/${recordedId}`)),
      row.getByRole('button', { name: '■ Остановить' }).click(),
    ]);
    // The WAV's format is wav.ts's unit tests' (web/src/wav_test.mjs).
    assert.equal(put.request().headers()['content-type'], 'audio/wav');
    assert.equal(put.status(), 200, `the recording is saved: ${put.status() === 200 ? '' : await put.text()}`);
    const saved = block('voice-day').locator(`tr[data-fragment="${recordedId}"][data-state="recorded"]`);
    await saved.waitFor();
    assert.equal(await saved.locator('.tag').textContent(), 'записан');
    assert.deepEqual(await recordedCount(), [1, total]);
    assert.match(await block('voice-day').locator('.notice-ok').textContent(), /записан в \d\d:\d\d:\d\d/);
  });

  await step('Голос: ▶ plays the recorded fragment', async () => {
    const row = block('voice-day').locator(`tr[data-fragment="${recordedId}"]`);
    const [audio] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/fragments/${recordedId}/audio`)),
      row.getByRole('button', { name: /^Прослушать/ }).click(),
    ]);
    assert.equal(audio.status(), 200);
    assert.match(audio.headers()['content-type'] ?? '', /audio\/(wav|x-wav|wave)/);
    await block('voice-day').locator('audio:not([hidden])').waitFor();
  });

  await step('Голос: «Прослушать пример» plays phrase 2 for a date and time and says how it was made', async () => {
    const b = block('voice-example');
    await b.getByLabel('Дата приёма', { exact: true }).fill(ruDate(daysFromNow(3, 0, 0)));
    await b.getByLabel('Время приёма').fill('09:05');
    const [audio] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/settings/voice/example?')),
      b.getByRole('button', { name: '▶ Прослушать пример' }).click(),
    ]);
    assert.equal(audio.status(), 200, `the example is served: ${audio.status() === 200 ? '' : await audio.text()}`);
    assert.equal(audio.headers()['x-robocall-voice'], 'synthesised', 'an incomplete pack is not composed');
    await b.locator('[data-example-voice="synthesised"]').waitFor();
    await b.locator('audio:not([hidden])').waitFor();
    await b.getByLabel('Время приёма').fill('');
    await b.getByRole('button', { name: '▶ Прослушать пример' }).click();
    assert.match(await b.locator('.notice-error').textContent(), /ЧЧ:ММ/);
  });

  let zipped = [];
  await step('Голос: a ZIP of WAVs saves the known fragments and names the files it ignored', async () => {
    const rows = block('voice-month').locator('tr[data-fragment]');
    zipped = [await rows.nth(0).getAttribute('data-fragment'), await rows.nth(1).getAttribute('data-fragment')];
    const zip = makeZip(path.join(tmp, 'voice-upload.zip'), [
      [spoken('m0.wav', 'января'), `${zipped[0]}.wav`],
      [spoken('m1.wav', 'февраля'), `${zipped[1]}.wav`],
      [spoken('other.wav', 'лишний файл'), 'not-a-fragment.wav'],
    ]);
    const b = block('voice-summary');
    await page.setInputFiles('#voice-zip', zip);
    await b.locator('.notice-ok, .notice-error').first().waitFor();
    assert.match(await b.locator('.notice-ok').textContent(), /сохранено фрагментов: 2/);
    assert.match(await b.locator('[data-ignored]').textContent(), /not-a-fragment\.wav/);
    for (const id of zipped) await page.locator(`tr[data-fragment="${id}"][data-state="recorded"]`).waitFor();
    assert.deepEqual(await recordedCount(), [3, total]);
  });

  await step('Голос: «Скачать набор (ZIP)» downloads the recorded fragments', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      block('voice-summary').getByRole('button', { name: 'Скачать набор (ZIP)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'robocall-voice.zip');
    const saved = path.join(outDir, 'robocall-voice.zip');
    await download.saveAs(saved);
    assert.deepEqual(zipNames(saved).sort(), [recordedId, ...zipped].map((id) => `${id}.wav`).sort());
    await shot('62-voice-pack');
  });

  await step('Голос: deleting a recording asks first and the fragment is synthesised again', async () => {
    const row = block('voice-day').locator(`tr[data-fragment="${recordedId}"]`);
    const question = answerNextQuestion(true);
    await row.getByRole('button', { name: 'Удалить запись' }).click();
    assert.match(await question, /синтезом речи/);
    await block('voice-day').locator(`tr[data-fragment="${recordedId}"][data-state="synthesised"]`).waitFor();
    assert.deepEqual(await recordedCount(), [2, total]);
  });
}
