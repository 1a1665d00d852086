// Browser test of the admin UI: starts a real `robocall serve` on a free
// loopback port with a temp database and data dir, drives Debian's Chromium
// through playwright-core (never a downloaded browser) over every screen, and
// saves a screenshot of each under --out. Bounded in time; always stops the
// server and the browser it started.
//
// node ui_test.mjs --robocall BUILD/robocall --web-dir DIST --source-dir REPO --out DIR

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const kDeadlineMs = 300_000;
const kChromium = '/usr/bin/chromium';
const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=ru-RU',
];

const { values: opts } = parseArgs({
  options: {
    robocall: { type: 'string' },
    'web-dir': { type: 'string' },
    'source-dir': { type: 'string' },
    out: { type: 'string' },
  },
});
for (const name of ['robocall', 'web-dir', 'source-dir', 'out']) {
  if (!opts[name]) {
    console.error(`usage: node ui_test.mjs --robocall BIN --web-dir DIST --source-dir REPO --out DIR (missing --${name})`);
    process.exit(2);
  }
}
const sourceDir = path.resolve(opts['source-dir']);
const outDir = path.resolve(opts.out);
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const { chromium } = createRequire(path.join(sourceDir, 'web', 'package.json'))('playwright-core');
const workbookPy = path.join(sourceDir, 'tests', 'e2e', 'workbook.py');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'robocall-e2e-'));
let server = null;
let output = ''; // what the server printed
let context = null;
let page = null;

// A child that ended by a signal has exitCode null and signalCode set.
const exited = (child) => child.exitCode !== null || child.signalCode !== null;

