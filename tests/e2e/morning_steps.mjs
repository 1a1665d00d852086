// An administrator's morning in the browser test (docs/GLOSSARY.md «Звонки»):
// upload the day's list, see who is left and why, take one patient off
// calling, filter by status, export with a date preset, call another patient
// now, and a session that ends. Every screen is kept as a screenshot. Runs
// last and logged in as an administrator: it switches the dialer on.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { daysFromNow, isoDate, outDir, pad, page, ruDate, shot, step, tableRows, tmp, workbookPy } from './harness.mjs';

const kPatients = [
  ['9030000011', 'Утренний Артём Ильич', 9, 30],
  ['9030000012', 'Утренняя Белла Олеговна', 10, 15],
  ['9030000013', 'Утренний Виктор Павлович', 11, 0],
  ['9030000014', 'Утренняя Галина Юрьевна', 12, 45],
];

// A JSON request as the logged-in page makes it (cookie and CSRF header).
function api(method, url, body) {
  return page.evaluate(
    async ([m, u, b]) => {
      const me = await fetch('/api/me').then((r) => r.json());
      const r = await fetch(u, {
        method: m,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, url, body],
  );
}

async function summaryOnPage() {
  const read = (name) => page.locator(`[data-summary="${name}"] .value`).textContent();
  const names = ['total', 'confirmed', 'cancelled', 'unreached', 'in_progress'];
  const values = {};
  for (const name of names) values[name] = Number(await read(name));
  return values;
}

async function expectSummary(from, to) {
  const api = await page.request.get(`${new URL(page.url()).origin}/api/tasks/summary?from=${from}&to=${to}`);
  assert.equal(api.status(), 200);
  const s = await api.json();
  assert.equal(s.total, s.confirmed + s.cancelled + s.unreached + s.in_progress, 'the buckets add up');
  await page.waitForFunction(
    (want) => document.querySelector('[data-summary="total"] .value')?.textContent === String(want),
    s.total,
  );
  const shown = await summaryOnPage();
  for (const key of Object.keys(shown)) assert.equal(shown[key], s[key], `the counter ${key}`);
  return s;
}

async function openTask(id) {
  await page.locator(`tr[data-id="${id}"] td[data-name]`).click();
  await page.getByRole('heading', { name: `Задание № ${id}` }).waitFor();
  await page.locator('.details').waitFor();
}

export async function morningSteps(login) {
  const tomorrow = daysFromNow(1, 0, 0);
  const today = new Date();
  let ids = {};

  await step('morning: «Остановить обзвон» in the strip switches calling off, and no error shows', async () => {
    await page.getByRole('link', { name: 'Список заданий' }).click();
    const stop = page.getByRole('button', { name: 'Остановить обзвон' });
    if (await stop.count()) await stop.click();
    await page.getByRole('button', { name: 'Начать обзвон' }).waitFor();
    await page.locator('.strip [data-state="stopped"]').waitFor();
    assert.equal(await page.locator('.strip .strip-problem, .strip .strip-error').count(), 0);
    await shot('40-morning-strip-stopped');
  });

  await step('morning: the upload says when calling starts and lists «Последние загрузки»', async () => {
    const rows = kPatients.map(([phone, name, h, m]) => [
      phone,
      name,
      `${ruDate(tomorrow)} ${pad(h)}:${pad(m)}`,
      '01.01.1960',
    ]);
    const spec = path.join(tmp, 'morning.json');
    const xlsx = path.join(tmp, 'Утро.xlsx');
    fs.writeFileSync(spec, JSON.stringify([['Телефон', 'ФИО', 'Дата приёма', 'Дата рождения'], ...rows]));
    execFileSync('/usr/bin/python3', [workbookPy, 'write', xlsx, spec]);
    await page.getByRole('link', { name: 'Загрузка заданий' }).click();
    await page.getByLabel('Название кампании').fill('Утро e2e');
    await page.setInputFiles('#tasks-file', xlsx);
    await page.locator('[data-report]').waitFor();
    assert.match(await page.locator('[data-calling-starts]').textContent(), /^Обзвон новых пациентов: .+/);
    // The list is read again after the report shows: wait for that reading.
    const recent = page.locator('[data-recent] tbody tr');
    await recent.first().filter({ hasText: 'Утро e2e' }).waitFor();
    assert.ok((await recent.count()) <= 5, 'five uploads at most');
    await shot('41-morning-upload');
    await page.locator('[data-new-tasks]').click();
    const shown = await tableRows();
    assert.deepEqual(shown.map((r) => r.phone).sort(), kPatients.map(([phone]) => phone).sort());
    ids = Object.fromEntries(shown.map((r) => [r.phone, r.id]));
  });

  await step('morning: the list shows today and tomorrow, «Звонки» says why, the counters add up', async () => {
    await page.getByRole('link', { name: 'Список заданий' }).click();
    const rows = await tableRows();
    assert.equal(await page.locator('input[name="from"]').inputValue(), ruDate(today));
    assert.equal(await page.locator('input[name="to"]').inputValue(), ruDate(tomorrow));
    assert.deepEqual(rows.map((r) => r.phone).sort(), kPatients.map(([phone]) => phone).sort());
    const calls = await page.locator('tbody td[data-calls]').allTextContents();
    assert.deepEqual(
      calls,
      calls.map(() => 'Ждёт звонка'),
    );
    assert.match(await page.locator('tbody [data-status="unknown"]').first().getAttribute('title'), /не обработано/);
    assert.equal(await page.locator(`tbody a[href="tel:+7${kPatients[0][0]}"]`).count(), 1, 'a tel: link');
    const s = await expectSummary(isoDate(today), isoDate(tomorrow));
    assert.equal(s.total, kPatients.length);
    await shot('42-morning-tasks');
  });

  const [withdrawnPhone, , ,] = kPatients[0];
  await step('morning: one patient is taken off calling, with who and when', async () => {
    await openTask(ids[withdrawnPhone]);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Снять с обзвона' }).click();
    await page.locator('[data-withdrawn]').waitFor();
    assert.match(
      await page.locator('[data-withdrawn]').textContent(),
      new RegExp(`Снят с обзвона: ${login}, \\d\\d\\.\\d\\d\\.\\d{4}`),
    );
    assert.match(await page.locator('.details').textContent(), /СтатусОтмена/);
    assert.equal(await page.getByRole('button', { name: 'Позвонить сейчас' }).count(), 0);
    await shot('43-morning-withdrawn');
    await page.getByRole('link', { name: '← К списку заданий' }).click();
    await page.locator(`tr[data-id="${ids[withdrawnPhone]}"] td[data-calls="withdrawn"]`).waitFor();
    const s = await expectSummary(isoDate(today), isoDate(tomorrow));
    assert.equal(s.cancelled, 1);
  });

  await step('morning: the «Статус» filter shows each status', async () => {
    const pick = async (value) => {
      await page.locator('select[name="status"]').selectOption(value);
      await page.getByRole('button', { name: 'Применить' }).click();
      return (await tableRows()).map((r) => r.phone).sort();
    };
    assert.deepEqual(await pick('cancelled'), [withdrawnPhone]);
    await shot('44-morning-status-cancelled');
    assert.deepEqual(
      await pick('unknown'),
      kPatients
        .slice(1)
        .map(([phone]) => phone)
        .sort(),
    );
    assert.deepEqual(await pick('unreached'), []);
    assert.match(page.url(), /status=unreached/);
    await pick('');
  });

  await step('morning: «Сегодня» then «Выгрузить статистику» exports today’s appointments', async () => {
    await page.getByRole('button', { name: 'Сегодня', exact: true }).click();
    await tableRows();
    assert.equal(await page.locator('input[name="from"]').inputValue(), ruDate(today));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Выгрузить статистику' }).click(),
    ]);
    const day = isoDate(today).replaceAll('-', '');
    assert.equal(download.suggestedFilename(), `Задания за ${day}-${day}.xlsx`);
    const saved = path.join(outDir, 'export-today.xlsx');
    await download.saveAs(saved);
    const book = JSON.parse(execFileSync('/usr/bin/python3', [workbookPy, 'read', saved], { encoding: 'utf8' }));
    const api = await page.request.get(
      `${new URL(page.url()).origin}/api/tasks?from=${isoDate(today)}&to=${isoDate(today)}`,
    );
    assert.equal(book.rows.length - 1, (await api.json()).total, 'the export has the rows of today');
    await shot('45-morning-export-today');
  });

  await step(
    'morning: «Перезвонить выбранным» asks first and, calling being off, says why it was refused',
    async () => {
      await page.getByRole('button', { name: 'Завтра', exact: true }).click();
      await tableRows();
      const id = ids[kPatients[3][0]];
      await page.locator(`tr[data-id="${id}"] td.select input`).check();
      assert.match(await page.locator('[data-selected]').textContent(), /^Выбрано: 1 пациент$/);
      let question = '';
      page.once('dialog', (dialog) => {
        question = dialog.message();
        return dialog.accept();
      });
      await page.getByRole('button', { name: 'Перезвонить выбранным' }).click();
      const answer = page.locator('.notice-ok, .notice-error');
      await answer.waitFor();
      assert.match(question, /Позвонить сейчас, вне очереди: 1 пациент\?/);
      assert.match(
        await answer.textContent(),
        new RegExp(`^Позвонят вне очереди: 0 пациентов\\. Не выполнено для 1 из 1: № ${id} — .+`),
      );
      await shot('46-morning-bulk-refused');
    },
  );

  await step('morning: «Позвонить сейчас» with the window open: queued, or refused with the reason', async () => {
    const all = { start: '00:00', end: '24:00' };
    const schedule = { working: all, shortened: all, weekdays: Array(7).fill('working') };
    assert.equal((await api('PUT', '/api/settings/schedule', schedule)).status, 200);
    assert.equal((await api('PUT', '/api/settings/exceptions', [])).status, 200);
    await page.getByRole('button', { name: 'Начать обзвон' }).click();
    await page.getByRole('button', { name: 'Остановить обзвон' }).waitFor();
    await page.getByRole('link', { name: 'Список заданий' }).click();
    await tableRows();
    const target = ids[kPatients[1][0]];
    await openTask(target);
    const button = page.getByRole('button', { name: 'Позвонить сейчас' });
    if (await button.count()) {
      await button.click();
      const answer = page.locator('.task-actions .notice-ok, .task-actions .notice-error');
      await answer.waitFor();
      const text = await answer.textContent();
      const task = (await api('GET', `/api/tasks/${target}`)).body;
      if (await page.locator('.task-actions .notice-ok').count()) {
        assert.match(text, /позвонит/);
      } else {
        assert.match(text, /[А-Яа-яЁё]/, 'the refusal is in Russian');
        assert.notEqual(task.calls_kind, 'withdrawn');
      }
    } else {
      // The dialer took it first: the details say a call goes on or how it went.
      assert.match(await page.locator('.details').textContent(), /Звонки(Идёт звонок|\d+ из \d+)/);
    }
    assert.match(await page.locator('.details').textContent(), /Использовано попыток\d+ из \d+/);
    await shot('47-morning-call-now');
    await page.getByRole('button', { name: 'Остановить обзвон' }).click();
    await page.getByRole('button', { name: 'Начать обзвон' }).waitFor();
  });

  await step('morning: when /api/status cannot be reached, the strip says «сервер недоступен»', async () => {
    await page.route('**/api/status', (route) => route.abort());
    await page.locator('.strip [data-state="unreachable"]').waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.strip').textContent(), /Обзвон: сервер недоступен/);
    await shot('48-morning-server-unreachable');
    await page.unroute('**/api/status');
    await page.locator('.strip [data-state="stopped"]').waitFor({ timeout: 15_000 });
  });

  await step('morning: a session that ends says «Сеанс истёк» on the login form', async () => {
    await page.context().clearCookies();
    await page.getByRole('heading', { name: 'Вход' }).waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.login-card .notice').textContent(), /Сеанс истёк/);
    await shot('49-morning-session-expired');
  });
}
