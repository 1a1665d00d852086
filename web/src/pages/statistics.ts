// «Статистика»: the calls of a date range (and campaign) as figures, a chart
// by day stacked by outcome, the answer rate by hour of the day, and the same
// numbers as tables (docs/BEHAVIOUR.md "Statistics"). UI thread.

import { errorText, get } from '../api';
import { campaignSelect } from '../campaign_select';
import { barChart, legend, type Series } from '../chart';
import { dateField } from '../date_field';
import { Notice, field, h, replace } from '../dom';
import { date } from '../format';
import { outcomeText } from '../labels';
import type { Page } from '../router';
import type { Outcome, Statistics } from '../types';

// Bottom to top: what the patient answered, then the rest in the order of
// labels.ts (the reasons a patient was not reached). Every outcome there has
// its own series, a new one too.
const kFirst: Outcome[] = ['confirmed', 'cancelled', 'no_input', 'not_verified'];
const kSeries: Series[] = [
  ...kFirst,
  ...(Object.keys(outcomeText) as Outcome[]).filter((name) => !kFirst.includes(name)),
].map((name) => ({ name, label: outcomeText[name] }));

function isoDay(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// The answer rate in whole percent; 0 for an hour without calls.
function answerRate(calls: number, answered: number): number {
  return calls > 0 ? Math.round((100 * answered) / calls) : 0;
}

function figure(label: string, value: number | string, key: string): HTMLElement {
  return h(
    'div',
    { class: 'counter', 'data-total': key },
    h('span', { class: 'value' }, String(value)),
    h('span', { class: 'label' }, label),
  );
}

function totals(s: Statistics): HTMLElement {
  const t = s.totals;
  return h(
    'div',
    { class: 'report-figures counters', 'aria-label': 'Итоги за период' },
    figure('Звонков', t.calls, 'calls'),
    figure('Пациентов', t.patients, 'patients'),
    figure('Дозвонились', `${t.answered} (${answerRate(t.calls, t.answered)}%)`, 'answered'),
    kSeries.map((series) => figure(series.label, t.outcomes[series.name as Outcome] ?? 0, series.name)),
  );
}

function byDay(s: Statistics): Element[] {
  const columns = s.days.map((d) => ({
    id: d.date,
    label: date(d.date).slice(0, 5),
    values: kSeries.map((series) => d.outcomes[series.name as Outcome] ?? 0),
  }));
  const head = ['Дата', 'Звонков', ...kSeries.map((series) => series.label)];
  const rows = s.days.map((d) =>
    h(
      'tr',
      { 'data-day': d.date },
      h('th', { scope: 'row', class: 'nowrap' }, date(d.date)),
      h('td', { class: 'num' }, d.calls),
      kSeries.map((series) => h('td', { class: 'num' }, d.outcomes[series.name as Outcome] ?? 0)),
    ),
  );
  return [
    h('h2', {}, 'Звонки по дням'),
    barChart({ title: 'Звонки по дням и исходам', key: 'day', series: kSeries, columns }),
    legend(kSeries),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', {}, 'Таблица звонков по дням'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { 'aria-label': 'Звонки по дням' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              head.map((l) => h('th', { scope: 'col' }, l)),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
    ),
  ];
}

function byHour(s: Statistics): Element[] {
  const answeredSeries: Series = { name: 'rate', label: 'Дозвонились' };
  const columns = s.hours.map((hour) => ({
    id: String(hour.hour),
    label: String(hour.hour).padStart(2, '0'),
    values: [answerRate(hour.calls, hour.answered)],
  }));
  const chart = barChart({
    title: 'Доля отвеченных звонков по часам',
    key: 'hour',
    series: [answeredSeries],
    columns,
    unit: '%',
    max: 100,
  });
  s.hours.forEach((hour) => {
    const bar = chart.querySelector(`rect[data-hour="${hour.hour}"]`);
    bar?.setAttribute('data-calls', String(hour.calls));
    bar?.setAttribute('data-answered', String(hour.answered));
    const title = bar?.querySelector('title');
    if (title) title.textContent = `${title.textContent} (${hour.answered} из ${hour.calls})`;
  });
  const rows = s.hours.map((hour) =>
    h(
      'tr',
      { 'data-hour': hour.hour },
      h('th', { scope: 'row' }, `${String(hour.hour).padStart(2, '0')}:00`),
      h('td', { class: 'num' }, hour.calls),
      h('td', { class: 'num' }, hour.answered),
      h('td', { class: 'num' }, `${answerRate(hour.calls, hour.answered)}%`),
    ),
  );
  return [
    h('h2', {}, 'Когда отвечают: доля отвеченных звонков по часам'),
    chart,
    h(
      'details',
      { class: 'chart-table' },
      h('summary', {}, 'Таблица по часам'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { 'aria-label': 'Звонки по часам' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Час', 'Звонков', 'Дозвонились', 'Доля'].map((l) => h('th', { scope: 'col' }, l)),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
    ),
  ];
}

export const statisticsPage: Page = {
  title: 'Статистика',
  render(main) {
    const params = new URLSearchParams(location.search);
    const today = new Date();
    const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
    const from = dateField('from', 'С', params.get('from') ?? isoDay(weekAgo));
    const to = dateField('to', 'По', params.get('to') ?? isoDay(today));
    const campaign = campaignSelect(params.get('campaign'));
    const notice = new Notice();
    const result = h('div', { class: 'statistics', 'aria-live': 'polite' });

    function load(): void {
      const f = from.iso();
      const t = to.iso();
      if (!f || !t) {
        notice.error('Укажите период: даты «С» и «По» в виде ДД.ММ.ГГГГ.');
        return;
      }
      const p = new URLSearchParams({ from: f, to: t });
      if (campaign.value) p.set('campaign', campaign.value);
      history.replaceState(null, '', `/statistics?${p.toString()}`);
      result.setAttribute('aria-busy', 'true');
      get<Statistics>(`/api/statistics?${p.toString()}`)
        .then((s) => {
          notice.clear();
          replace(
            result,
            totals(s),
            h('section', { class: 'panel', 'aria-label': 'Звонки по дням' }, byDay(s)),
            h('section', { class: 'panel', 'aria-label': 'Доля отвеченных по часам' }, byHour(s)),
          );
        })
        .catch((error: unknown) => {
          replace(result);
          notice.error(errorText(error));
        })
        .finally(() => result.removeAttribute('aria-busy'));
    }

    const filters = h(
      'form',
      { class: 'panel filters', 'aria-label': 'Период статистики', novalidate: true },
      from.el,
      to.el,
      field('Кампания', campaign),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Показать')),
    );
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });

    replace(main, h('h1', {}, 'Статистика'), filters, notice.el, result);
    load();
  },
};