async function cleanup() {
  if (context) await context.close().catch(() => {});
  context = null;
  if (server && !exited(server)) {
    server.kill('SIGTERM');
    const gone = new Promise((resolve) => server.once('exit', resolve));
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

const deadline = setTimeout(async () => {
  console.error(`FAIL: the test did not finish within ${kDeadlineMs / 1000} s`);
  if (page) await page.screenshot({ path: path.join(outDir, 'timeout.png'), fullPage: true }).catch(() => {});
  await cleanup();
  process.exit(1);
}, kDeadlineMs);

// ---- helpers ---------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const pad = (n) => String(n).padStart(2, '0');
const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const ruDate = (d) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
const localDateTime = (d) => `${isoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
function daysFromNow(days, hour, minute) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hour, minute, 0, 0);
  return d;
}

async function shot(name) {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
}

let stepNo = 0;
async function step(name, fn) {
  stepNo += 1;
  const started = Date.now();
  await fn();
  console.log(`ok ${stepNo} - ${name} (${Date.now() - started} ms)`);
}

const taskTable = 'table[aria-label="Задания"]';
async function tableRows() {
  await page.waitForSelector(`${taskTable}:not([aria-busy])`);
  return page.$$eval(`${taskTable} tbody tr[data-id]`, (rows) =>
    rows.map((r) => ({
      id: Number(r.getAttribute('data-id')),
      name: r.cells[1].textContent,
      phone: r.querySelector('[data-phone]').getAttribute('data-phone'),
      appointment: r.querySelector('[data-appointment]').getAttribute('data-appointment'),
      status: r.querySelector('[data-status]').getAttribute('data-status'),
    })),
  );
}

function block(id) {
  return page.locator(`[data-block="${id}"]`);
}

async function saveBlock(id) {
  const b = block(id);
  await b.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await b.locator('.notice-ok, .notice-error').first().waitFor();
  const error = await b.locator('.notice-error').count();
  if (error) assert.fail(`saving block ${id}: ${await b.locator('.notice-error').first().textContent()}`);
  assert.match(await b.locator('.notice-ok').first().textContent(), /^Сохранено в \d\d:\d\d:\d\d\.$/);
}

// ---- the data set ----------------------------------------------------------

const kNames = [
  'Абрамов Антон Петрович',
  'Борисова Вера Ильинична',
  'Васильев Глеб Олегович',
  'Григорьева Дарья Сергеевна',
  'Дмитриев Егор Андреевич',
  'Жукова Зоя Павловна',
  'Зайцев Игорь Львович',
  'Иванова Кира Денисовна',
  'Козлов Лев Маркович',
  'Лебедева Мария Юрьевна',
  'Морозов Никита Ефимович',
  'Новикова Ольга Романовна',
];
// Appointments spread over days 2..10 from now, in a scrambled order so that
// sorting by id, name and date give different orders.
const kDayOffsets = [5, 2, 9, 3, 7, 2, 10, 4, 6, 8, 3, 9];
const valid = kNames.map((name, i) => ({
  name,
  phone: `90000000${pad(i + 10)}`,
  appointment: daysFromNow(kDayOffsets[i], 9 + (i % 8), (i * 7) % 60),
}));
const birth = '14.03.1961';
const sheet = [
  ['Телефон', 'ФИО', 'Дата приёма', 'Дата рождения'],
  ...valid.map((t) => [t.phone, t.name, `${ruDate(t.appointment)} ${pad(t.appointment.getHours())}:${pad(t.appointment.getMinutes())}`, birth]),
  ['12345', 'Неверный Номер', `${ruDate(daysFromNow(3, 11, 0))} 11:00`, birth],
  [valid[0].phone, 'Повтор Телефона', `${ruDate(daysFromNow(4, 11, 0))} 11:00`, birth],
  ['9000000099', 'Прошедший Приём', `${ruDate(daysFromNow(-1, 11, 0))} 11:00`, birth],
  ['9000000098', '', `${ruDate(daysFromNow(4, 12, 0))} 12:00`, birth],
];
const kSkipped = [
  { row: 14, reason: 'bad_phone' },
  { row: 15, reason: 'duplicate' },
  { row: 16, reason: 'past_appointment' },
  { row: 17, reason: 'missing_field' },
];

// ---- the run ---------------------------------------------------------------

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = path.join(tmp, 'robocall.db');
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const log = fs.createWriteStream(path.join(outDir, 'server.log'));

  const login = 'registrar';
  const password = 'Пароль-для-теста-42';
  await step('the server starts on a free loopback port with a user made by `robocall user add`', async () => {
    execFileSync(path.resolve(opts.robocall), ['user', 'add', login, '--db', db], { input: `${password}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
    server = spawn(
      path.resolve(opts.robocall),
      ['serve', '--db', db, '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, '--web-dir', path.resolve(opts['web-dir'])],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [server.stdout, server.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk.toString();
        log.write(chunk);
      });
    }
    const until = Date.now() + 30_000;
    for (;;) {
      if (exited(server)) assert.fail(`robocall serve exited (${server.exitCode ?? server.signalCode}):\n${output}`);
      const status = await fetch(`${base}/api/me`).then((r) => r.status, () => 0);
      if (status === 401) break;
      if (Date.now() > until) assert.fail(`robocall serve did not answer within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  const profile = path.join(tmp, 'chromium-profile');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: kChromium,
    headless: true,
    args: kChromiumArgs,
    viewport: { width: 1366, height: 768 },
    locale: 'ru-RU',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  await step('a wrong password shows a clear message', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill('not-the-password');
    await shot('01-login');
    await page.getByRole('button', { name: 'Войти' }).click();
    const alert = page.locator('.login-card [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Неверный логин или пароль/);
    await shot('02-login-wrong-password');
  });

  await step('logging in shows the task list with the dialer strip', async () => {
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Список заданий' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/tasks');
    await page.locator('.strip [data-state]').waitFor();
    assert.match(await page.locator('.strip').textContent(), /Обзвон: (работает|остановлен|вне рабочего времени|ошибка SIP)/);
    assert.match(await page.locator('.strip').textContent(), /Звонков сейчас: \d+/);
    await page.locator('.empty').waitFor();
    await shot('03-tasks-empty');
  });

  await step('uploading a workbook shows the import report', async () => {
    const spec = path.join(tmp, 'sheet.json');
    const xlsx = path.join(tmp, 'Пациенты.xlsx');
    fs.writeFileSync(spec, JSON.stringify(sheet));
    execFileSync('/usr/bin/python3', [workbookPy, 'write', xlsx, spec]);
    await page.getByRole('link', { name: 'Загрузка заданий' }).click();
    await page.getByRole('heading', { name: 'Загрузка заданий' }).waitFor();
    const example = page.getByRole('link', { name: 'Скачать пример файла' });
    assert.equal(await example.getAttribute('href'), '/api/imports/example.xlsx');
    const exampleStatus = await page.request.get(`${base}/api/imports/example.xlsx`).then((r) => r.status());
    assert.equal(exampleStatus, 200, 'the example workbook downloads');
    await page.setInputFiles('#tasks-file', xlsx);
    const report = page.locator('[data-report]');
    await report.waitFor();
    const figures = await report.locator('.counter .value').allTextContents();
    assert.deepEqual(figures.slice(0, 3), [String(sheet.length - 1), String(valid.length), String(kSkipped.length)]);
    const skipped = await report.locator('tbody tr[data-row]').evaluateAll((rows) =>
      rows.map((r) => ({ row: Number(r.getAttribute('data-row')), reason: r.cells[1].textContent })),
    );
    assert.deepEqual(skipped.map((s) => s.row), kSkipped.map((s) => s.row));
    const reasons = await report.locator('[data-reason]').evaluateAll((items) => items.map((i) => i.getAttribute('data-reason')).sort());
    assert.deepEqual(reasons, kSkipped.map((s) => s.reason).sort());
    assert.equal(await page.locator('progress').evaluate((p) => p.value), 100);
    await shot('04-upload-report');
  });

  let all = [];
  await step('the list shows every created task, id descending by default', async () => {
    await page.getByRole('link', { name: 'Список заданий' }).click();
    all = await tableRows();
    assert.equal(all.length, valid.length);
    const ids = all.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    const byPhone = new Map(valid.map((t) => [t.phone, t]));
    for (const row of all) {
      const t = byPhone.get(row.phone);
      assert.ok(t, `row ${row.id} has a phone of the workbook`);
      assert.equal(row.name, t.name);
      assert.equal(row.appointment, localDateTime(t.appointment));
      assert.equal(row.status, 'unknown');
    }
    assert.match(await page.locator(`${taskTable} tbody tr`).first().textContent(), /\d\d\.\d\d\.\d{4} \d\d:\d\d/);
    assert.equal(await page.locator('th[data-sort="id"]').getAttribute('aria-sort'), 'descending');
    await shot('05-tasks');
  });

  await step('each column sorts both ways', async () => {
    const keys = { id: (r) => r.id, name: (r) => r.name, appointment: (r) => r.appointment, status: (r) => r.status };
    const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    for (const [key, value] of Object.entries(keys)) {
      for (let click = 0; click < 2; click += 1) {
        await page.click(`th[data-sort="${key}"] button`);
        const rows = await tableRows();
        const order = await page.locator(`th[data-sort="${key}"]`).getAttribute('aria-sort');
        assert.ok(order === 'ascending' || order === 'descending', `${key}: aria-sort ${order}`);
        assert.equal(rows.length, all.length);
        const sign = order === 'ascending' ? 1 : -1;
        for (let i = 1; i < rows.length; i += 1) {
          assert.ok(sign * cmp(value(rows[i - 1]), value(rows[i])) <= 0, `${key} ${order}: ${value(rows[i - 1])} then ${value(rows[i])}`);
        }
        if (click === 1) await shot(`06-tasks-sorted-by-${key}-${order}`);
      }
    }
  });

  const from = daysFromNow(3, 0, 0);
  const to = daysFromNow(6, 0, 0);
  let filtered = [];
  await step('the date range filter shows only appointments inside it', async () => {
    await page.fill('input[name="from"]', isoDate(from));
    await page.fill('input[name="to"]', isoDate(to));
    await page.getByRole('button', { name: 'Применить' }).click();
    filtered = await tableRows();
    const expected = valid.filter((t) => isoDate(t.appointment) >= isoDate(from) && isoDate(t.appointment) <= isoDate(to));
    assert.ok(expected.length > 0 && expected.length < valid.length);
    assert.deepEqual(filtered.map((r) => r.phone).sort(), expected.map((t) => t.phone).sort());
    assert.match(await page.locator('.pager').textContent(), new RegExp(`из ${expected.length}`));
    await shot('07-tasks-date-range');
  });

  await step('search narrows the list by name and by phone', async () => {
    await page.fill('input[name="q"]', 'козлов');
    await page.getByRole('button', { name: 'Применить' }).click();
    const byName = await tableRows();
    assert.deepEqual(byName.map((r) => r.name), valid.filter((t) => t.name.startsWith('Козлов') && isoDate(t.appointment) >= isoDate(from) && isoDate(t.appointment) <= isoDate(to)).map((t) => t.name));
    const target = filtered[filtered.length - 1];
    await page.fill('input[name="q"]', target.phone);
    await page.getByRole('button', { name: 'Применить' }).click();
    assert.deepEqual((await tableRows()).map((r) => r.id), [target.id]);
    await page.fill('input[name="q"]', '');
    await page.getByRole('button', { name: 'Применить' }).click();
    assert.equal((await tableRows()).length, filtered.length);
  });

  await step('«Выгрузить статистику» downloads the rows shown', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Выгрузить статистику' }).click()]);
    const compact = (d) => isoDate(d).replaceAll('-', '');
    assert.equal(download.suggestedFilename(), `Задания за ${compact(from)}-${compact(to)}.xlsx`);
    const saved = path.join(outDir, 'export.xlsx');
    await download.saveAs(saved);
    const book = JSON.parse(execFileSync('/usr/bin/python3', [workbookPy, 'read', saved], { encoding: 'utf8' }));
    const [header, ...rows] = book.rows;
    assert.deepEqual(header.slice(0, 5), ['Id', 'Имя пациента', 'Телефон', 'Дата приёма', 'Статус']);
    assert.deepEqual(
      rows.map((r) => [Number(r[0]), r[1], String(r[2]).replace(/\D/g, '').slice(-10), r[3], r[4]]),
      filtered.map((r) => [r.id, r.name, r.phone, r.appointment, 'Неизвестно']),
    );
    await page.locator('.notice-ok').waitFor();
  });

  await step('a row opens the task details', async () => {
    const first = filtered[0];
    await page.locator(`tr[data-id="${first.id}"] td`).nth(1).click();
    await page.getByRole('heading', { name: `Задание № ${first.id}` }).waitFor();
    await page.locator('.details').waitFor();
    const text = await page.locator('.details').textContent();
    assert.ok(text.includes(first.name));
    assert.match(text, /Следующая попытка/);
    assert.match(text, /14\.03\.1961/);
    assert.match(await page.locator('main').textContent(), /Звонков по этому заданию ещё не было/);
    await shot('08-task-details');
    await page.getByRole('link', { name: '← К списку заданий' }).click();
    assert.equal((await tableRows()).length, filtered.length, 'the list keeps its filter');
  });

  await step('RoboCall: the main block saves, rejects bad input and survives a reload', async () => {
    await page.getByRole('link', { name: 'RoboCall' }).click();
    await block('robocall').waitFor();
    const b = block('robocall');
    const enabled = b.getByRole('switch');
    const wasOn = await enabled.isChecked();
    await b.getByLabel('Количество попыток').fill('0');
    await b.getByRole('button', { name: 'Сохранить' }).click();
    assert.match(await b.locator('.notice-error').textContent(), /Количество попыток.*от 1 до 20/);
    const values = { 'Количество попыток': '4', 'Перезванивать через (минут)': '45', 'Ждать ответа (секунд)': '35', 'Одновременных звонков, не больше': '3', 'Новых звонков в секунду, не больше': '2.5' };
    for (const [label, value] of Object.entries(values)) await b.getByLabel(label).fill(value);
    await enabled.setChecked(!wasOn);
    await saveBlock('robocall');
    await page.reload();
    await block('robocall').waitFor();
    for (const [label, value] of Object.entries(values)) assert.equal(await block('robocall').getByLabel(label).inputValue(), value, label);
    assert.equal(await block('robocall').getByRole('switch').isChecked(), !wasOn);
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

  const holiday = isoDate(daysFromNow(20, 0, 0));
  await step('RoboCall: a date exception saves and survives a reload', async () => {
    const b = block('exceptions');
    await b.locator('#exception-date').fill(holiday);
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
  await step('RoboCall: a phrase saves, plays and survives a reload', async () => {
    const p = page.locator('[data-phrase="1"]');
    await p.waitFor();
    await p.locator('textarea').fill(newText);
    await p.getByRole('button', { name: 'Сохранить' }).click();
    await p.locator('.notice-ok').waitFor();
    const [audio] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/settings/phrases/1/audio')),
      p.getByRole('button', { name: '▶ Прослушать' }).click(),
    ]);
    assert.equal(audio.status(), 200, 'the phrase audio is served');
    assert.match(audio.headers()['content-type'] ?? '', /audio\/(wav|x-wav|wave)/);
    await page.reload();
    await page.locator('[data-phrase="6"]').waitFor();
    assert.equal(await page.locator('[data-phrase="1"] textarea').inputValue(), newText);
    assert.equal(await page.locator('[data-phrase]').count(), 6);
  });

  await step('RoboCall: recording retention saves both ways and survives a reload', async () => {
    await block('retention').locator('#retention-days').check();
    await block('retention').getByLabel('Сколько дней хранить').fill('30');
    await saveBlock('retention');
    await page.reload();
    await block('retention').waitFor();
    assert.ok(await block('retention').locator('#retention-days').isChecked());
    assert.equal(await block('retention').getByLabel('Сколько дней хранить').inputValue(), '30');
    assert.equal(await block('robocall').getByLabel('Количество попыток').inputValue(), '4', 'the retention save kept the main block');
    await block('retention').locator('#retention-all').check();
    await saveBlock('retention');
    await page.reload();
    await block('retention').waitFor();
    assert.ok(await block('retention').locator('#retention-all').isChecked());
    await shot('09-settings-robocall');
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
    return page.locator('tr[data-account]').evaluateAll((rows) => rows.map((r) => [r.cells[1].firstChild.textContent, r.getAttribute('data-default')]));
  }

  await step('SIP: two accounts, the default flag moves and stays on one', async () => {
    await page.getByRole('link', { name: 'SIP' }).click();
    await page.getByRole('heading', { name: 'Настройки SIP' }).waitFor();
    await page.locator('.empty').waitFor();
    await addAccount({ 'Название *': 'Основной', 'Имя пользователя *': 'clinic', Пароль: 'secret-1', 'Адрес сервера *': '127.0.0.1:5060', Префикс: '8' }, false);
    assert.deepEqual(await defaults(), [['Основной', 'true']], 'the first account becomes the default');
    await addAccount({ 'Название *': 'Резервный', 'Имя пользователя *': 'backup', Пароль: 'secret-2', 'Адрес сервера *': '127.0.0.1:5070' }, true);
    assert.deepEqual(await defaults(), [['Основной', 'false'], ['Резервный', 'true']]);
    await accountRow('Основной').getByRole('radio').check();
    await page.locator('tr[data-account][data-default="true"]', { hasText: 'Основной' }).waitFor();
    assert.deepEqual(await defaults(), [['Основной', 'true'], ['Резервный', 'false']]);
    await page.reload();
    await page.locator('tr[data-account]').nth(1).waitFor();
    assert.deepEqual(await defaults(), [['Основной', 'true'], ['Резервный', 'false']]);
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
    assert.ok(listed.every((a) => !('password' in a)), 'no password reaches the browser');
    assert.ok(listed.find((a) => a.name === 'Резервный').has_password, 'an edit without a password keeps it');
    await shot('10-settings-sip');
    await addAccount({ 'Название *': 'Лишний', 'Имя пользователя *': 'extra', 'Адрес сервера *': '127.0.0.1:5080' }, false);
    page.once('dialog', (dialog) => dialog.accept());
    await accountRow('Лишний').getByRole('button', { name: 'Удалить' }).click();
    await accountRow('Лишний').waitFor({ state: 'detached' });
    assert.deepEqual(await defaults(), [['Основной', 'true'], ['Резервный', 'false']]);
  });

  await step('logging out shows the login form and ends the session', async () => {
    await page.getByRole('button', { name: 'Выход' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await shot('11-logged-out');
    await page.goto(`${base}/tasks`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    assert.equal(await page.request.get(`${base}/api/me`).then((r) => r.status()), 401);
  });

  assert.deepEqual(consoleErrors, [], 'no script errors in the page');
}

try {
  await main();
  console.log(`all ${stepNo} steps passed; screenshots in ${outDir}`);
  await cleanup();
  clearTimeout(deadline);
} catch (error) {
  console.error(`FAIL in step ${stepNo}: ${error.stack ?? error}`);
  if (server && exited(server)) {
    console.error(`robocall serve had ended (${server.exitCode ?? server.signalCode}); it printed:\n${output.slice(-4000)}`);
  }
  if (page) await page.screenshot({ path: path.join(outDir, 'failure.png'), fullPage: true }).catch(() => {});
  await cleanup();
  clearTimeout(deadline);
  process.exitCode = 1;
}
