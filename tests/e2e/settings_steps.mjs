// The settings screens of the browser test: every RoboCall block saved and
// seen after a reload, SIP accounts and the default flag, then logout.

import assert from 'node:assert/strict';
import { block, daysFromNow, isoDate, page, ruDate, saveBlock, shot, step } from './harness.mjs';

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
}
