// The settings screens of the browser test: every RoboCall block saved and
// seen after a reload, SIP accounts and the default flag, then logout; a
// phrase heard and a recording for phrase 2 confirmed first.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { block, daysFromNow, isoDate, page, ruDate, saveBlock, shot, step, tmp } from './harness.mjs';

export async function settingsSteps(base, login, password) {
  await step('RoboCall: the main block saves, rejects bad input and survives a reload', async () => {
    await page.getByRole('link', { name: 'RoboCall' }).click();
    await block('robocall').waitFor();
    const b = block('robocall');
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
  });

  await step('RoboCall: the schedule saves and survives a reload', async () => {
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

  await step('RoboCall: the schedule takes 24:00 as the end of a window', async () => {
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
  await step('RoboCall: a date exception saves and survives a reload', async () => {
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

  await step('RoboCall: every date exception can be removed and none comes back', async () => {
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

  await step('RoboCall: the provisional 2027 production calendar is offered, marked and applied', async () => {
    const b = block('exceptions');
    const option = b.locator('#production-year option[value="2027"]');
    assert.match(await option.textContent(), /предварительный.*не утверждён/);
    await b.locator('#production-year').selectOption('2027');
    page.once('dialog', (dialog) => dialog.accept());
    await b.getByRole('button', { name: 'Заполнить по производственному календарю' }).click();
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
  });

  const newText = 'Здравствуйте! Вас приветствует клиника «Здоровье».';
  await step('RoboCall: a phrase saves and survives a reload', async () => {
    const p = page.locator('[data-phrase="1"]');
    await p.waitFor();
    await p.locator('textarea').fill(newText);
    await p.getByRole('button', { name: 'Сохранить' }).click();
    await p.locator('.notice-ok').waitFor();
    await page.reload();
    await page.locator('[data-phrase="8"]').waitFor();
    assert.equal(await page.locator('[data-phrase="1"] textarea').inputValue(), newText);
    assert.equal(await page.locator('[data-phrase]').count(), 8);
  });

  await step('RoboCall: «Проверять личность» saves, and phrases 7 and 8 say they are used', async () => {
    const note = page.locator('[data-phrase="7"] [data-verification-note]');
    assert.match(await note.textContent(), /Сейчас не звучит/);
    await block('robocall').getByLabel('Проверять личность').check();
    await saveBlock('robocall');
    assert.match(await note.textContent(), /Звучит/);
    await page.reload();
    await page.locator('[data-phrase="8"]').waitFor();
    assert.ok(await block('robocall').getByLabel('Проверять личность').isChecked());
    assert.match(await page.locator('[data-phrase="8"] [data-verification-note]').textContent(), /^Звучит/);
    await block('robocall').getByLabel('Проверять личность').uncheck();
    await saveBlock('robocall');
    await page.reload();
    await page.locator('[data-phrase="8"]').waitFor();
    assert.ok(!(await block('robocall').getByLabel('Проверять личность').isChecked()));
  });

  await step('RoboCall: recording retention saves both ways and survives a reload', async () => {
    await block('retention').locator('#retention-days').check();
    await block('retention').getByLabel('Сколько дней хранить').fill('30');
    await saveBlock('retention');
    await page.reload();
    await block('retention').waitFor();
    assert.ok(await block('retention').locator('#retention-days').isChecked());
    assert.equal(await block('retention').getByLabel('Сколько дней хранить').inputValue(), '30');
    assert.equal(
      await block('robocall').getByLabel('Количество попыток').inputValue(),
      '4',
      'the retention save kept the main block',
    );
    await block('retention').locator('#retention-all').check();
    await saveBlock('retention');
    await page.reload();
    await block('retention').waitFor();
    assert.ok(await block('retention').locator('#retention-all').isChecked());
    await shot('10-settings-robocall');
  });

  const accountRow = (name) => page.locator('tr[data-account]', { hasText: name });
  async function addAccount(fields, makeDefault) {
    await page.getByRole('button', { name: '+ Добавить аккаунт' }).click();
    const form = block('sip-form');
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
    if (makeDefault) await form.getByLabel('По умолчанию — звонить через этот аккаунт').check();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await accountRow(fields['Название *']).waitFor();
  }
  async function defaults() {
    return page
      .locator('tr[data-account]')
      .evaluateAll((rows) => rows.map((r) => [r.cells[1].firstChild.textContent, r.getAttribute('data-default')]));
  }

  await step('SIP: two accounts, the default flag moves and stays on one', async () => {
    await page.getByRole('link', { name: 'SIP' }).click();
    await page.getByRole('heading', { name: 'Настройки SIP' }).waitFor();
    await page.locator('.empty').waitFor();
    await addAccount(
      {
        'Название *': 'Основной',
        'Имя пользователя *': 'clinic',
        Пароль: 'secret-1',
        'Адрес сервера *': '127.0.0.1:5060',
        Префикс: '8',
      },
      false,
    );
    assert.deepEqual(await defaults(), [['Основной', 'true']], 'the first account becomes the default');
    await addAccount(
      {
        'Название *': 'Резервный',
        'Имя пользователя *': 'backup',
        Пароль: 'secret-2',
        'Адрес сервера *': '127.0.0.1:5070',
      },
      true,
    );
    assert.deepEqual(await defaults(), [
      ['Основной', 'false'],
      ['Резервный', 'true'],
    ]);
    await accountRow('Основной').getByRole('radio').check();
    await page
      .locator('tr[data-account][data-default="true"]', {
        hasText: 'Основной',
      })
      .waitFor();
    assert.deepEqual(await defaults(), [
      ['Основной', 'true'],
      ['Резервный', 'false'],
    ]);
    await page.reload();
    await page.locator('tr[data-account]').nth(1).waitFor();
    assert.deepEqual(await defaults(), [
      ['Основной', 'true'],
      ['Резервный', 'false'],
    ]);
  });

  await step('SIP: the password is write-only; edit and delete work', async () => {
    await accountRow('Резервный').getByRole('button', { name: 'Изменить' }).click();
    const form = block('sip-form');
    const pass = form.getByLabel('Пароль', { exact: true });
    assert.equal(await pass.inputValue(), '');
    assert.equal(await pass.getAttribute('placeholder'), 'не изменён');
    await form.getByLabel('Caller ID', { exact: true }).fill('4951234567');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await accountRow('Резервный').filter({ hasText: '4951234567' }).waitFor();
    const listed = await page.request.get(`${base}/api/sip/accounts`).then((r) => r.json());
    assert.ok(
      listed.every((a) => !('password' in a)),
      'no password reaches the browser',
    );
    assert.ok(listed.find((a) => a.name === 'Резервный').has_password, 'an edit without a password keeps it');
    await shot('11-settings-sip');
    await addAccount(
      {
        'Название *': 'Лишний',
        'Имя пользователя *': 'extra',
        'Адрес сервера *': '127.0.0.1:5080',
      },
      false,
    );
    page.once('dialog', (dialog) => dialog.accept());
    await accountRow('Лишний').getByRole('button', { name: 'Удалить' }).click();
    await accountRow('Лишний').waitFor({ state: 'detached' });
    assert.deepEqual(await defaults(), [
      ['Основной', 'true'],
      ['Резервный', 'false'],
    ]);
  });

  await step('logging out shows the login form and ends the session', async () => {
    await page.getByRole('button', { name: 'Выход' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await shot('12-logged-out');
    await page.goto(`${base}/tasks`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    assert.equal(await page.request.get(`${base}/api/me`).then((r) => r.status()), 401);
  });

  // Last, after logging in again, so that everything else has been checked if it fails.
  await step('RoboCall: «Прослушать» plays a phrase as it will sound', async () => {
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('link', { name: 'RoboCall' }).click();
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

  await step('RoboCall: a WAV for phrase 2 asks first, since the date and time would no longer be spoken', async () => {
    const wav = path.join(tmp, 'phrase2.wav');
    fs.writeFileSync(wav, toneWav(0.5));
    const p = page.locator('[data-phrase="2"]');
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      dialog.dismiss();
    });
    await page.setInputFiles('#phrase-2-file', wav);
    await p.locator('.notice', { hasText: 'Запись не загружена.' }).waitFor();
    assert.match(question, /дата и время приёма не будут произноситься/);
    assert.equal(await p.locator('.tag').textContent(), 'синтез речи', 'refusing uploads nothing');
    page.once('dialog', (dialog) => dialog.accept());
    await page.setInputFiles('#phrase-2-file', wav);
    await p.locator('.tag', { hasText: 'своя запись' }).waitFor();
    await shot('19-phrase-2-recording');
    await p.getByRole('button', { name: 'Удалить запись, озвучивать синтезом' }).click();
    await p.locator('.tag', { hasText: 'синтез речи' }).waitFor();
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
