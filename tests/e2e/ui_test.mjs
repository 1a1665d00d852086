// Browser test of the admin UI: a real `robocall serve` on a free loopback
// port with a temp database, Debian's Chromium through playwright-core over
// every screen, a screenshot of each under --out. Bounded in time; stops the
// server and the browser it started.
//
// node ui_test.mjs --robocall BUILD/robocall --web-dir DIST --source-dir REPO --out DIR

import { campaignSteps } from './campaign_steps.mjs';
import { assertNoPageErrors, launchBrowser, run, startServer, step } from './harness.mjs';
import { importReportSteps } from './import_report_steps.mjs';
import { morningSteps } from './morning_steps.mjs';
import { settingsSteps } from './settings_steps.mjs';
import { statisticsSteps } from './statistics_steps.mjs';
import { taskSteps } from './task_steps.mjs';
import { userSteps } from './user_steps.mjs';
import { fakeMicrophoneWav, voiceSteps } from './voice_steps.mjs';

const login = 'admin-e2e';
const password = 'Пароль-для-теста-42';

await run(async () => {
  let base = '';
  await step('the server starts on a free loopback port with a user made by `robocall user add`', async () => {
    base = await startServer(login, password);
  });
  await launchBrowser({ fakeAudioCapture: fakeMicrophoneWav() });
  await taskSteps(base, login, password);
  await campaignSteps(base);
  await voiceSteps();
  await settingsSteps(base, login, password);
  await userSteps(base, login, password);
  await statisticsSteps(base);
  await importReportSteps();
  await morningSteps(login);
  assertNoPageErrors();
});
