// The priority projects' part of the assessment report (template key "priority_projects"):
// every public project with its stage, investment, progress and disbursement as recorded,
// and how far the list itself is verified. Figures the sources do not give stay blank.
import { formatNumber } from '../../kernel/i18n/index.ts';
import type { ReportSource } from '../reports/registry.ts';
import { isStalled, portfolio, stageLabel } from './dashboard.tsx';
import { listProjects } from './queries.ts';

export const projectsReportSource: ReportSource = async ({ db, config, t }) => {
  const rows = await listProjects(db);
  const d = portfolio(rows);
  const bn = (v: number | null) => (v === null ? '' : formatNumber('vi', v / 1e9, 1));
  const pct = (v: number | null) => (v === null ? '' : `${formatNumber('vi', v, 1)}%`);
  const pair = (a: string, b: string) =>
    a === '' && b === '' ? t('layout.noData') : `${a || '—'} / ${b || '—'}`;
  const unverified = rows.filter((p) => p.inDecision1029 !== 'verified').length;
  const paragraphs = [
    t('projects.report.summary', {
      total: d.total,
      stages: d.byStage
        .filter((s) => s.count > 0)
        .map((s) => `${stageLabel(t, s.stage)}: ${s.count}`)
        .join('; '),
    }),
    d.both.rate === null
      ? t('projects.dash.rateNone')
      : t('projects.dash.rateHow', {
          rate: formatNumber('vi', d.both.rate, 1),
          actual: bn(d.both.actual),
          planned: bn(d.both.planned),
          count: d.both.count,
          total: d.total,
        }),
  ];
  if (unverified > 0) paragraphs.push(t('projects.report.unverified', { n: unverified }));
  return {
    paragraphs,
    tables: [
      {
        title: t('projects.report.table'),
        headers: [
          'TT',
          'Dự án',
          'Lĩnh vực',
          'Tổng mức đầu tư (tỷ đồng)',
          'Giai đoạn',
          'Tiến độ (KH / TT)',
          'Giải ngân, tỷ đồng (KH / TT)',
          'Trong danh mục QĐ 1029',
        ],
        rows: rows.map((p, i) => [
          i + 1,
          p.isSample ? `${p.nameVi} (dữ liệu mẫu)` : p.nameVi,
          p.sector ?? '',
          bn(p.totalInvestmentVnd),
          p.stage ? stageLabel(t, p.stage) : t('projects.stage.unknown'),
          pair(pct(p.plannedProgress), pct(p.actualProgress)),
          pair(bn(p.plannedDisbursementVnd), bn(p.actualDisbursementVnd)),
          t(`projects.verification.${p.inDecision1029}`),
        ]),
        // The body of a long report keeps the stalled projects first.
        priority: rows.map((p) => (isStalled(p, config.statusLateGap) ? 0 : 1)),
      },
    ],
  };
};
