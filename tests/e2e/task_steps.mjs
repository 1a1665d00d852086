// The task screens of the browser test: login, upload, the list (sorting,
// date range, search), the XLSX export and a task's details.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  daysFromNow,
  isoDate,
  localDateTime,
  outDir,
  pad,
  page,
  ruDate,
  shot,
  step,
  tableRows,
  tmp,
  workbookPy,
} from './harness.mjs';

const taskTable = 'table[aria-label="Задания"]';

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
  ...valid.map((t) => [
    t.phone,
    t.name,
    `${ruDate(t.appointment)} ${pad(t.appointment.getHours())}:${pad(t.appointment.getMinutes())}`,
    birth,
  ]),
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

export async function taskSteps(base, login, password) {
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
    assert.match(
      await page.locator('.strip').textContent(),
      /Обзвон: (работает|остановлен|вне рабочего времени|приостановлен)/,
    );
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
      rows.map((r) => ({
        row: Number(r.getAttribute('data-row')),
        reason: r.cells[1].textContent,
      })),
    );
    assert.deepEqual(
      skipped.map((s) => s.row),
      kSkipped.map((s) => s.row),
    );
    const reasons = await report
      .locator('[data-reason]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-reason')).sort());
    assert.deepEqual(reasons, kSkipped.map((s) => s.reason).sort());
    assert.equal(await page.locator('progress').evaluate((p) => p.value), 100);
    await shot('04-upload-report');
  });

  let all = [];
  await step('the list shows every created task, id descending by default', async () => {
    await page.getByRole('link', { name: 'Список заданий' }).click();
    // A bare /tasks shows today's and tomorrow's appointments; these are later.
    await tableRows();
    await page.getByRole('button', { name: 'Все даты' }).click();
    all = await tableRows();
    assert.equal(all.length, valid.length);
    const ids = all.map((r) => r.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
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
    const keys = {
      id: (r) => r.id,
      name: (r) => r.name,
      appointment: (r) => r.appointment,
      status: (r) => r.status,
    };
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
          assert.ok(
            sign * cmp(value(rows[i - 1]), value(rows[i])) <= 0,
            `${key} ${order}: ${value(rows[i - 1])} then ${value(rows[i])}`,
          );
        }
        if (click === 1) await shot(`06-tasks-sorted-by-${key}-${order}`);
      }
    }
  });

  const from = daysFromNow(3, 0, 0);
  const to = daysFromNow(6, 0, 0);
  let filtered = [];
  await step('the date range filter shows only appointments inside it', async () => {
    await page.fill('input[name="from"]', '31.02.2026');
    await page.getByRole('button', { name: 'Применить' }).click();
    assert.match(await page.locator('.notice-error').textContent(), /ДД\.ММ\.ГГГГ/);
    await page.fill('input[name="from"]', ruDate(from));
    await page.fill('input[name="to"]', ruDate(to));
    await page.getByRole('button', { name: 'Применить' }).click();
    filtered = await tableRows();
    const expected = valid.filter(
      (t) => isoDate(t.appointment) >= isoDate(from) && isoDate(t.appointment) <= isoDate(to),
    );
    assert.ok(expected.length > 0 && expected.length < valid.length);
    assert.deepEqual(filtered.map((r) => r.phone).sort(), expected.map((t) => t.phone).sort());
    assert.match(await page.locator('.pager').textContent(), new RegExp(`из ${expected.length}`));
    await shot('07-tasks-date-range');
  });

  await step('search narrows the list by name and by phone', async () => {
    await page.fill('input[name="q"]', 'козлов');
    await page.getByRole('button', { name: 'Применить' }).click();
    const byName = await tableRows();
    assert.deepEqual(
      byName.map((r) => r.name),
      valid
        .filter(
          (t) =>
            t.name.startsWith('Козлов') &&
            isoDate(t.appointment) >= isoDate(from) &&
            isoDate(t.appointment) <= isoDate(to),
        )
        .map((t) => t.name),
    );
    const target = filtered[filtered.length - 1];
    await page.fill('input[name="q"]', target.phone);
    await page.getByRole('button', { name: 'Применить' }).click();
    assert.deepEqual(
      (await tableRows()).map((r) => r.id),
      [target.id],
    );
    await page.fill('input[name="q"]', '');
    await page.getByRole('button', { name: 'Применить' }).click();
    assert.equal((await tableRows()).length, filtered.length);
  });

  await step('«Выгрузить статистику» downloads the rows shown', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Выгрузить статистику' }).click(),
    ]);
    const compact = (d) => isoDate(d).replaceAll('-', '');
    assert.equal(download.suggestedFilename(), `Задания за ${compact(from)}-${compact(to)}.xlsx`);
    const saved = path.join(outDir, 'export.xlsx');
    await download.saveAs(saved);
    const book = JSON.parse(
      execFileSync('/usr/bin/python3', [workbookPy, 'read', saved], {
        encoding: 'utf8',
      }),
    );
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
    assert.match(text, /Использовано попыток0 из \d/);
    assert.match(text, /ЗвонкиЖдёт звонка/);
    assert.doesNotMatch(text, /Состояние/);
    assert.match(text, /14\.03\.1961/);
    assert.match(await page.locator('main').textContent(), /Звонков по этому заданию ещё не было/);
    await shot('08-task-details');
    await page.getByRole('link', { name: '← К списку заданий' }).click();
    assert.equal((await tableRows()).length, filtered.length, 'the list keeps its filter');
  });

  await step('a longer list pages with the chosen page size', async () => {
    const extra = Array.from({ length: 30 }, (_, i) => {
      const when = daysFromNow(11 + (i % 2), 9, i);
      return [`90100000${pad(i + 10)}`, `Ширяев Пациент ${pad(i)}`, `${ruDate(when)} 09:${pad(i)}`, birth];
    });
    const spec = path.join(tmp, 'more.json');
    const xlsx = path.join(tmp, 'more.xlsx');
    fs.writeFileSync(spec, JSON.stringify([sheet[0], ...extra]));
    execFileSync('/usr/bin/python3', [workbookPy, 'write', xlsx, spec]);
    await page.getByRole('link', { name: 'Загрузка заданий' }).click();
    await page.setInputFiles('#tasks-file', xlsx);
    await page.locator('[data-report]').waitFor();
    await page.getByRole('link', { name: 'Список заданий' }).click();
    await tableRows();
    await page.getByRole('button', { name: 'Все даты' }).click();
    const total = valid.length + extra.length;
    assert.equal((await tableRows()).length, total);
    await page.locator('select[name="size"]').selectOption('25');
    const first = await tableRows();
    assert.equal(first.length, 25);
    assert.match(await page.locator('.pager').textContent(), new RegExp(`Показано 1–25 из ${total}`));
    await page.getByRole('button', { name: 'Вперёд →' }).click();
    const second = await tableRows();
    assert.equal(second.length, total - 25);
    assert.ok(await page.getByRole('button', { name: 'Вперёд →' }).isDisabled());
    const ids = [...first, ...second].map((r) => r.id);
    assert.equal(new Set(ids).size, total, 'the pages do not overlap');
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
      'the pages continue the id-descending order',
    );
    await shot('09-tasks-page-2');
  });
}
