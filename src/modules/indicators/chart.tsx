// The indicator chart: the data the client chart (client/charts.ts, ECharts) reads from
// the page, and a server-rendered SVG of the same data for readers without JavaScript.
import type { Locale } from '../../kernel/i18n/index.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import type { IndicatorSummary } from './queries.ts';

export type ChartData = {
  unit: string;
  labels: { baseline: string; actual: string; target: string; projection: string };
  baseline: { year: number; value: number } | null;
  actuals: { year: number; value: number }[];
  /** a point (lo = hi) or a band; for period targets, from periodStart to year */
  target: { from: number; to: number; lo: number | null; hi: number | null } | null;
  projection: { from: { year: number; value: number }; to: { year: number; value: number } } | null;
};

export function chartData(view: IndicatorSummary, labels: ChartData['labels']): ChartData {
  const i = view.indicator;
  const t = view.headline;
  const latest = view.series.at(-1) ?? null;
  const lo = t ? (t.minValue ?? t.value) : null;
  const hi = t ? (t.maxValue ?? t.value) : null;
  const proj = t?.result.projection ?? null;
  return {
    unit: i.unit,
    labels,
    baseline:
      i.baselineYear !== null && i.baselineValue !== null
        ? { year: i.baselineYear, value: i.baselineValue }
        : null,
    actuals: view.series,
    target: t ? { from: t.periodStart ?? t.year, to: t.year, lo, hi } : null,
    // Projections of a level: from the latest value; of a period mean or total, the period's value.
    projection:
      proj && latest && t?.result.method !== 'cumulative' && t?.result.method !== 'mean_growth'
        ? { from: latest, to: proj }
        : null,
  };
}

const W = 640;
const H = 280;
const PAD = { left: 64, right: 16, top: 16, bottom: 40 };

/** A plain SVG line chart; its text alternative is the data table next to it. */
export function ChartSvg(props: { data: ChartData; locale: Locale; title: string }) {
  const d = props.data;
  const values = [
    ...d.actuals.map((a) => a.value),
    ...(d.baseline ? [d.baseline.value] : []),
    ...(d.target ? [d.target.lo, d.target.hi].filter((v): v is number => v !== null) : []),
    ...(d.projection ? [d.projection.to.value] : []),
  ];
  const years = [
    ...d.actuals.map((a) => a.year),
    ...(d.baseline ? [d.baseline.year] : []),
    ...(d.target ? [d.target.from, d.target.to] : []),
  ];
  if (values.length === 0 || years.length === 0) return null;
  let vMin = Math.min(0, ...values);
  let vMax = Math.max(...values);
  if (vMax === vMin) vMax = vMin + 1;
  vMax += (vMax - vMin) * 0.08;
  if (vMin < 0) vMin -= (vMax - vMin) * 0.08;
  const yMin = Math.min(...years) - 1;
  const yMax = Math.max(...years) + 1;
  const x = (year: number) => PAD.left + ((year - yMin) / (yMax - yMin)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - vMin) / (vMax - vMin)) * (H - PAD.top - PAD.bottom);
  const ticks = 4;
  const yTicks = Array.from({ length: ticks + 1 }, (_, k) => vMin + ((vMax - vMin) * k) / ticks);
  const step = Math.max(1, Math.ceil((yMax - yMin) / 10));
  const xTicks: number[] = [];
  for (let yr = yMin + 1; yr <= yMax - 1; yr += step) xTicks.push(yr);
  const t = d.target;
  return (
    <svg
      class="indicator-chart__svg"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={props.title}
      xmlns="http://www.w3.org/2000/svg"
    >
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="grid" />
          <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" class="tick">
            {formatNumber(props.locale, v, 1)}
          </text>
        </g>
      ))}
      {xTicks.map((yr) => (
        <text key={`x${yr}`} x={x(yr)} y={H - PAD.bottom + 18} text-anchor="middle" class="tick">
          {yr}
        </text>
      ))}
      {t && t.lo !== null && t.hi !== null && t.lo !== t.hi ? (
        <rect
          class="target-band"
          x={x(t.from) - 4}
          width={Math.max(8, x(t.to) - x(t.from) + 8)}
          y={y(t.hi)}
          height={Math.max(2, y(t.lo) - y(t.hi))}
        />
      ) : null}
      {t && (t.lo ?? t.hi) !== null ? (
        t.from === t.to || t.lo === t.hi ? (
          <g>
            {t.from !== t.to ? (
              <line
                class="target-line"
                x1={x(t.from)}
                x2={x(t.to)}
                y1={y((t.lo ?? t.hi)!)}
                y2={y((t.lo ?? t.hi)!)}
              />
            ) : null}
            <path class="target-point" d={`M ${x(t.to)} ${y((t.lo ?? t.hi)!) - 7} l 7 7 l -7 7 l -7 -7 z`} />
          </g>
        ) : null
      ) : null}
      {d.projection ? (
        <line
          class="projection"
          x1={x(d.projection.from.year)}
          y1={y(d.projection.from.value)}
          x2={x(d.projection.to.year)}
          y2={y(d.projection.to.value)}
        />
      ) : null}
      {d.actuals.length > 1 ? (
        <polyline class="actual" points={d.actuals.map((a) => `${x(a.year)},${y(a.value)}`).join(' ')} />
      ) : null}
      {d.actuals.map((a) => (
        <circle key={`a${a.year}`} class="actual-point" cx={x(a.year)} cy={y(a.value)} r={4} />
      ))}
      {d.baseline ? (
        <rect
          class="baseline-point"
          x={x(d.baseline.year) - 4}
          y={y(d.baseline.value) - 4}
          width={8}
          height={8}
        />
      ) : null}
      <g class="legend" transform={`translate(${PAD.left}, ${H - 10})`}>
        <rect class="baseline-point" x={0} y={-8} width={8} height={8} />
        <text x={12} y={0}>
          {d.labels.baseline}
        </text>
        <circle class="actual-point" cx={124} cy={-4} r={4} />
        <text x={132} y={0}>
          {d.labels.actual}
        </text>
        <path class="target-point" d="M 244 -11 l 7 7 l -7 7 l -7 -7 z" />
        <text x={256} y={0}>
          {d.labels.target}
        </text>
        <line class="projection" x1={360} x2={384} y1={-4} y2={-4} />
        <text x={390} y={0}>
          {d.labels.projection}
        </text>
      </g>
    </svg>
  );
}
