// «Статистика» in the browser test (docs/BEHAVIOUR.md "Statistics"): every
// bar of the chart by day and of the answer rate by hour carries the API's
// number for its day, outcome and hour; the figures, the campaign filter and
// a backwards range. Starts and ends logged in as an administrator.
//
// Attempts come only from real calls, which need a SIP peer (the SIPp test
// full_flow_e2e makes them); this test has none, so it writes finished
// attempts of three days into the server's database with the sqlite3 CLI
// (Debian's sqlite3, in WAL mode beside the running server), the rows a
// call would leave, and reads them back through the API and the page only.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dbFile, page, shot, step } from './harness.mjs';

const kCampaign = 'Статистика e2e';

// [task, days ago, hour, minute, second, outcome, answered]; task 4 is in no campaign.
const kCalls = [
  [1, 1, 9, 5, 0, 'no_answer', false],
  [1, 1, 11, 0, 0, 'busy', false],
  [1, 1, 11, 40, 0, 'confirmed', true],
  [2, 2, 10, 0, 0, 'unavailable', false],
  [2, 2, 10, 30, 0, 'no_input', true],
  [2, 2, 23, 59, 59, 'cancelled', true],
  [3, 3, 0, 0, 0, 'failed', false],
  [3, 3, 14, 0, 0, 'interrupted', true],
  [3, 1, 14, 20, 0, 'config_error', false],
  [4, 1, 9, 30, 0, 'no_answer', false],
];

function sql(text) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', dbFile, text], { encoding: 'utf8' }).trim();
}

function seed() {
  const now = Math.floor(Date.now() / 1000);
  const appointment = now + 7 * 86400;
  const campaign = `(SELECT max(id) FROM campaigns WHERE name = '${kCampaign}')`;
  const tasks = [1, 2, 3, 4].map(
    (n) =>
      `INSERT INTO tasks(phone, full_name, appointment, birth_date, state, attempts, campaign_id,` +
      ` created_at, updated_at) VALUES ('916000000${n}', 'Статистика Пациент ${n}', ${appointment},` +
      ` '1980-01-01', 'exhausted', 3, ${n === 4 ? 'NULL' : campaign}, ${now}, ${now});` +
      ` INSERT INTO temp.ids VALUES (${n}, last_insert_rowid());`,
  );
  const attempts = kCalls.map(([task, ago, hour, minute, second, outcome, answered], i) => {
    const d = new Date();
    d.setDate(d.getDate() - ago);
    d.setHours(hour, minute, second, 0);
    const started = Math.floor(d.getTime() / 1000);
    return (
      `INSERT INTO attempts(task_id, number, started_at, answered_at, ended_at, outcome)` +
      ` VALUES ((SELECT id FROM temp.ids WHERE n = ${task}), ${i + 1}, ${started},` +
      ` ${answered ? started + 5 : 'NULL'}, ${started + 30}, '${outcome}');`
    );
  });
  sql(
    [
      'CREATE TEMP TABLE ids(n INTEGER PRIMARY KEY, id INTEGER);',
      'BEGIN;',
      `INSERT INTO campaigns(name, source, created_at, created_by, updated_at)` +
        ` VALUES ('${kCampaign}', 'api', ${now}, 'e2e', ${now});`,
      ...tasks,
      ...attempts,
      'COMMIT;',
    ].join('\n'),
  );
  return Number(sql(`SELECT max(id) FROM campaigns WHERE name = '${kCampaign}'`));
}

// The statistics the page shows, read again from the API with its range.
async function apiNumbers(base) {
  const shown = new URL(page.url()).searchParams;
  const response = await page.request.get(`${base}/api/statistics?${shown.toString()}`);
  assert.equal(response.status(), 200);
  return response.json();
}

