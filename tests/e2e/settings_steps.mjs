// The settings screens of the browser test: the pages RoboCall, Расписание,
// Фразы and Хранение, each form saved and seen after a reload; the warning
// before leaving unsaved edits; SIP accounts and the default flag, moved only
// after a question naming both; then logout; a saved phrase heard and a
// recording for phrase 2 confirmed first. A screenshot of each screen.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  answerNextQuestion,
  block,
  daysFromNow,
  isoDate,
  page,
  reloadWouldAsk,
  ruDate,
  saveBlock,
  shot,
  step,
  tmp,
} from './harness.mjs';
import { sipSteps } from './sip_steps.mjs';

// Goes to a settings page through the menu and waits for its form.
async function openSettings(link, blockId) {
  await page.getByRole('link', { name: link, exact: true }).click();
  await block(blockId).waitFor();
}

export async function settingsSteps(base, login, password) {
  await step('RoboCall: the main block saves, rejects bad input and survives a reload', async () => {
    await openSettings('RoboCall', 'robocall');
    assert.equal(new URL(page.url()).pathname, '/settings/robocall');
    const b = block('robocall');
    assert.match(await b.locator('.hint', { hasText: 'Первый звонок' }).textContent(), /Первый звонок тоже считается/);
    const enabled = b.getByRole('switch');
    const wasOn = await enabled.isChecked();
    await b.getByLabel('Количество попыток').fill('0');
    await b.getByRole('button', { name: 'Сохранить' }).click();
    assert.match(await b.locator('.notice-error').textContent(), /Количество попыток.*от 1 до 20/);
    const values = {
      'Количество попыток': '4',
      'Перезванивать через (минут)': '45',
      'Ждать ответа (секунд)': '35',
      'Одновременных звонков, не больше': '3',
      'Новых звонков в секунду, не больше': '2.5',
    };
    for (const [label, value] of Object.entries(values)) await b.getByLabel(label).fill(value);
    await enabled.setChecked(!wasOn);
    await saveBlock('robocall');
    await page.reload();
    await block('robocall').waitFor();
    for (const [label, value] of Object.entries(values))
      assert.equal(await block('robocall').getByLabel(label).inputValue(), value, label);
    assert.equal(await block('robocall').getByRole('switch').isChecked(), !wasOn);
    // Back to how it was, so the dialer does not start calling the test's patients.
    await block('robocall').getByRole('switch').setChecked(wasOn);
    await saveBlock('robocall');
    await shot('10a-settings-robocall');
  });

  await step(
    'unsaved edits: leaving the page (a link, «Назад», a reload) asks first, staying keeps the edit',
    async () => {
      const b = block('robocall');
      assert.equal(await reloadWouldAsk(), false, 'nothing unsaved: no question');
      await b.getByLabel('Количество попыток').fill('7');
      await b.locator('[data-unsaved]').waitFor();
      assert.equal(await reloadWouldAsk(), true, 'a reload asks first');
      await shot('10e-settings-unsaved');
      const question = answerNextQuestion(false);
      await page.getByRole('link', { name: 'Расписание', exact: true }).click();
      assert.match(await question, /несохранённые изменения/);
      assert.equal(new URL(page.url()).pathname, '/settings/robocall');
      assert.equal(await b.getByLabel('Количество попыток').inputValue(), '7');
      const back = answerNextQuestion(false);
      await page.goBack();
      assert.match(await back, /несохранённые изменения/, '«Назад» asks too');
      await page.waitForURL((url) => url.pathname === '/settings/robocall');
      assert.equal(await b.getByLabel('Количество попыток').inputValue(), '7');
      const again = answerNextQuestion(true);
      await page.getByRole('link', { name: 'Расписание', exact: true }).click();
      await again;
      await block('schedule').waitFor();
      assert.equal(await reloadWouldAsk(), false, 'the dropped edit is forgotten');
      const stored = await page.request.get(`${base}/api/settings/robocall`).then((r) => r.json());
      assert.equal(stored.attempts, 4, 'the dropped edit was not saved');
    },
  );

  await step('Расписание: the schedule saves and survives a reload', async () => {
    assert.equal(new URL(page.url()).pathname, '/settings/schedule');
    const b = block('schedule');
    await b.getByLabel('Будние дни: начало').fill('09:15');
    await b.getByLabel('Будние дни: конец').fill('19:45');
    await b.getByLabel('Сокращённые дни: начало').fill('10:00');
    await b.getByLabel('Сокращённые дни: конец').fill('16:30');
    await b.getByLabel('Суббота').selectOption('day_off');
    await b.getByLabel('Воскресенье').selectOption('shortened');
    await saveBlock('schedule');
    await page.reload();
    await block('schedule').waitFor();
    const s = block('schedule');
    assert.equal(await s.getByLabel('Будние дни: начало').inputValue(), '09:15');
    assert.equal(await s.getByLabel('Будние дни: конец').inputValue(), '19:45');
    assert.equal(await s.getByLabel('Сокращённые дни: конец').inputValue(), '16:30');
    assert.equal(await s.getByLabel('Суббота').inputValue(), 'day_off');
    assert.equal(await s.getByLabel('Воскресенье').inputValue(), 'shortened');
  });

  await step('Расписание: the schedule takes 24:00 as the end of a window', async () => {
    await block('schedule').getByLabel('Будние дни: конец').fill('24:00');
    await saveBlock('schedule');
    await page.reload();
    await block('schedule').waitFor();
    assert.equal(await block('schedule').getByLabel('Будние дни: конец').inputValue(), '24:00');
    await block('schedule').getByLabel('Будние дни: конец').fill('24:30');
    await block('schedule').getByRole('button', { name: 'Сохранить', exact: true }).click();
    assert.match(await block('schedule').locator('.notice-error').textContent(), /ЧЧ:ММ/);
  });

  const holidayDay = daysFromNow(20, 0, 0);
  const holiday = isoDate(holidayDay);
  await step('Расписание: a date exception saves and survives a reload', async () => {
    const b = block('exceptions');
    await b.locator('#exception-date').fill(ruDate(holidayDay));
    await b.locator('#exception-mode').selectOption('shortened');
    await b.getByRole('button', { name: 'Добавить' }).click();
    await saveBlock('exceptions');
    await page.reload();
    await block('exceptions').waitFor();
    const row = block('exceptions').locator(`tr[data-date="${holiday}"]`);
    await row.waitFor();
    assert.equal(await row.locator('select').inputValue(), 'shortened');
  });

  await step('Расписание: every date exception can be removed and none comes back', async () => {
    await page.reload();
    const b = block('exceptions');
    await b.locator('#exceptions-past').check();
    const rows = b.locator('tr[data-date]');
    await rows.first().waitFor();
    while ((await rows.count()) > 0) await rows.first().getByRole('button', { name: 'Убрать' }).click();
    await saveBlock('exceptions');
    await page.reload();
    await block('exceptions').waitFor();
    await block('exceptions').locator('#exceptions-past').check();
    assert.equal(await block('exceptions').locator('tr[data-date]').count(), 0);
    assert.match(await block('exceptions').locator('td.empty').textContent(), /Исключений нет/);
  });

  await step(
    'Расписание: the provisional 2027 production calendar is offered, marked, explained and applied',
    async () => {
      const b = block('exceptions');
      const option = b.locator('#production-year option[value="2027"]');
      assert.match(await option.textContent(), /предварительный.*не утверждён/);
      await b.locator('#production-year').selectOption('2027');
      page.once('dialog', (dialog) => dialog.accept());
      await b
        .getByRole('button', {
          name: 'Заполнить по производственному календарю',
        })
        .click();
      await b.locator('.notice-ok').waitFor();
      const applied = b.locator('tr[data-date^="2027-"]');
      assert.ok((await applied.count()) > 5, 'the 2027 days are listed');
      assert.equal(await b.locator('tr[data-date]').count(), await applied.count(), 'no other year came back');
      await page.reload();
      await block('exceptions').waitFor();
      const kept = block('exceptions').locator('tr[data-date="2027-01-01"]');
      await kept.waitFor();
      assert.match(await kept.textContent(), /предварительно/);
      assert.equal(await kept.locator('select').inputValue(), 'day_off');
      assert.match(
        await block('exceptions').locator('[data-provisional-hint]').textContent(),
        /предварительного производственного календаря/,
      );
      await shot('10b-settings-schedule');
    },
  );

  const newText = 'Здравствуйте! Вас приветствует клиника «Здоровье».';
  await step('Фразы: a phrase saves and survives a reload; «Прослушать» waits for the save', async () => {
    await page.getByRole('link', { name: 'Фразы', exact: true }).click();
    const p = page.locator('[data-phrase="1"]');
    await p.waitFor();
    const listen = p.getByRole('button', { name: '▶ Прослушать' });
    assert.ok(await listen.isEnabled(), 'the saved phrase can be heard');
    await p.locator('textarea').fill(newText);
    assert.ok(await listen.isDisabled(), 'an edited phrase cannot be heard before it is saved');
    assert.equal(await p.locator('[data-listen-hint]').textContent(), 'Сохраните, чтобы прослушать.');
    await p.getByRole('button', { name: 'Сохранить' }).click();
    await p.locator('.notice-ok').waitFor();
    assert.ok(await listen.isEnabled(), 'the saved phrase can be heard again');
    assert.equal(await reloadWouldAsk(), false);
    await page.reload();
    await page.locator('[data-phrase="8"]').waitFor();
    assert.equal(await page.locator('[data-phrase="1"] textarea').inputValue(), newText);
    assert.equal(await page.locator('[data-phrase]').count(), 8);
    await shot('10c-settings-phrases');
  });

  await step('«Проверять личность» saves, and phrases 7 and 8 say they are used', async () => {
    const note = page.locator('[data-phrase="7"] [data-verification-note]');
    assert.match(await note.textContent(), /Сейчас не звучит/);
    await openSettings('RoboCall', 'robocall');
    await block('robocall').getByLabel('Проверять личность').check();
    await saveBlock('robocall');
    await page.getByRole('link', { name: 'Фразы', exact: true }).click();
    await page.locator('[data-phrase="8"]').waitFor();
    assert.match(await page.locator('[data-phrase="8"] [data-verification-note]').textContent(), /^Звучит/);
    await openSettings('RoboCall', 'robocall');
    assert.ok(await block('robocall').getByLabel('Проверять личность').isChecked());
    await block('robocall').getByLabel('Проверять личность').uncheck();
    await saveBlock('robocall');
    await page.reload();
    await block('robocall').waitFor();
    assert.ok(!(await block('robocall').getByLabel('Проверять личность').isChecked()));
  });

  await step('Хранение: recording retention saves both ways and survives a reload', async () => {
    await openSettings('Хранение', 'retention');
    await block('retention').locator('#retention-days').check();
    await block('retention').getByLabel('Сколько дней хранить').fill('30');
    await saveBlock('retention');
    await page.reload();
    await block('retention').waitFor();
    assert.ok(await block('retention').locator('#retention-days').isChecked());
    assert.equal(await block('retention').getByLabel('Сколько дней хранить').inputValue(), '30');
    const stored = await page.request.get(`${base}/api/settings/robocall`).then((r) => r.json());
    assert.equal(stored.attempts, 4, 'the retention save kept the fields of the RoboCall page');
    await block('retention').locator('#retention-all').check();
    await saveBlock('retention');
    await page.reload();
    await block('retention').waitFor();
    assert.ok(await block('retention').locator('#retention-all').isChecked());
    await shot('10d-settings-retention');
  });

  await sipSteps(base);

  await step('logging out shows the login form and ends the session', async () => {
    await page.getByRole('button', { name: 'Выход' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await shot('12-logged-out');
    await page.goto(`${base}/tasks`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    assert.equal(await page.request.get(`${base}/api/me`).then((r) => r.status()), 401);
  });

  // Last, after logging in again, so that everything else has been checked if it fails.
  await step('Фразы: «Прослушать» plays the saved phrase as it will sound', async () => {
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('link', { name: 'Фразы', exact: true }).click();
    const p = page.locator('[data-phrase="1"]');
    await p.waitFor();
    const [audio] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/settings/phrases/1/audio')),
      p.getByRole('button', { name: '▶ Прослушать' }).click(),
    ]);
    const body = audio.status() === 200 ? '' : await audio.text();
    assert.equal(audio.status(), 200, `the phrase audio is served: ${body}`);
    assert.match(audio.headers()['content-type'] ?? '', /audio\/(wav|x-wav|wave)/);
    await p.locator('audio:not([hidden])').waitFor();
    assert.equal(await p.locator('.notice-error').count(), 0);
  });

  await step('Фразы: a WAV for phrase 2 asks first, since the date and time would no longer be spoken', async () => {
    const wav = path.join(tmp, 'phrase2.wav');
    fs.writeFileSync(wav, toneWav(0.5));
    const p = page.locator('[data-phrase="2"]');
    const refused = answerNextQuestion(false);
    await page.setInputFiles('#phrase-2-file', wav);
    await p.locator('.notice', { hasText: 'Запись не загружена.' }).waitFor();
    assert.match(await refused, /дата и время приёма не будут произноситься/);
    assert.equal(await p.locator('.tag').textContent(), 'синтез речи', 'refusing uploads nothing');
    const accepted = answerNextQuestion(true);
    await page.setInputFiles('#phrase-2-file', wav);
    await accepted;
    await p.locator('.tag', { hasText: 'своя запись' }).waitFor();
    assert.match(await p.locator('[data-text-unused]').textContent(), /текст фразы не используется/);
    await shot('19-phrase-2-recording');
    const question = answerNextQuestion(true);
    await p.getByRole('button', { name: 'Удалить запись, озвучивать синтезом' }).click();
    assert.match(await question, /Удалить свою запись фразы 2/);
    await p.locator('.tag', { hasText: 'синтез речи' }).waitFor();
    assert.equal(await p.locator('[data-text-unused]').count(), 0);
  });
}

// A mono 8 kHz 16-bit WAV of a 440 Hz tone (silence is refused).
function toneWav(seconds) {
  const samples = Math.round(8000 * seconds);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), 44 + i * 2);
  return wav;
}
