// Bar charts in plain SVG for the statistics page: stacked columns (one
// segment a series) and single bars. Every bar carries its number in
// data-value, its column in data-<key> (data-day, data-hour) and a <title>,
// so tests and screen readers read the numbers; colours come from CSS
// classes (series-<name>), never from inline styles. UI thread.

const kSvg = 'http://www.w3.org/2000/svg';
const kWidth = 720;
const kHeight = 260;
const kLeft = 44; // room for the value axis
const kBottom = 24; // room for the column labels
const kTop = 8;
const kMaxLabels = 16;

export interface Series {
  name: string; // CSS class series-<name>, data-series
  label: string;
}

export interface Column {
  id: string; // the value of data-<key>
  label: string; // under the column, and in titles
  values: number[]; // one per series, in the series' order
}

export interface ChartOptions {
  title: string; // the chart's accessible name
  key: string; // 'day' → data-day
  series: Series[];
  columns: Column[];
  unit?: string; // after values in titles and on the axis ('%')
  max?: number; // the axis' top; default: the largest stack, rounded up
}

function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(kSvg, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

// 2, 4, 6, 8, 10, 20, 40, ...: the smallest at or above n, so that the
// axis' middle line is a whole number too.
function niceCeiling(n: number): number {
  if (n <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 4, 6, 8, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

// A column chart; with several series their bars stack bottom to top.
export function barChart(o: ChartOptions): SVGSVGElement {
  const unit = o.unit ?? '';
  const stacks = o.columns.map((c) => c.values.reduce((a, b) => a + b, 0));
  const max = o.max ?? niceCeiling(Math.max(0, ...stacks));
  const plotW = kWidth - kLeft;
  const plotH = kHeight - kTop - kBottom;
  const step = plotW / Math.max(1, o.columns.length);
  const barW = Math.max(1, step * 0.7);
  const y = (v: number): number => kTop + plotH - (v / max) * plotH;

  const svg = svgEl('svg', { viewBox: `0 0 ${kWidth} ${kHeight}`, class: 'chart', role: 'group' });
  svg.setAttribute('aria-label', o.title);
  svg.appendChild(svgEl('title', {}, o.title));
  for (const v of [0, max / 2, max]) {
    svg.appendChild(svgEl('line', { x1: kLeft, x2: kWidth, y1: y(v), y2: y(v), class: 'chart-grid' }));
    const label = Number.isInteger(v) ? String(v) : v.toFixed(1);
    svg.appendChild(svgEl('text', { x: kLeft - 6, y: y(v) + 4, class: 'chart-axis chart-axis-value' }, label + unit));
  }
  const labelEvery = Math.ceil(o.columns.length / kMaxLabels);
  o.columns.forEach((column, i) => {
    const x = kLeft + i * step + (step - barW) / 2;
    let base = 0;
    column.values.forEach((value, s) => {
      const series = o.series[s];
      if (!series) return;
      const bar = svgEl('rect', {
        x,
        y: y(base + value),
        width: barW,
        height: y(base) - y(base + value),
        class: `bar series-${series.name}`,
        'data-series': series.name,
        'data-value': value,
        [`data-${o.key}`]: column.id,
      });
      const what = o.series.length > 1 ? `${series.label}: ` : `${series.label} `;
      bar.appendChild(svgEl('title', {}, `${column.label} — ${what}${value}${unit}`));
      // A screen reader reads each visible bar by its title; empty ones are skipped.
      bar.setAttribute(value > 0 ? 'role' : 'aria-hidden', value > 0 ? 'img' : 'true');
      svg.appendChild(bar);
      base += value;
    });
    if (i % labelEvery === 0) {
      svg.appendChild(svgEl('text', { x: x + barW / 2, y: kHeight - 6, class: 'chart-axis' }, column.label));
    }
  });
  return svg;
}

// The series' names beside their colours.
export function legend(series: Series[]): HTMLUListElement {
  const list = document.createElement('ul');
  list.className = 'chart-legend';
  for (const s of series) {
    const item = document.createElement('li');
    const swatch = svgEl('svg', { viewBox: '0 0 10 10', width: 12, height: 12, 'aria-hidden': 'true' });
    swatch.appendChild(svgEl('rect', { width: 10, height: 10, class: `swatch series-${s.name}` }));
    item.append(swatch, s.label);
    list.appendChild(item);
  }
  return list;
}
