// The SIP settings steps of the browser test: hints on the form, two
// accounts and the default flag, moved only after a question naming both;
// the write-only password, edit and delete; the caller ID must be a number;
// registration, outbound proxy and NAT fields with the registration state.

import assert from "node:assert/strict";
import {
  answerNextQuestion,
  block,
  page,
  reloadWouldAsk,
  shot,
  step,
} from "./harness.mjs";

export async function sipSteps(base) {
  const accountRow = (name) =>
    page.locator("tr[data-account]", { hasText: name });
  // Adds an account; taking the default from another one is asked first,
  // and the question is returned.
  async function addAccount(fields, makeDefault) {
    await page
      .getByRole("button", { name: "+ Добавить учётную запись" })
      .click();
    const form = block("sip-form");
    for (const [label, value] of Object.entries(fields))
      await form.getByLabel(label, { exact: true }).fill(value);
    if (makeDefault)
      await form
        .getByLabel("По умолчанию — звонить через эту учётную запись")
        .check();
    const question = makeDefault
      ? answerNextQuestion(true)
      : Promise.resolve("");
    await form.getByRole("button", { name: "Сохранить" }).click();
    await accountRow(fields["Название *"]).waitFor();
    return question;
  }
  async function defaults() {
    return page
      .locator("tr[data-account]")
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.cells[1].firstChild.textContent,
          r.getAttribute("data-default"),
        ]),
      );
  }

  await step(
    "SIP: two accounts, the default flag moves and stays on one",
    async () => {
      await page.getByRole("link", { name: "SIP" }).click();
      await page.getByRole("heading", { name: "Настройки SIP" }).waitFor();
      await page.locator(".empty").waitFor();
      await page
        .getByRole("button", { name: "+ Добавить учётную запись" })
        .click();
      for (const [label, hint] of [
        ["Номер для определителя", /увидит на экране телефона/],
        ["From user", /заголовке From/],
        ["From host", /заголовке From/],
        ["Исходящий прокси", /адрес вызова останется адресом сервера/],
        ["Внешний адрес (NAT)", /за NAT/],
        ["Срок регистрации, с", /60–86400/],
        ["Транспорт", /TLS не поддерживается/],
      ]) {
        const input = block("sip-form").getByLabel(label, { exact: true });
        const hintId = await input.getAttribute("aria-describedby");
        assert.match(
          await page.locator(`[id="${hintId}"]`).textContent(),
          hint,
          `${label} has a hint`,
        );
      }
      await shot("11a-settings-sip-form");
      await block("sip-form").getByRole("button", { name: "Отмена" }).click();
      await addAccount(
        {
          "Название *": "Основной",
          "Имя пользователя *": "clinic",
          Пароль: "secret-1",
          "Адрес сервера *": "127.0.0.1:5060",
          Префикс: "8",
        },
        false,
      );
      assert.deepEqual(
        await defaults(),
        [["Основной", "true"]],
        "the first account becomes the default",
      );
      const formQuestion = await addAccount(
        {
          "Название *": "Резервный",
          "Имя пользователя *": "backup",
          Пароль: "secret-2",
          "Адрес сервера *": "127.0.0.1:5070",
        },
        true,
      );
      assert.match(
        formQuestion,
        /«Резервный» вместо «Основной»/,
        "the form asks naming both accounts",
      );
      assert.deepEqual(await defaults(), [
        ["Основной", "false"],
        ["Резервный", "true"],
      ]);
      const refused = answerNextQuestion(false);
      await accountRow("Основной").getByRole("radio").click();
      assert.match(
        await refused,
        /«Основной» вместо «Резервный»/,
        "the table asks naming both accounts",
      );
      await page
        .locator('tr[data-account][data-default="true"]', {
          hasText: "Резервный",
        })
        .waitFor();
      assert.ok(
        await accountRow("Резервный").getByRole("radio").isChecked(),
        "a refused question changes nothing",
      );
      const accepted = answerNextQuestion(true);
      await accountRow("Основной").getByRole("radio").check();
      await accepted;
      await page
        .locator('tr[data-account][data-default="true"]', {
          hasText: "Основной",
        })
        .waitFor();
      assert.deepEqual(await defaults(), [
        ["Основной", "true"],
        ["Резервный", "false"],
      ]);
      await page.reload();
      await page.locator("tr[data-account]").nth(1).waitFor();
      assert.deepEqual(await defaults(), [
        ["Основной", "true"],
        ["Резервный", "false"],
      ]);
    },
  );

  await step(
    "SIP: the password is write-only; edit and delete work",
    async () => {
      await accountRow("Резервный")
        .getByRole("button", { name: "Изменить" })
        .click();
      const form = block("sip-form");
      const pass = form.getByLabel("Пароль", { exact: true });
      assert.equal(await pass.inputValue(), "");
      assert.equal(await pass.getAttribute("placeholder"), "не изменён");
      await form
        .getByLabel("Номер для определителя", { exact: true })
        .fill("Poliklinika");
      await form.getByRole("button", { name: "Сохранить" }).click();
      await form
        .getByText(
          /Номер для определителя «Poliklinika» не похож на номер телефона/,
        )
        .waitFor();
      await form
        .getByLabel("Номер для определителя", { exact: true })
        .fill("+7 495 123-45-67");
      await form.getByRole("button", { name: "Сохранить" }).click();
      await accountRow("Резервный")
        .filter({ hasText: "+7 495 123-45-67" })
        .waitFor();
      const listed = await page.request
        .get(`${base}/api/sip/accounts`)
        .then((r) => r.json());
      assert.ok(
        listed.every((a) => !("password" in a)),
        "no password reaches the browser",
      );
      assert.ok(
        listed.find((a) => a.name === "Резервный").has_password,
        "an edit without a password keeps it",
      );
      assert.equal(
        await accountRow("Резервный")
          .locator("[data-registration]")
          .textContent(),
        "регистрация выкл.",
        "registration off is said so",
      );
      await accountRow("Резервный")
        .getByRole("button", { name: "Изменить" })
        .click();
      const edit = block("sip-form");
      await edit
        .getByLabel("Исходящий прокси", { exact: true })
        .fill("proxy.example.ru:5080");
      await edit.getByLabel("Срок регистрации, с", { exact: true }).fill("30");
      await edit.getByLabel(/^Регистрация/).check();
      await edit.getByRole("button", { name: "Сохранить" }).click();
      await edit
        .getByText(/Срок регистрации — целое число секунд от 60 до 86400/)
        .waitFor();
      await edit.getByLabel("Срок регистрации, с", { exact: true }).fill("900");
      await edit.getByLabel("Транспорт", { exact: true }).selectOption("tcp");
      await edit.getByRole("button", { name: "Сохранить" }).click();
      await edit.waitFor({ state: "detached" });
      const saved = (
        await page.request.get(`${base}/api/sip/accounts`).then((r) => r.json())
      ).find((a) => a.name === "Резервный");
      assert.equal(saved.outbound_proxy, "proxy.example.ru:5080");
      assert.equal(saved.register_enabled, true);
      assert.equal(saved.register_expiry_s, 900);
      assert.equal(saved.transport, "tcp");
      assert.notEqual(
        await accountRow("Резервный")
          .locator("[data-registration]")
          .textContent(),
        "регистрация выкл.",
        "registration on shows its state",
      );
      await shot("11-settings-sip");
      assert.equal(
        await reloadWouldAsk(),
        false,
        "a saved form leaves nothing unsaved",
      );
      await addAccount(
        {
          "Название *": "Лишний",
          "Имя пользователя *": "extra",
          "Адрес сервера *": "127.0.0.1:5080",
        },
        false,
      );
      page.once("dialog", (dialog) => dialog.accept());
      await accountRow("Лишний")
        .getByRole("button", { name: "Удалить" })
        .click();
      await accountRow("Лишний").waitFor({ state: "detached" });
      assert.deepEqual(await defaults(), [
        ["Основной", "true"],
        ["Резервный", "false"],
      ]);
    },
  );
}
