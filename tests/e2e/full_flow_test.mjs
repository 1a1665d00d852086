// The whole chain in a real browser: log in, upload a workbook, set the
// RoboCall settings, add a SIP account pointing at the simulated SIPp
// patients of the demo (demo/patients.xml: the last digit of the number picks
// the behaviour), switch dialing on, wait until every task is final, then
// check each status in the list, a task's attempts and its recording, and the
// exported XLSX. Run by full_flow.sh, which starts the patients and passes
// their address in ROBOCALL_PATIENTS.
//
// node full_flow_test.mjs --robocall BIN --web-dir DIST --source-dir REPO --out DIR

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  assertNoPageErrors,
  block,
  daysFromNow,
  isoDate,
  launchBrowser,
  outDir,
  pad,
  page,
  ruDate,
  run,
  saveBlock,
  shot,
  startServer,
  step,
  tableRows,
  tmp,
  workbookPy,
} from './harness.mjs';

const login = 'registrar';
const password = 'Полный-путь-2026';
const patients = process.env.ROBOCALL_PATIENTS;
if (!patients) {
  console.error('ROBOCALL_PATIENTS (host:port of the SIPp patients) is not set; run full_flow.sh');
  process.exit(2);
}
const kAttempts = 2;
const kWaitMs = 240_000;

// One task per behaviour of the patients; what each must end with.
const kStatusText = {
  confirmed: 'Подтверждение',
  cancelled: 'Отмена',
  unknown: 'Неизвестно',
};
const cases = [
  {
    digit: 1,
    name: 'Орлова Анна Павловна',
    state: 'confirmed',
    status: 'confirmed',
    outcomes: ['confirmed'],
    keys: '1',
  },
  {
    digit: 2,
    name: 'Белов Борис Ильич',
    state: 'cancelled',
    status: 'cancelled',
    outcomes: ['cancelled'],
    keys: '2',
  },
  {
    digit: 3,
    name: 'Громова Вера Олеговна',
    state: 'exhausted',
    status: 'unknown',
    outcomes: ['no_input', 'no_input'],
  },
  {
    digit: 4,
    name: 'Жуков Глеб Петрович',
    state: 'exhausted',
    status: 'unknown',
    outcomes: ['busy', 'busy'],
    code: 486,
  },
  {
    digit: 5,
    name: 'Зуева Дарья Ивановна',
    state: 'exhausted',
    status: 'unknown',
    outcomes: ['no_answer', 'no_answer'],
  },
  {
    digit: 6,
    name: 'Исаев Егор Львович',
    state: 'exhausted',
    status: 'unknown',
    outcomes: ['unavailable', 'unavailable'],
    code: 480,
  },
].map((c, i) => ({
  ...c,
  phone: `917000000${c.digit}`,
  appointment: daysFromNow(1, 10 + i, 0),
}));
const byPhone = new Map(cases.map((c) => [c.phone, c]));
const day = daysFromNow(1, 0, 0);

