// The upload page's report in the browser test: a list without a header row,
// the remark on a phone brought to ten digits, and a second upload of the
// same list skipped as already loaded, with the Russian reason.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { daysFromNow, pad, page, ruDate, shot, step, tmp, workbookPy } from './harness.mjs';

export async function importReportSteps() {
  const when = daysFromNow(20, 10, 0);
  const at = `${ruDate(when)} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
  // No header row: the columns are read in order (docs/BEHAVIOUR.md "Import").
  const sheet = [
    ['+7 (901) 000-00-01', 'Носков Олег Ильич', at, '14.03.1961'],
    ['9010000002', 'Орлова Полина Ивановна', at, '02.07.1975'],
  ];
  const spec = path.join(tmp, 'no-header.json');
  const xlsx = path.join(tmp, 'Без заголовков.xlsx');
  fs.writeFileSync(spec, JSON.stringify(sheet));
  execFileSync('/usr/bin/python3', [workbookPy, 'write', xlsx, spec]);

  await step('a list without a header row loads, and the report shows the normalised phone', async () => {
    await page.getByRole('link', { name: 'Загрузка заданий' }).click();
    await page.getByRole('heading', { name: 'Загрузка заданий' }).waitFor();
    const hint = await page.locator('.dropzone').textContent();
    assert.match(
      hint,
      /Без строки заголовков столбцы читаются по порядку: телефон, ФИО, дата и время приёма, дата рождения/,
    );
    assert.doesNotMatch(hint, /Первая строка — заголовки столбцов/);
    await page.setInputFiles('#tasks-file', xlsx);
    const report = page.locator('[data-report]');
    await report.waitFor();
    const figures = await report.locator('.counter .value').allTextContents();
    assert.deepEqual(figures, ['2', '2', '0', '1'], 'read, created, skipped, with remarks');
    const notes = report.locator('table[aria-label="Замечания к созданным заданиям"] tbody tr');
    assert.equal(await notes.count(), 1);
    assert.equal(await notes.first().getAttribute('data-note-row'), '1');
    assert.match(await notes.first().textContent(), /приведён к виду 9010000001/);
    await shot('30-upload-notes');
  });

  await step('the same list again is skipped row by row as already loaded, in Russian', async () => {
    await page.setInputFiles('#tasks-file', xlsx);
    const report = page.locator('[data-report]');
    await report.locator('[data-reason="already_loaded"]').waitFor();
    assert.match(await report.locator('[data-reason="already_loaded"]').textContent(), /^Уже загружено раньше: 2$/);
    const reasons = await report.locator('tbody tr[data-row] td:nth-child(2)').allTextContents();
    assert.deepEqual(reasons, ['Уже загружено раньше', 'Уже загружено раньше']);
    await shot('31-upload-already-loaded');
  });
}
