// The indicators' part of the assessment report: every indicator with its target,
// the latest approved value within the period, and the status as of the period's end.
import { formatNumber } from '../../kernel/i18n/index.ts';
import type { ReportSource } from '../reports/registry.ts';
import { loadIndicatorSummaries, statusCounts } from './queries.ts';
import type { TargetStatus } from './status.ts';
import { thresholdsOf } from './thresholds.ts';

const STATUS_RANK: Record<TargetStatus, number> = {
  off_track: 0,
  needs_acceleration: 1,
  no_data: 2,
  on_track: 3,
  achieved: 4,
};

export const indicatorReportSource: ReportSource = async ({ db, config, period, t }) => {
  const views = await loadIndicatorSummaries(
    db,
    {},
    { thresholds: thresholdsOf(config), asOfYear: period.to },
  );
  const counts = statusCounts(views);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatNumber('vi', v));
  const target = (v: (typeof views)[number]) => {
    const h = v.headline;
    if (!h) return t('layout.noData');
    const value =
      h.minValue !== null && h.maxValue !== null
        ? `${num(h.minValue)}–${num(h.maxValue)}`
        : h.minValue !== null
          ? `≥ ${num(h.minValue)}`
          : h.maxValue !== null
            ? `≤ ${num(h.maxValue)}`
            : num(h.value);
    return `${value} (${h.periodStart !== null ? `${h.periodStart}–${h.year}` : h.year})`;
  };
  return {
    paragraphs: [t('reports.table.summary', { total: views.length, ...counts })],
    tables: [
      {
        title: t('reports.table.indicators'),
        headers: ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Mục tiêu', 'Thực hiện', 'Năm', 'Đánh giá'],
        rows: views.map((v, i) => {
          const latest = v.series.filter((p) => p.year <= period.to).at(-1);
          return [
            i + 1,
            v.indicator.nameVi,
            v.indicator.unit,
            target(v),
            latest ? num(latest.value) : t('layout.noData'),
            latest?.year ?? '',
            t(`indicators.status.${v.status}`),
          ];
        }),
        // The body of a long report keeps the indicators that need action first.
        priority: views.map((v) => STATUS_RANK[v.status]),
      },
    ],
  };
};
