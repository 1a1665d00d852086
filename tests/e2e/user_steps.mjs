// The administrators' screens of the browser test (docs/SECURITY.md "Users
// and roles", "Audit"): «Пользователи» adds a Регистратор and an API token;
// the registrar changes the initial password at the first login and sees
// neither the settings nor the administration; «Журнал» lists what happened.
// Starts logged in as an administrator; ends logged in as one.

import assert from 'node:assert/strict';
import { page, shot, step } from './harness.mjs';

const regLogin = 'reg-e2e';
const regInitial = 'Временный-пароль-1';
const regOwn = 'Свой-пароль-регистратора-2';

async function logInAs(login, password) {
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

async function logOut() {
  await page.getByRole('button', { name: 'Выход' }).click();
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
}

export async function userSteps(base, adminLogin, adminPassword) {
  await step('Пользователи: an administrator adds a Регистратор', async () => {
    await page.getByRole('link', { name: 'Пользователи' }).click();
    await page.getByRole('heading', { name: 'Пользователи', level: 1 }).waitFor();
    const form = page.locator('[data-block="user-add"]');
    await form.getByLabel('Логин').fill(regLogin);
    await form.getByLabel('Роль', { exact: true }).selectOption('registrar');
    await form.getByLabel('Начальный пароль').fill(regInitial);
    await form.getByRole('button', { name: 'Добавить' }).click();
    await form.locator('.notice-ok').waitFor();
    const row = page.locator(`tr[data-user="${regLogin}"]`);
    await row.waitFor();
    assert.equal(await row.locator('select').inputValue(), 'registrar');
    assert.match(await row.textContent(), /Должен сменить пароль/);
    await shot('20-users');
  });

  await step('Пользователи: an API token is shown once, listed and revoked', async () => {
    const form = page.locator('[data-block="token-add"]');
    await form.getByLabel('Имя').fill('mis-e2e');
    await form.getByLabel('Срок действия, дней').fill('30');
    await form.getByRole('button', { name: 'Создать' }).click();
    await form.locator('.notice-ok').waitFor();
    const token = (await form.locator('output').textContent()) ?? '';
    assert.match(token, /^[0-9a-f]{64}$/);
    const ok = await page.request.get(`${base}/api/v1/tasks`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(ok.status(), 200);
    const row = page.locator('tr[data-token="mis-e2e"]');
    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Отозвать' }).click();
    await row.getByText('Отозван').waitFor();
    const refused = await page.request.get(`${base}/api/v1/tasks`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(refused.status(), 401);
    await shot('21-tokens');
  });

  await step('the Регистратор changes the initial password and does not see the settings', async () => {
    await logOut();
    await logInAs(regLogin, regInitial);
    await page.getByRole('heading', { name: 'Смена пароля' }).waitFor();
    await shot('22-password-change');
    await page.getByLabel('Текущий пароль').fill(regInitial);
    await page.getByLabel('Новый пароль', { exact: true }).fill(regOwn);
    await page.getByLabel('Новый пароль ещё раз').fill(regOwn);
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByRole('heading', { name: 'Список заданий' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Главное меню' });
    await nav.getByRole('link', { name: 'Загрузка заданий' }).waitFor();
    for (const hidden of ['RoboCall', 'SIP', 'Пользователи', 'Журнал']) {
      assert.equal(await nav.getByRole('link', { name: hidden, exact: true }).count(), 0, hidden);
    }
    assert.match(await nav.textContent(), /Регистратор/);
    await shot('23-registrar');
    await page.goto(`${base}/settings/sip`);
    await page.getByRole('heading', { name: 'Список заданий' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/tasks');
    const denied = await page.evaluate(() => fetch('/api/settings/robocall').then((r) => r.status));
    assert.equal(denied, 403);
  });

  await step('Журнал lists the new user, their login and the refusal', async () => {
    await logOut();
    await logInAs(adminLogin, adminPassword);
    await page.getByRole('heading', { name: 'Список заданий' }).waitFor();
    await page.getByRole('link', { name: 'Журнал' }).click();
    await page.getByRole('heading', { name: 'Журнал', level: 1 }).waitFor();
    const table = page.locator('table[aria-label="Журнал"]');
    await table.locator('tr[data-action="user.create"]').first().waitFor();
    assert.match(await table.locator('tr[data-action="user.create"]').first().textContent(), new RegExp(regLogin));
    await page.getByLabel('Пользователь').fill(regLogin);
    await page.getByRole('button', { name: 'Показать', exact: true }).click();
    await table.locator('tr[data-action="access.denied"]').first().waitFor();
    const actors = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(actors.length > 0 && actors.every((a) => a === regLogin), actors.join(', '));
    await table.locator('tr[data-action="auth.login"]').first().waitFor();
    await shot('24-audit');
  });
}
