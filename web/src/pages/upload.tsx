// «Загрузка заданий»: choose or drop an XLSX file, watch the upload's
// progress, then read the import report: created, skipped by reason, the
// skipped rows with their numbers and the remarks on created rows (a phone
// brought to ten digits), when calling starts and a link to the new tasks;
// «Последние загрузки» below (upload_recent). UI thread.

import { useSignal } from '@preact/signals';
import { errorText, upload } from '../api';
import { plural } from '../format';
import { skipReasonText } from '../labels';
import type { Page } from '../router';
import type { ImportReportDay as ImportReport, RowNote, SkipReason } from '../types';
import { Field, FilePicker, NoticeLine, useNotice } from '../ui';
import { RecentUploads } from './upload_recent';

const kMaxBytes = 32 * 1024 * 1024;

function Figure(props: { label: string; value: number; kind?: string }) {
  return (
    <div class={`counter ${props.kind ?? ''}`}>
      <span class="value">{String(props.value)}</span>
      <span class="label">{props.label}</span>
    </div>
  );
}

// The rows created with a remark, numbered like the skipped rows.
function NotesTable({ notes }: { notes: RowNote[] }) {
  return (
    <div class="table-wrap">
      <table aria-label="Замечания к созданным заданиям">
        <thead>
          <tr>
            <th scope="col" class="num">
              Строка
            </th>
            <th scope="col">Замечание</th>
          </tr>
        </thead>
        <tbody>
          {notes.map((note) => (
            <tr data-note-row={note.row}>
              <td class="num">{String(note.row)}</td>
              <td>{note.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SkippedTable({ report }: { report: ImportReport }) {
  return (
    <div class="table-wrap">
      <table aria-label="Пропущенные строки">
        <thead>
          <tr>
            <th scope="col" class="num">
              Строка
            </th>
            <th scope="col">Причина</th>
            <th scope="col">Пояснение</th>
          </tr>
        </thead>
        <tbody>
          {report.skipped.map((row) => (
            <tr data-row={row.row}>
              <td class="num">{String(row.row)}</td>
              <td>{skipReasonText[row.reason] ?? row.reason}</td>
              <td>{row.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ report, fileName }: { report: ImportReport; fileName: string }) {
  const byReason = new Map<SkipReason, number>();
  for (const row of report.skipped) byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + 1);
  const created = report.created;
  const skipped = report.skipped.length;
  const summary =
    `Из файла «${fileName}» создано ${created} ${plural(created, 'задание', 'задания', 'заданий')}` +
    (skipped ? `, пропущено ${skipped} ${plural(skipped, 'строка', 'строки', 'строк')}.` : '.');
  return (
    <section class="panel" aria-labelledby="report-h" data-report>
      <h2 id="report-h">Результат загрузки</h2>
      <p role="status">{summary}</p>
      <div class="report-figures counters">
        <Figure label="Прочитано строк" value={report.rows_read} />
        <Figure label="Создано заданий" value={created} kind="ok" />
        <Figure label="Пропущено строк" value={skipped} kind={skipped ? 'bad' : ''} />
        {report.notes.length ? <Figure label="Создано с замечаниями" value={report.notes.length} /> : null}
      </div>
      {byReason.size ? (
        <>
          <h3>Пропущено по причинам</h3>
          <ul aria-label="Пропущено по причинам" data-reasons>
            {[...byReason].map(([reason, count]) => (
              <li data-reason={reason}>{`${skipReasonText[reason] ?? reason}: ${count}`}</li>
            ))}
          </ul>
        </>
      ) : null}
      {skipped ? (
        <>
          <h3>Пропущенные строки</h3>
          <SkippedTable report={report} />
        </>
      ) : null}
      {report.notes.length ? (
        <>
          <h3>Замечания к созданным заданиям</h3>
          <NotesTable notes={report.notes} />
        </>
      ) : null}
    </section>
  );
}

// The campaign the upload made (docs/BEHAVIOUR.md "Campaigns"): when its
// calling starts, a link to its tasks and to the campaigns page.
function CampaignLink({ report }: { report: ImportReport }) {
  if (!report.campaign_id) return null;
  return (
    <div class="panel" data-campaign={report.campaign_id}>
      {report.created > 0 && report.calling_starts ? (
        <p data-calling-starts>
          Обзвон новых пациентов: <strong>{report.calling_starts}</strong>
        </p>
      ) : null}
      <p>
        Кампания:{' '}
        <a href={`/tasks?campaign=${report.campaign_id}`} data-link>
          {report.campaign_name ?? ''}
        </a>
        {' · '}
        <a href={`/tasks?campaign=${report.campaign_id}`} data-link data-new-tasks>
          показать новых пациентов
        </a>
        {' · '}
        <a href="/campaigns" data-link>
          все кампании
        </a>
      </p>
    </div>
  );
}

function UploadScreen() {
  const campaignName = useSignal('');
  const busy = useSignal(false);
  const over = useSignal(false);
  const percent = useSignal<number | null>(null);
  const done = useSignal<{ report: ImportReport; fileName: string } | null>(null);
  const uploads = useSignal(0);
  const notice = useNotice();

  function send(file: File): void {
    if (busy.value) return;
    done.value = null;
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
    busy.value = true;
    percent.value = 0;
    notice.info(`Загружаем «${file.name}»…`);
    const name = campaignName.value.trim();
    upload<ImportReport>(
      '/api/imports',
      file,
      (fraction) => {
        percent.value = Math.round(fraction * 100);
        if (fraction >= 1) notice.info('Файл получен, проверяем строки…');
      },
      name ? { campaign: name } : {},
    )
      .then((report) => {
        notice.clear();
        done.value = { report, fileName: file.name };
        campaignName.value = '';
        uploads.value += 1;
      })
      .catch((error: unknown) => {
        percent.value = null;
        notice.error(errorText(error));
      })
      .finally(() => {
        busy.value = false;
      });
  }

  const drop = (event: DragEvent): void => {
    event.preventDefault();
    over.value = false;
    const file = event.dataTransfer?.files[0];
    if (file) send(file);
  };
  return (
    <>
      <h1>Загрузка заданий</h1>
      <section class="panel">
        <p>
          Загрузите список пациентов для обзвона. Нужные столбцы: телефон, ФИО, дата и время приёма, дата рождения.{' '}
          <a href="/api/imports/example.xlsx" download="Пример списка заданий.xlsx">
            Скачать пример файла
          </a>
          .
        </p>
        <Field label="Название кампании" hint="Необязательно. По умолчанию — имя файла и сегодняшняя дата.">
          <input
            type="text"
            name="campaign"
            maxLength={200}
            autocomplete="off"
            value={campaignName.value}
            onInput={(e) => (campaignName.value = e.currentTarget.value)}
          />
        </Field>
        <div
          class={over.value ? 'dropzone over' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            over.value = true;
          }}
          onDragLeave={() => (over.value = false)}
          onDrop={drop}
        >
          <p>
            <strong>Перетащите файл Excel (.xlsx) сюда</strong> или выберите его:
          </p>
          <p>
            <FilePicker
              id="tasks-file"
              name="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              buttonText="Выбрать файл…"
              disabled={busy.value}
              onFile={send}
            />
          </p>
          <p class="muted">
            Не больше 32 МБ. Если в первой строке есть названия столбцов («Телефон», «ФИО», «Дата приёма», «Дата
            рождения»), столбцы находятся по ним, в любом порядке. Без строки заголовков столбцы читаются по порядку:
            телефон, ФИО, дата и время приёма, дата рождения.
          </p>
        </div>
        {percent.value !== null ? (
          <div>
            <progress max={100} value={percent.value} aria-label="Загрузка файла" />
            <span class="muted">{` ${percent.value} %`}</span>
          </div>
        ) : null}
        <NoticeLine notice={notice} />
      </section>
      {done.value ? (
        <div>
          <Report report={done.value.report} fileName={done.value.fileName} />
          <CampaignLink report={done.value.report} />
        </div>
      ) : null}
      <RecentUploads version={uploads.value} />
    </>
  );
}

export const uploadPage: Page = { title: 'Загрузка заданий', component: UploadScreen };
