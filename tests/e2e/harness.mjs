// The harness of the admin UI's browser test: command-line options, a real
// `robocall serve` on a free loopback port with a temp database and data dir,
// Debian's Chromium driven by playwright-core (never a downloaded browser),
// numbered steps, screenshots, and a deadline. Everything it starts, it stops.

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
    console.error(
      `usage: node ui_test.mjs --robocall BIN --web-dir DIST --source-dir REPO --out DIR (missing --${name})`,
    );
    process.exit(2);
  }
}
const sourceDir = path.resolve(opts['source-dir']);
export const outDir = path.resolve(opts.out);
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const { chromium } = createRequire(path.join(sourceDir, 'web', 'package.json'))('playwright-core');
export const workbookPy = path.join(sourceDir, 'tests', 'e2e', 'workbook.py');
export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'robocall-e2e-'));
// The server's database file (steps may seed it with the sqlite3 CLI).
export const dbFile = path.join(tmp, 'robocall.db');

let server = null;
let output = ''; // what the server printed
let context = null;
// The browser tab every step drives (a live binding for the step modules).
export let page = null;
const pageErrors = [];

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

// Starts `robocall serve` with a user made by `robocall user add`; resolves
// to the base URL once the API answers.
export async function startServer(login, password) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = dbFile;
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  const log = fs.createWriteStream(path.join(outDir, 'server.log'));
  const robocall = path.resolve(opts.robocall);
  execFileSync(robocall, ['user', 'add', login, '--db', db], {
    input: `${password}\n`,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const args = ['serve', '--db', db, '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`];
  server = spawn(robocall, [...args, '--web-dir', path.resolve(opts['web-dir'])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream.on('data', (chunk) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const until = Date.now() + 30_000;
  for (;;) {
    if (exited(server)) assert.fail(`robocall serve exited (${server.exitCode ?? server.signalCode}):\n${output}`);
    const status = await fetch(`${base}/api/me`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) return base;
    if (Date.now() > until) assert.fail(`robocall serve did not answer within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// fakeAudioCapture: a WAV that Chromium's fake microphone plays in a loop,
// getUserMedia granted without asking (the «Голос» page's recording).
export async function launchBrowser({ fakeAudioCapture = '' } = {}) {
  const fakeMedia = fakeAudioCapture
    ? [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${fakeAudioCapture}`,
      ]
    : [];
  context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: kChromium,
    headless: true,
    args: [...kChromiumArgs, ...fakeMedia],
    viewport: { width: 1366, height: 768 },
    locale: 'ru-RU',
    acceptDownloads: true,
    permissions: fakeAudioCapture ? ['microphone'] : [],
  });
  context.setDefaultTimeout(20_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(String(error)));
}

export function assertNoPageErrors() {
  assert.deepEqual(pageErrors, [], 'no script errors in the page');
}

// Runs the test body under the deadline; reports, cleans up, sets the exit code.
export async function run(body) {
  const deadline = setTimeout(async () => {
    console.error(`FAIL: the test did not finish within ${kDeadlineMs / 1000} s`);
    if (page) await page.screenshot({ path: path.join(outDir, 'timeout.png'), fullPage: true }).catch(() => {});
    await cleanup();
    process.exit(1);
  }, kDeadlineMs);
  try {
    await body();
    console.log(`all ${stepNo} steps passed; screenshots in ${outDir}:`);
    for (const name of fs
      .readdirSync(outDir)
      .filter((f) => f.endsWith('.png'))
      .sort())
      console.log(`  ${name}`);
  } catch (error) {
    console.error(`FAIL in step ${stepNo}: ${error.stack ?? error}`);
    if (server && exited(server)) {
      console.error(
        `robocall serve had ended (${server.exitCode ?? server.signalCode}); it printed:\n${output.slice(-4000)}`,
      );
    }
    if (page) await page.screenshot({ path: path.join(outDir, 'failure.png'), fullPage: true }).catch(() => {});
    process.exitCode = 1;
  }
  await cleanup();
  clearTimeout(deadline);
}

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

export const pad = (n) => String(n).padStart(2, '0');
export const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const ruDate = (d) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
export const localDateTime = (d) => `${isoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
export function daysFromNow(days, hour, minute) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hour, minute, 0, 0);
  return d;
}

export async function shot(name) {
  await page.screenshot({
    path: path.join(outDir, `${name}.png`),
    fullPage: true,
  });
}

let stepNo = 0;
export async function step(name, fn) {
  stepNo += 1;
  const started = Date.now();
  await fn();
  console.log(`ok ${stepNo} - ${name} (${Date.now() - started} ms)`);
}

const taskTable = 'table[aria-label="Задания"]';
export async function tableRows() {
  await page.waitForSelector(`${taskTable}:not([aria-busy])`);
  return page.$$eval(`${taskTable} tbody tr[data-id]`, (rows) =>
    rows.map((r) => ({
      id: Number(r.getAttribute('data-id')),
      name: r.querySelector('[data-name]').textContent,
      phone: r.querySelector('[data-phone]').getAttribute('data-phone'),
      appointment: r.querySelector('[data-appointment]').getAttribute('data-appointment'),
      status: r.querySelector('[data-status]').getAttribute('data-status'),
    })),
  );
}

export function block(id) {
  return page.locator(`[data-block="${id}"]`);
}

export async function saveBlock(id) {
  const b = block(id);
  await b.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await b.locator('.notice-ok, .notice-error').first().waitFor();
  const error = await b.locator('.notice-error').count();
  if (error) assert.fail(`saving block ${id}: ${await b.locator('.notice-error').first().textContent()}`);
  assert.match(await b.locator('.notice-ok').first().textContent(), /^Сохранено в \d\d:\d\d:\d\d\.$/);
}

// The answer to the next window.confirm, accepted or not; resolves to its text.
export function answerNextQuestion(accept) {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      (accept ? dialog.accept() : dialog.dismiss()).catch(() => {});
    });
  });
}

// Whether a reload or closing the tab would ask first (the page's beforeunload handler).
export function reloadWouldAsk() {
  return page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}