// The API as the page uses it (session cookie + CSRF token).
async function api(base, method, url, data) {
  const me = await page.request.get(`${base}/api/me`).then((r) => r.json());
  const response = await page.request.fetch(`${base}${url}`, {
    method,
    data,
    headers: { 'X-CSRF-Token': me.csrf_token },
  });
  assert.ok(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`);
  return response.json();
}

await run(async () => {
  let base = '';
  await step('the server starts on a free loopback port', async () => {
    base = await startServer(login, password);
  });
  await launchBrowser();

  await step('logging in shows the task list', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Логин').fill(login);
    await page.getByLabel('Пароль').fill(password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Список заданий' }).waitFor();
  });

  await step('uploading a workbook of one task per patient behaviour creates them all', async () => {
    const spec = path.join(tmp, 'sheet.json');
    const xlsx = path.join(tmp, 'Пациенты.xlsx');
    const rows = cases.map((c) => [
      c.phone,
      c.name,
      `${ruDate(c.appointment)} ${pad(c.appointment.getHours())}:00`,
      '02.02.1962',
    ]);
    fs.writeFileSync(spec, JSON.stringify([['Телефон', 'ФИО', 'Дата приёма', 'Дата рождения'], ...rows]));
    execFileSync('/usr/bin/python3', [workbookPy, 'write', xlsx, spec]);
    await page.getByRole('link', { name: 'Загрузка заданий' }).click();
    await page.setInputFiles('#tasks-file', xlsx);
    const report = page.locator('[data-report]');
    await report.waitFor();
    const figures = await report.locator('.counter .value').allTextContents();
    assert.deepEqual(figures.slice(0, 3), [String(cases.length), String(cases.length), '0']);
  });

  await step(
    'RoboCall settings: 2 attempts, retry after 1 minute, 5 s answer timeout, a window open all day, today working',
    async () => {
      await page.getByRole('link', { name: 'RoboCall' }).click();
      await block('robocall').waitFor();
      const b = block('robocall');
      const values = {
        'Количество попыток': String(kAttempts),
        'Перезванивать через (минут)': '1',
        'Ждать ответа (секунд)': '5',
        'Одновременных звонков, не больше': '6',
        'Новых звонков в секунду, не больше': '5',
      };
      for (const [label, value] of Object.entries(values)) await b.getByLabel(label).fill(value);
      await b.getByRole('switch').setChecked(false);
      await saveBlock('robocall');
      await page.getByRole('link', { name: 'Расписание', exact: true }).click();
      await block('schedule').waitFor();
      const s = block('schedule');
      await s.getByLabel('Будние дни: начало').fill('00:00');
      await s.getByLabel('Будние дни: конец').fill('23:59');
      for (const weekday of ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'])
        await s.getByLabel(weekday).selectOption('working');
      await saveBlock('schedule');
      const e = block('exceptions');
      await e.locator('#exception-date').fill(ruDate(new Date()));
      await e.locator('#exception-mode').selectOption('working');
      await e.getByRole('button', { name: 'Добавить' }).click();
      await saveBlock('exceptions');
      // The form's last minute is 23:59; the same session's API sets the
      // window to 24:00 so that the test passes at any hour.
      const schedule = await api(base, 'GET', '/api/settings/schedule');
      await api(base, 'PUT', '/api/settings/schedule', {
        ...schedule,
        working: { start: '00:00', end: '24:00' },
      });
    },
  );

  await step('SIP: an account pointing at the SIPp patients becomes the default', async () => {
    await page.getByRole('link', { name: 'SIP' }).click();
    await page.getByRole('heading', { name: 'Настройки SIP' }).waitFor();
    await page.getByRole('button', { name: '+ Добавить учётную запись' }).click();
    const form = block('sip-form');
    const fields = {
      'Название *': 'Пациенты SIPp',
      'Имя пользователя *': 'clinic',
      Пароль: 'secret',
      'Адрес сервера *': patients,
    };
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page
      .locator('tr[data-account][data-default="true"]', {
        hasText: 'Пациенты SIPp',
      })
      .waitFor();
  });

  await step('switching dialing on shows the dialer running', async () => {
    await page.getByRole('link', { name: 'RoboCall' }).click();
    await block('robocall').waitFor();
    await block('robocall').getByRole('switch').setChecked(true);
    await saveBlock('robocall');
    await page.locator('.strip [data-state="running"]').waitFor();
  });

  await step(`every task reaches its final state (at most ${kWaitMs / 1000} s)`, async () => {
    const until = Date.now() + kWaitMs;
    for (;;) {
      const list = await api(base, 'GET', '/api/tasks?limit=50');
      const open = list.items.filter((t) => t.state === 'pending' || t.state === 'calling');
      if (open.length === 0) break;
      if (Date.now() > until)
        assert.fail(`still not final: ${open.map((t) => `${t.phone} ${t.state} ${t.attempts}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    for (const t of (await api(base, 'GET', '/api/tasks?limit=50')).items) {
      const c = byPhone.get(t.phone);
      assert.equal(t.state, c.state, `${t.phone}: state`);
      assert.equal(t.attempts, c.outcomes.length, `${t.phone}: attempts`);
    }
  });

  let rows = [];
  await step('the list shows each status', async () => {
    await page.getByRole('link', { name: 'Список заданий' }).click();
    await page.fill('input[name="from"]', ruDate(day));
    await page.fill('input[name="to"]', ruDate(day));
    await page.getByRole('button', { name: 'Применить' }).click();
    rows = await tableRows();
    assert.equal(rows.length, cases.length);
    for (const row of rows) assert.equal(row.status, byPhone.get(row.phone).status, `${row.phone}: status`);
    await page.screenshot({ path: path.join(outDir, 'screenshot-tasks.png') });
  });

  await step('a confirmed task shows its attempt, and its recording plays', async () => {
    const c = cases[0];
    const row = rows.find((r) => r.phone === c.phone);
    await page.locator(`tr[data-id="${row.id}"] td`).nth(1).click();
    await page.getByRole('heading', { name: `Задание № ${row.id}` }).waitFor();
    const attempts = page.locator('tr[data-attempt]');
    await attempts.first().waitFor();
    assert.equal(await attempts.count(), 1);
    assert.equal(await attempts.first().locator('[data-outcome]').getAttribute('data-outcome'), 'confirmed');
    assert.equal(await attempts.first().locator('td').nth(3).textContent(), c.keys);
    const duration = await attempts
      .first()
      .locator('audio')
      .evaluate(
        (audio) =>
          new Promise((resolve, reject) => {
            audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
            audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), {
              once: true,
            });
            audio.preload = 'auto';
            audio.load();
          }),
      );
    assert.ok(duration > 0, `the recording lasts ${duration} s`);
    await shot('task-confirmed');
  });

  await step('«Скачать запись» saves the recording under the call date and task id, and is audited', async () => {
    const row = rows.find((r) => r.phone === cases[0].phone);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('tr[data-attempt]').first().getByRole('link', { name: 'Скачать запись' }).click(),
    ]);
    const name = download.suggestedFilename();
    assert.match(name, new RegExp(`^запись-\\d{4}-\\d{2}-\\d{2}-\\d{4}-задание-${row.id}\\.wav$`));
    const saved = path.join(outDir, name);
    await download.saveAs(saved);
    assert.equal(fs.readFileSync(saved).subarray(0, 4).toString(), 'RIFF');
    const audit = await api(base, 'GET', '/api/audit?action=recording.download');
    assert.equal(audit.items.length, 1, 'one download, one entry');
    assert.equal(audit.items[0].details.task_id, row.id);
  });

  await step('a busy task shows both attempts with SIP code 486', async () => {
    const c = cases.find((x) => x.code === 486);
    const row = rows.find((r) => r.phone === c.phone);
    await page.goto(`${base}/tasks/${row.id}`);
    await page.getByRole('heading', { name: `Задание № ${row.id}` }).waitFor();
    const attempts = page.locator('tr[data-attempt]');
    await attempts.first().waitFor();
    assert.deepEqual(
      await attempts
        .locator('[data-outcome]')
        .evaluateAll((cells) => cells.map((td) => td.getAttribute('data-outcome'))),
      c.outcomes,
    );
    assert.deepEqual(
      await attempts
        .locator('[data-outcome]')
        .evaluateAll((cells) => cells.map((td) => td.getAttribute('data-sip-code'))),
      ['486', '486'],
      'the SIP code is in the outcome’s hint',
    );
    await shot('task-busy');
  });

  await step('the exported XLSX has each task with its status, attempts and last outcome', async () => {
    await page.goto(`${base}/tasks?from=${isoDate(day)}&to=${isoDate(day)}`);
    await tableRows();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Выгрузить статистику' }).click(),
    ]);
    const saved = path.join(outDir, 'export.xlsx');
    await download.saveAs(saved);
    const book = JSON.parse(
      execFileSync('/usr/bin/python3', [workbookPy, 'read', saved], {
        encoding: 'utf8',
      }),
    );
    const [header, ...lines] = book.rows;
    assert.deepEqual(header.slice(0, 9), [
      'Id',
      'Имя пациента',
      'Телефон',
      'Дата приёма',
      'Статус',
      'Звонков',
      'Последний звонок',
      'Итог последнего звонка',
      'Нажатые клавиши',
    ]);
    const kOutcomeText = {
      confirmed: 'Подтвердил',
      cancelled: 'Отменил',
      no_answer: 'Нет ответа',
      busy: 'Занято',
      unavailable: 'Абонент недоступен',
      no_input: 'Ответили, клавиша не нажата (человек или автоответчик)',
    };
    assert.equal(lines.length, cases.length);
    for (const line of lines) {
      const c = byPhone.get(String(line[2]).replace(/\D/g, '').slice(-10));
      assert.ok(c, `an exported phone of the workbook: ${line[2]}`);
      assert.equal(line[1], c.name);
      assert.equal(line[4], kStatusText[c.status], `${c.phone}: status`);
      assert.equal(Number(line[5]), c.outcomes.length, `${c.phone}: attempts`);
      assert.equal(line[7], kOutcomeText[c.outcomes.at(-1)], `${c.phone}: last outcome`);
      assert.equal(String(line[8] ?? ''), c.keys ?? '', `${c.phone}: keys`);
    }
  });
  assertNoPageErrors();
});
