// Bar charts in plain SVG for the statistics page: stacked columns (one
// segment a series) and single bars. Every bar carries its number in
// data-value, its column in data-<key> (data-day, data-hour) and a <title>,
// so tests and screen readers read the numbers; colours come from CSS
// classes (series-<name>), never from inline styles. UI thread.

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
  attrs?: Record<string, string>; // more data-* attributes on the column's bars
  note?: string; // after the value in the bars' titles
}

export interface ChartOptions {
  title: string; // the chart's accessible name
  dataKey: string; // 'day' → data-day (not `key`: Preact keeps that prop)
  series: Series[];
  columns: Column[];
  unit?: string; // after values in titles and on the axis ('%')
  max?: number; // the axis' top; default: the largest stack, rounded up
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
export function BarChart(o: ChartOptions) {
  const unit = o.unit ?? '';
  const stacks = o.columns.map((c) => c.values.reduce((a, b) => a + b, 0));
  const max = o.max ?? niceCeiling(Math.max(0, ...stacks));
  const plotW = kWidth - kLeft;
  const plotH = kHeight - kTop - kBottom;
  const step = plotW / Math.max(1, o.columns.length);
  const barW = Math.max(1, step * 0.7);
  const y = (v: number): number => kTop + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(o.columns.length / kMaxLabels);

  return (
    <svg viewBox={`0 0 ${kWidth} ${kHeight}`} class="chart" role="group" aria-label={o.title}>
      <title>{o.title}</title>
      {[0, max / 2, max].map((v) => (
        <>
          <line x1={kLeft} x2={kWidth} y1={y(v)} y2={y(v)} class="chart-grid" />
          <text x={kLeft - 6} y={y(v) + 4} class="chart-axis chart-axis-value">
            {(Number.isInteger(v) ? String(v) : v.toFixed(1)) + unit}
          </text>
        </>
      ))}
      {o.columns.map((column, i) => {
        const x = kLeft + i * step + (step - barW) / 2;
        let base = 0;
        const bars = column.values.map((value, s) => {
          const series = o.series[s];
          if (!series) return null;
          const bottom = base;
          base += value;
          const what = o.series.length > 1 ? `${series.label}: ` : `${series.label} `;
          const note = column.note ? ` ${column.note}` : '';
          const attrs: Record<string, string> = { ...column.attrs, [`data-${o.dataKey}`]: column.id };
          // A screen reader reads each visible bar by its title; empty ones are skipped.
          const a11y = value > 0 ? { role: 'img' as const } : { 'aria-hidden': 'true' as const };
          return (
            <rect
              x={x}
              y={y(bottom + value)}
              width={barW}
              height={y(bottom) - y(bottom + value)}
              class={`bar series-${series.name}`}
              data-series={series.name}
              data-value={value}
              {...attrs}
              {...a11y}
            >
              <title>{`${column.label} — ${what}${value}${unit}${note}`}</title>
            </rect>
          );
        });
        return (
          <>
            {bars}
            {i % labelEvery === 0 ? (
              <text x={x + barW / 2} y={kHeight - 6} class="chart-axis">
                {column.label}
              </text>
            ) : null}
          </>
        );
      })}
    </svg>
  );
}

// The series' names beside their colours.
export function Legend({ series }: { series: Series[] }) {
  return (
    <ul class="chart-legend">
      {series.map((s) => (
        <li>
          <svg viewBox="0 0 10 10" width={12} height={12} aria-hidden="true">
            <rect width={10} height={10} class={`swatch series-${s.name}`} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}
