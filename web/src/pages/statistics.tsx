// «Статистика»: the calls of a date range (and campaign) as figures, a chart
// by day stacked by outcome, the answer rate by hour of the day, and the same
// numbers as tables (docs/BEHAVIOUR.md "Statistics"). UI thread.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText, get } from '../api';
import { CampaignSelect } from '../campaign_select';
import { BarChart, Legend, type Series } from '../chart';
import { DateField, isoOf, toRu } from '../date_field';
import { date, isoDay } from '../format';
import { outcomeText } from '../labels';
import type { Page } from '../router';
import type { Outcome, Statistics } from '../types';
import { Field, NoticeLine, useNotice } from '../ui';

// Bottom to top: what the patient answered, then the rest in the order of
// labels.ts (the reasons a patient was not reached). Every outcome there has
// its own series, a new one too.
const kFirst: Outcome[] = ['confirmed', 'cancelled', 'no_input', 'not_verified'];
const kSeries: Series[] = [
  ...kFirst,
  ...(Object.keys(outcomeText) as Outcome[]).filter((name) => !kFirst.includes(name)),
].map((name) => ({ name, label: outcomeText[name] }));

// The answer rate in whole percent; 0 for an hour without calls.
function answerRate(calls: number, answered: number): number {
  return calls > 0 ? Math.round((100 * answered) / calls) : 0;
}

function Figure(props: { label: string; value: number | string; name: string }) {
  return (
    <div class="counter" data-total={props.name}>
      <span class="value">{String(props.value)}</span>
      <span class="label">{props.label}</span>
    </div>
  );
}

function Totals({ s }: { s: Statistics }) {
  const t = s.totals;
  return (
    <div class="report-figures counters" aria-label="Итоги за период">
      <Figure label="Звонков" value={t.calls} name="calls" />
      <Figure label="Пациентов" value={t.patients} name="patients" />
      <Figure label="Дозвонились" value={`${t.answered} (${answerRate(t.calls, t.answered)}%)`} name="answered" />
      {kSeries.map((series) => (
        <Figure label={series.label} value={t.outcomes[series.name as Outcome] ?? 0} name={series.name} />
      ))}
    </div>
  );
}

function ByDay({ s }: { s: Statistics }) {
  const columns = s.days.map((d) => ({
    id: d.date,
    label: date(d.date).slice(0, 5),
    values: kSeries.map((series) => d.outcomes[series.name as Outcome] ?? 0),
  }));
  const head = ['Дата', 'Звонков', ...kSeries.map((series) => series.label)];
  return (
    <section class="panel" aria-label="Звонки по дням">
      <h2>Звонки по дням</h2>
      <BarChart title="Звонки по дням и исходам" dataKey="day" series={kSeries} columns={columns} />
      <Legend series={kSeries} />
      <details class="chart-table">
        <summary>Таблица звонков по дням</summary>
        <div class="table-wrap">
          <table aria-label="Звонки по дням">
            <thead>
              <tr>
                {head.map((l) => (
                  <th scope="col">{l}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.days.map((d) => (
                <tr data-day={d.date}>
                  <th scope="row" class="nowrap">
                    {date(d.date)}
                  </th>
                  <td class="num">{d.calls}</td>
                  {kSeries.map((series) => (
                    <td class="num">{d.outcomes[series.name as Outcome] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function ByHour({ s }: { s: Statistics }) {
  const columns = s.hours.map((hour) => ({
    id: String(hour.hour),
    label: String(hour.hour).padStart(2, '0'),
    values: [answerRate(hour.calls, hour.answered)],
    attrs: { 'data-calls': String(hour.calls), 'data-answered': String(hour.answered) },
    note: `(${hour.answered} из ${hour.calls})`,
  }));
  return (
    <section class="panel" aria-label="Доля отвеченных по часам">
      <h2>Когда отвечают: доля отвеченных звонков по часам</h2>
      <BarChart
        title="Доля отвеченных звонков по часам"
        dataKey="hour"
        series={[{ name: 'rate', label: 'Дозвонились' }]}
        columns={columns}
        unit="%"
        max={100}
      />
      <details class="chart-table">
        <summary>Таблица по часам</summary>
        <div class="table-wrap">
          <table aria-label="Звонки по часам">
            <thead>
              <tr>
                {['Час', 'Звонков', 'Дозвонились', 'Доля'].map((l) => (
                  <th scope="col">{l}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.hours.map((hour) => (
                <tr data-hour={hour.hour}>
                  <th scope="row">{`${String(hour.hour).padStart(2, '0')}:00`}</th>
                  <td class="num">{hour.calls}</td>
                  <td class="num">{hour.answered}</td>
                  <td class="num">{`${answerRate(hour.calls, hour.answered)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function StatisticsScreen() {
  const params = new URLSearchParams(location.search);
  const today = new Date();
  const from = useSignal(toRu(params.get('from') ?? isoDay(today, -6)));
  const to = useSignal(toRu(params.get('to') ?? isoDay(today)));
  const campaign = useSignal(params.get('campaign') ?? '');
  const stats = useSignal<Statistics | null>(null);
  const busy = useSignal(false);
  const notice = useNotice();

  function load(): void {
    const f = isoOf(from.value);
    const t = isoOf(to.value);
    if (!f || !t) {
      notice.error('Укажите период: даты «С» и «По» в виде ДД.ММ.ГГГГ.');
      return;
    }
    const p = new URLSearchParams({ from: f, to: t });
    if (campaign.value) p.set('campaign', campaign.value);
    history.replaceState(null, '', `/statistics?${p.toString()}`);
    busy.value = true;
    get<Statistics>(`/api/statistics?${p.toString()}`)
      .then((s) => {
        notice.clear();
        stats.value = s;
      })
      .catch((error: unknown) => {
        stats.value = null;
        notice.error(errorText(error));
      })
      .finally(() => {
        busy.value = false;
      });
  }
  useEffect(load, []);

  const s = stats.value;
  return (
    <>
      <h1>Статистика</h1>
      <form
        class="panel filters"
        aria-label="Период статистики"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <DateField name="from" label="С" text={from} />
        <DateField name="to" label="По" text={to} />
        <Field label="Кампания">
          <CampaignSelect value={campaign} />
        </Field>
        <div class="actions">
          <button type="submit" class="primary">
            Показать
          </button>
        </div>
      </form>
      <NoticeLine notice={notice} />
      <div class="statistics" aria-live="polite" aria-busy={busy.value ? 'true' : undefined}>
        {s ? (
          <>
            <Totals s={s} />
            <ByDay s={s} />
            <ByHour s={s} />
          </>
        ) : null}
      </div>
    </>
  );
}

export const statisticsPage: Page = { title: 'Статистика', component: StatisticsScreen };
