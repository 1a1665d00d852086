// «Настройки → Хранение»: how long call recordings and tasks are kept, one
// form with one «Сохранить». UI thread.

import { computed, signal } from '@preact/signals';
import { NumberField, NumberInput, readNumbers, SettingsBlock, snapshot } from '../forms';
import type { Page } from '../router';
import type { RobocallSettings } from '../types';
import { NoticeLine, useNotice, useOnce } from '../ui';
import { saveSettings, useStoredSettings } from './settings_robocall';

function makeModel() {
  const model = {
    keepAll: signal(true),
    days: new NumberField('Сколько дней хранить', 1, 3650),
    taskDays: new NumberField(
      'Хранить задания, дней после приёма',
      1,
      3650,
      1,
      'Задания, попытки звонков и их записи удаляются через столько дней после даты приёма.',
    ),
    saved: signal(''),
    values(): string {
      return snapshot([
        model.keepAll.value,
        model.keepAll.value ? '' : model.days.text.value,
        model.taskDays.text.value,
      ]);
    },
    fill(s: RobocallSettings): void {
      model.keepAll.value = s.retention_days === null;
      model.days.set(s.retention_days ?? 7);
      model.taskDays.set(s.task_retention_days);
      model.saved.value = model.values();
    },
  };
  return { ...model, dirty: computed(() => model.values() !== model.saved.value) };
}

function Retention({ initial }: { initial: RobocallSettings }) {
  const m = useOnce(() => {
    const model = makeModel();
    model.fill(initial);
    return model;
  });
  const save = (): string | Promise<unknown> => {
    let retention: number | null = null;
    if (!m.keepAll.value) {
      const values = readNumbers([m.days]);
      if (typeof values === 'string') return values;
      retention = values[0] ?? null;
    }
    const tasks = readNumbers([m.taskDays]);
    if (typeof tasks === 'string') return tasks;
    const changes: Partial<RobocallSettings> = { retention_days: retention };
    if (tasks[0] !== undefined) changes.task_retention_days = tasks[0];
    return saveSettings(changes).then(m.fill);
  };
  return (
    <SettingsBlock id="retention" title="Хранение записей разговоров и заданий" save={save} dirty={m.dirty.value}>
      <div class="radio-line">
        <input
          type="radio"
          name="retention"
          value="all"
          id="retention-all"
          checked={m.keepAll.value}
          onChange={() => (m.keepAll.value = true)}
        />
        <label for="retention-all">Хранить все записи</label>
      </div>
      <div class="radio-line">
        <input
          type="radio"
          name="retention"
          value="days"
          id="retention-days"
          checked={!m.keepAll.value}
          onChange={() => (m.keepAll.value = false)}
        />
        <label for="retention-days">Удалять записи старше заданного числа дней</label>
      </div>
      <NumberInput f={m.days} disabled={m.keepAll.value} />
      <NumberInput f={m.taskDays} />
    </SettingsBlock>
  );
}

function RetentionSettingsScreen() {
  const notice = useNotice();
  const settings = useStoredSettings(notice);
  return (
    <>
      <h1>Хранение</h1>
      <NoticeLine notice={notice} />
      {settings ? <Retention initial={settings} /> : null}
    </>
  );
}

export const retentionSettingsPage: Page = { title: 'Хранение', component: RetentionSettingsScreen };
