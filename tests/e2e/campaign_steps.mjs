// The campaigns of the browser test (docs/BEHAVIOUR.md "Campaigns"): a
// campaign made by an upload with its own name, renamed and paused on the
// «Кампании» page, the task list filtered by it, the export with the filter,
// and its deletion after a confirmation that counts what goes.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { daysFromNow, outDir, pad, page, ruDate, shot, step, tableRows, tmp, workbookPy } from './harness.mjs';

const kPatients = [
  ['9020000011', 'Ёлкина Анна Сергеевна', daysFromNow(2, 10, 0)],
  ['9020000012', 'Ершов Борис Ильич', daysFromNow(2, 11, 30)],
  ['9020000013', 'Юдина Вера Петровна', daysFromNow(3, 9, 15)],
];

function campaignRow(id) {
  return page.locator(`tr[data-campaign="${id}"]`);
}

export async function campaignSteps(base) {
  let id = 0;
  await step('an upload with «Название кампании» makes that campaign and links to it', async () => {
    const spec = path.join(tmp, 'campaign.json');
    const xlsx = path.join(tmp, 'campaign.xlsx');
    const rows = kPatients.map(([phone, name, at]) => [
      phone,
      name,
      `${ruDate(at)} ${pad(at.getHours())}:${pad(at.getMinutes())}`,
      '01.02.1970',
    ]);
    fs.writeFileSync(spec, JSON.stringify([['Телефон', 'ФИО', 'Дата приёма', 'Дата рождения'], ...rows]));
    execFileSync('/usr/bin/python3', [workbookPy, 'write', xlsx, spec]);
    await page.getByRole('link', { name: 'Загрузка заданий' }).click();
    await page.getByLabel('Название кампании').fill('Кампания e2e');
    await page.setInputFiles('#tasks-file', xlsx);
    const link = page.locator('div[data-campaign] a').first();
    await link.waitFor();
    assert.equal(await link.textContent(), 'Кампания e2e');
    id = Number(await page.locator('div[data-campaign]').getAttribute('data-campaign'));
    assert.ok(id > 0);
    await shot('30-upload-campaign');
  });

  await step('«Кампании» lists it with its patients and progress, newest first', async () => {
    await page.getByRole('link', { name: 'Кампании', exact: true }).click();
    await page.getByRole('heading', { name: 'Кампании' }).waitFor();
    const row = campaignRow(id);
    await row.waitFor();
    const ids = await page
      .locator('tr[data-campaign]')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-campaign'))));
    assert.equal(ids[0], id, 'the newest campaign comes first');
    assert.ok(ids.length >= 3, 'the earlier uploads are campaigns too');
    assert.equal(await row.locator('[data-name]').textContent(), 'Кампания e2e');
    assert.equal(await row.locator('[data-count="total"]').textContent(), 'Всего: 3');
    assert.match(await row.locator('[data-count="unknown"]').textContent(), /Неизвестно 3/);
    assert.equal(await row.locator('[data-progress]').getAttribute('data-progress'), '0');
    const api = await page.request.get(`${base}/api/campaigns`).then((r) => r.json());
    const mine = api.campaigns.find((c) => c.id === id);
    assert.deepEqual(
      [mine.counts.total, mine.counts.confirmed, mine.counts.cancelled, mine.counts.unknown, mine.counts.final],
      [3, 0, 0, 3, 0],
    );
    await shot('31-campaigns');
  });

  await step('a campaign is renamed and paused, and the page shows it', async () => {
    const row = campaignRow(id);
    page.once('dialog', (dialog) => dialog.accept('Терапия, e2e'));
    await row.locator('[data-action="rename"]').click();
    await page.locator('.notice-ok').waitFor();
    await row.locator('[data-name]', { hasText: 'Терапия, e2e' }).waitFor();
    await row.locator('[data-action="pause"]').click();
    await page.locator(`tr[data-campaign="${id}"] td[data-state="paused"]`).waitFor();
    assert.match(await row.textContent(), /На паузе/);
    assert.equal(await row.locator('[data-action="resume"]').count(), 1);
    await shot('32-campaign-paused');
  });

  const from = daysFromNow(1, 0, 0);
  const to = daysFromNow(20, 0, 0);
  await step('the task list filters by campaign', async () => {
    await page.getByRole('link', { name: 'Список заданий' }).click();
    await page.locator('select[name="campaign"]').selectOption(String(id));
    await page.fill('input[name="from"]', ruDate(from));
    await page.fill('input[name="to"]', ruDate(to));
    await page.fill('input[name="q"]', '');
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('table[aria-label="Задания"] tbody tr[data-id]').length === n,
      kPatients.length,
    );
    const rows = await tableRows();
    assert.deepEqual(rows.map((r) => r.phone).sort(), kPatients.map(([phone]) => phone).sort());
    assert.match(page.url(), new RegExp(`campaign=${id}`));
    await shot('33-tasks-by-campaign');
  });

  await step('the export takes the campaign filter', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Выгрузить статистику' }).click(),
    ]);
    const saved = path.join(outDir, 'export-campaign.xlsx');
    await download.saveAs(saved);
    const book = JSON.parse(execFileSync('/usr/bin/python3', [workbookPy, 'read', saved], { encoding: 'utf8' }));
    const [, ...rows] = book.rows;
    assert.equal(rows.length, kPatients.length);
    assert.deepEqual(rows.map((r) => r[1]).sort(), kPatients.map(([, name]) => name).sort());
    await page.locator('.notice-ok').waitFor();
  });

  await step('deleting a campaign asks first, counting its patients and recordings', async () => {
    await page.getByRole('link', { name: 'Кампании', exact: true }).click();
    const row = campaignRow(id);
    await row.waitFor();
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      return dialog.accept();
    });
    await row.locator('[data-action="delete"]').click();
    await page.locator('.notice-ok').waitFor();
    assert.match(question, /«Терапия, e2e».*3 пациента.*0 записей/s);
    await page.waitForFunction((c) => !document.querySelector(`tr[data-campaign="${c}"]`), id);
    const tasks = await page.request.get(`${base}/api/tasks?campaign=${id}`).then((r) => r.json());
    assert.equal(tasks.total, 0);
    await shot('34-campaign-deleted');
  });
}