async function openPage(search) {
  const link = page.getByRole('navigation', { name: 'Главное меню' }).getByRole('link', { name: 'Статистика' });
  if (search) await page.goto(`${new URL(page.url()).origin}/statistics?${search}`);
  else await link.click();
  await page.getByRole('heading', { name: 'Статистика', level: 1 }).waitFor();
  await page.locator('svg.chart rect[data-hour="23"]').waitFor();
}

const total = async (key) => (await page.locator(`[data-total="${key}"] .value`).textContent()) ?? '';

export async function statisticsSteps(base) {
  let campaign = 0;
  await step('Статистика: attempts of three days are written into the database', async () => {
    campaign = seed();
    assert.ok(campaign > 0);
  });

  await step('Статистика: every bar by day carries the API number of its day and outcome', async () => {
    await openPage('');
    const api = await apiNumbers(base);
    assert.equal(api.totals.calls, kCalls.length);
    assert.equal(api.totals.patients, 4);
    assert.equal(api.days.length, 7);
    const bars = await page.$$eval('svg.chart rect[data-day]', (rects) =>
      rects.map((r) => [r.getAttribute('data-day'), r.getAttribute('data-series'), r.getAttribute('data-value')]),
    );
    const outcomes = Object.keys(api.totals.outcomes);
    assert.equal(bars.length, api.days.length * outcomes.length, 'a bar for every day and outcome');
    for (const [day, series, value] of bars) {
      const d = api.days.find((x) => x.date === day);
      assert.ok(d, `day ${day} is in the API's answer`);
      assert.equal(Number(value), d.outcomes[series], `${day} ${series}`);
    }
    assert.ok(
      bars.some(([, , value]) => Number(value) > 0),
      'the seeded calls show',
    );
    assert.equal(await total('calls'), String(api.totals.calls));
    assert.equal(await total('patients'), String(api.totals.patients));
    assert.equal(await total('confirmed'), String(api.totals.outcomes.confirmed));
    await shot('30-statistics');
  });

  await step('Статистика: every hour bar carries the API calls, answered calls and answer rate', async () => {
    const api = await apiNumbers(base);
    const bars = await page.$$eval('svg.chart rect[data-hour]', (rects) =>
      rects.map((r) => ({
        hour: Number(r.getAttribute('data-hour')),
        value: Number(r.getAttribute('data-value')),
        calls: Number(r.getAttribute('data-calls')),
        answered: Number(r.getAttribute('data-answered')),
        title: r.querySelector('title')?.textContent ?? '',
      })),
    );
    assert.equal(bars.length, 24);
    for (const bar of bars) {
      const h = api.hours[bar.hour];
      assert.equal(bar.calls, h.calls, `hour ${bar.hour} calls`);
      assert.equal(bar.answered, h.answered, `hour ${bar.hour} answered`);
      assert.equal(bar.value, h.calls ? Math.round((100 * h.answered) / h.calls) : 0, `hour ${bar.hour} rate`);
    }
    assert.equal(api.hours[10].calls, 2);
    assert.equal(api.hours[10].answered, 1);
    assert.match(bars[10].title, /50%/);
  });

  await step('Статистика: a campaign counts only its own calls', async () => {
    await openPage(`campaign=${campaign}`);
    const api = await apiNumbers(base);
    assert.equal(api.campaign, campaign);
    assert.equal(api.totals.calls, kCalls.length - 1);
    assert.equal(await total('calls'), String(kCalls.length - 1));
    assert.equal(await page.getByLabel('Кампания').inputValue(), String(campaign));
  });

  await step('Статистика: a range that ends before it starts is refused in Russian', async () => {
    await page.getByLabel('С', { exact: true }).fill('10.03.2026');
    await page.getByLabel('По', { exact: true }).fill('01.03.2026');
    await page.getByRole('button', { name: 'Показать' }).click();
    const error = page.locator('.notice-error');
    await error.waitFor();
    assert.equal(await error.textContent(), 'Дата начала периода позже даты его окончания');
    assert.equal(await page.locator('svg.chart').count(), 0);
  });
}
