// «Загрузка заданий»: choose or drop an XLSX file, watch the upload's
// progress, then read the import report: created, skipped by reason, the
// skipped rows with their numbers and the remarks on created rows (a phone
// brought to ten digits). UI thread.

import { errorText, upload } from '../api';
import { Notice, field, filePicker, h, replace } from '../dom';
import { plural } from '../format';
import { skipReasonText } from '../labels';
import type { Page } from '../router';
import type { ImportReport, RowNote, SkipReason } from '../types';

const kMaxBytes = 32 * 1024 * 1024;

function figure(label: string, value: number, kind = ''): HTMLElement {
  return h(
    'div',
    { class: `counter ${kind}` },
    h('span', { class: 'value' }, String(value)),
    h('span', { class: 'label' }, label),
  );
}

// The rows created with a remark, numbered like the skipped rows.
function notesTable(notes: RowNote[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'aria-label': 'Замечания к созданным заданиям' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col', class: 'num' }, 'Строка'), h('th', { scope: 'col' }, 'Замечание')),
      ),
      h(
        'tbody',
        {},
        notes.map((note) =>
          h(
            'tr',
            { 'data-note-row': note.row },
            h('td', { class: 'num' }, String(note.row)),
            h('td', {}, note.message),
          ),
        ),
      ),
    ),
  );
}

function renderReport(report: ImportReport, fileName: string): HTMLElement {
  const byReason = new Map<SkipReason, number>();
  for (const row of report.skipped) byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + 1);
  const created = report.created;
  const summary =
    `Из файла «${fileName}» создано ${created} ${plural(created, 'задание', 'задания', 'заданий')}` +
    (report.skipped.length
      ? `, пропущено ${report.skipped.length} ${plural(report.skipped.length, 'строка', 'строки', 'строк')}.`
      : '.');

  const reasons = byReason.size
    ? h(
        'ul',
        { 'aria-label': 'Пропущено по причинам', 'data-reasons': true },
        [...byReason].map(([reason, count]) =>
          h('li', { 'data-reason': reason }, `${skipReasonText[reason] ?? reason}: ${count}`),
        ),
      )
    : null;
  const rows = report.skipped.length
    ? h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { 'aria-label': 'Пропущенные строки' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col', class: 'num' }, 'Строка'),
              h('th', { scope: 'col' }, 'Причина'),
              h('th', { scope: 'col' }, 'Пояснение'),
            ),
          ),
          h(
            'tbody',
            {},
            report.skipped.map((row) =>
              h(
                'tr',
                { 'data-row': row.row },
                h('td', { class: 'num' }, String(row.row)),
                h('td', {}, skipReasonText[row.reason] ?? row.reason),
                h('td', {}, row.message ?? ''),
              ),
            ),
          ),
        ),
      )
    : null;

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'report-h', 'data-report': true },
    h('h2', { id: 'report-h' }, 'Результат загрузки'),
    h('p', { role: 'status' }, summary),
    h(
      'div',
      { class: 'report-figures counters' },
      figure('Прочитано строк', report.rows_read),
      figure('Создано заданий', created, 'ok'),
      figure('Пропущено строк', report.skipped.length, report.skipped.length ? 'bad' : ''),
      report.notes.length ? figure('Создано с замечаниями', report.notes.length) : null,
    ),
    reasons ? h('h3', {}, 'Пропущено по причинам') : null,
    reasons,
    rows ? h('h3', {}, 'Пропущенные строки') : null,
    rows,
    report.notes.length ? h('h3', {}, 'Замечания к созданным заданиям') : null,
    report.notes.length ? notesTable(report.notes) : null,
  );
}

// The campaign the upload made (docs/BEHAVIOUR.md "Campaigns"), with links
// to its tasks and to the campaigns page.
function campaignLink(report: ImportReport): HTMLElement | null {
  if (!report.campaign_id) return null;
  return h(
    'p',
    { class: 'panel', 'data-campaign': report.campaign_id },
    'Кампания: ',
    h('a', { href: `/tasks?campaign=${report.campaign_id}`, 'data-link': true }, report.campaign_name ?? ''),
    ' · ',
    h('a', { href: '/campaigns', 'data-link': true }, 'все кампании'),
  );
}

export const uploadPage: Page = {
  title: 'Загрузка заданий',
  render(main) {
    const input = h('input', {
      type: 'file',
      id: 'tasks-file',
      name: 'file',
      accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const zone = h(
      'div',
      { class: 'dropzone' },
      h('p', {}, h('strong', {}, 'Перетащите файл Excel (.xlsx) сюда'), ' или выберите его:'),
      h('p', {}, filePicker(input, 'Выбрать файл…')),
      h(
        'p',
        { class: 'muted' },
        'Не больше 32 МБ. Если в первой строке есть названия столбцов («Телефон», «ФИО», «Дата приёма», «Дата рождения»), ' +
          'столбцы находятся по ним, в любом порядке. Без строки заголовков столбцы читаются по порядку: ' +
          'телефон, ФИО, дата и время приёма, дата рождения.',
      ),
    );
    const progress = h('progress', { max: 100, value: 0, 'aria-label': 'Загрузка файла' });
    const progressText = h('span', { class: 'muted' });
    const progressBox = h('div', { hidden: true }, progress, progressText);
    const campaignName = h('input', { type: 'text', name: 'campaign', maxlength: 200, autocomplete: 'off' });
    const notice = new Notice();
    const reportBox = h('div', {});
    const example = h(
      'a',
      { href: '/api/imports/example.xlsx', download: 'Пример списка заданий.xlsx' },
      'Скачать пример файла',
    );

    replace(
      main,
      h('h1', {}, 'Загрузка заданий'),
      h(
        'section',
        { class: 'panel' },
        h(
          'p',
          {},
          'Загрузите список пациентов для обзвона. Нужные столбцы: телефон, ФИО, дата и время приёма, дата рождения. ',
          example,
          '.',
        ),
        field('Название кампании', campaignName, 'Необязательно. По умолчанию — имя файла и сегодняшняя дата.'),
        zone,
        progressBox,
        notice.el,
      ),
      reportBox,
    );

    let busy = false;
    function send(file: File): void {
      if (busy) return;
      replace(reportBox);
      if (!/\.xlsx$/i.test(file.name)) {
        notice.error(
          `Файл «${file.name}» — не таблица Excel .xlsx. Сохраните список в формате .xlsx и выберите его снова.`,
        );
        return;
      }
      if (file.size > kMaxBytes) {
        notice.error('Файл больше 32 МБ. Разделите список на несколько файлов.');
        return;
      }
      busy = true;
      input.disabled = true;
      progressBox.hidden = false;
      progress.value = 0;
      progressText.textContent = ' 0 %';
      notice.info(`Загружаем «${file.name}»…`);
      upload<ImportReport>(
        '/api/imports',
        file,
        (fraction) => {
          const percent = Math.round(fraction * 100);
          progress.value = percent;
          progressText.textContent = ` ${percent} %`;
          if (fraction >= 1) notice.info('Файл получен, проверяем строки…');
        },
        campaignName.value.trim() ? { campaign: campaignName.value.trim() } : {},
      )
        .then((report) => {
          notice.clear();
          replace(reportBox, renderReport(report, file.name), campaignLink(report));
          campaignName.value = '';
        })
        .catch((error: unknown) => {
          progressBox.hidden = true;
          notice.error(errorText(error));
        })
        .finally(() => {
          busy = false;
          input.disabled = false;
          input.value = '';
        });
    }

    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) send(file);
    });
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      const file = event.dataTransfer?.files[0];
      if (file) send(file);
    });
  },
};
