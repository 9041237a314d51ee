// Enhances indicator and dashboard charts: reads the JSON the server embedded in the
// page and draws it with ECharts. Without JavaScript the server's SVG or table remains.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkAreaComponent,
  SVGRenderer,
]);

type Point = { year: number; value: number };
type ChartData = {
  unit: string;
  labels: { baseline: string; actual: string; target: string; projection: string };
  baseline: Point | null;
  actuals: Point[];
  target: { from: number; to: number; lo: number | null; hi: number | null } | null;
  projection: { from: Point; to: Point } | null;
};

const numberFormat = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN', {
  maximumFractionDigits: 2,
});

function indicatorChart(figure: HTMLElement) {
  const script = figure.querySelector<HTMLScriptElement>('.indicator-chart__data');
  const canvas = figure.querySelector<HTMLElement>('.indicator-chart__canvas');
  if (!script || !canvas) return;
  const d = JSON.parse(script.textContent ?? '{}') as ChartData;
  const pair = (p: Point) => [p.year, p.value];
  const series: echarts.EChartsCoreOption[] = [
    { name: d.labels.actual, type: 'line', data: d.actuals.map(pair), symbolSize: 8 },
  ];
  if (d.baseline)
    series.push({
      name: d.labels.baseline,
      type: 'line',
      data: [pair(d.baseline)],
      symbol: 'rect',
      symbolSize: 10,
    });
  if (d.projection)
    series.push({
      name: d.labels.projection,
      type: 'line',
      data: [pair(d.projection.from), pair(d.projection.to)],
      lineStyle: { type: 'dashed' },
    });
  const t = d.target;
  if (t && (t.lo ?? t.hi) !== null) {
    const lo = (t.lo ?? t.hi) as number;
    const hi = (t.hi ?? t.lo) as number;
    series.push({
      name: d.labels.target,
      type: 'line',
      data:
        t.from === t.to
          ? [[t.to, lo]]
          : [
              [t.from, lo],
              [t.to, lo],
            ],
      symbol: 'diamond',
      symbolSize: 12,
      markArea:
        lo !== hi
          ? {
              itemStyle: { opacity: 0.2 },
              data: [
                [
                  { xAxis: t.from, yAxis: lo },
                  { xAxis: t.to, yAxis: hi },
                ],
              ],
            }
          : undefined,
    });
  }
  canvas.style.height = '320px';
  canvas.removeAttribute('aria-hidden');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', figure.querySelector('figcaption')?.textContent ?? '');
  const chart = echarts.init(canvas, undefined, { renderer: 'svg' });
  chart.setOption({
    tooltip: {
      trigger: 'item',
      valueFormatter: (v: unknown) => `${numberFormat.format(Number(v))} ${d.unit}`,
    },
    legend: { bottom: 0 },
    grid: { left: 56, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => String(v) }, scale: true },
    yAxis: { type: 'value', name: d.unit, axisLabel: { formatter: (v: number) => numberFormat.format(v) } },
    series,
  });
  // (the hidden attribute does not hide an SVG element)
  const fallback = figure.querySelector<SVGElement>('.indicator-chart__svg');
  if (fallback) fallback.style.display = 'none';
  window.addEventListener('resize', () => chart.resize());
}

type BarData = { title: string; categories: string[]; values: number[] };

function barChart(figure: HTMLElement) {
  const script = figure.querySelector<HTMLScriptElement>('.bar-chart__data');
  const canvas = figure.querySelector<HTMLElement>('.bar-chart__canvas');
  if (!script || !canvas) return;
  const d = JSON.parse(script.textContent ?? '{}') as BarData;
  canvas.style.height = `${Math.max(160, d.categories.length * 36)}px`;
  const chart = echarts.init(canvas, undefined, { renderer: 'svg' });
  chart.setOption({
    tooltip: {},
    grid: { left: 160, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: d.categories, inverse: true },
    series: [{ type: 'bar', data: d.values, name: d.title }],
  });
  window.addEventListener('resize', () => chart.resize());
}

for (const el of document.querySelectorAll<HTMLElement>('[data-module~="indicator-chart"]'))
  indicatorChart(el);
for (const el of document.querySelectorAll<HTMLElement>('[data-module~="bar-chart"]')) barChart(el);
