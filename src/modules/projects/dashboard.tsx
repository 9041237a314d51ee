// The priority projects' part of the leadership dashboard: projects by stage and
// capital mobilised (actual disbursement) against the plan (planned disbursement),
// each total saying on how many projects it rests. Registered in module.ts.
import { formatNumber } from '../../kernel/i18n/index.ts';
import { Table } from '../../kernel/ui/components.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { firstRows, type SectionContext } from '../dashboard/registry.ts';
import { listProjectFigures, type ProjectFigures, type ProjectRow } from './queries.ts';
import { PROJECT_STAGES } from './schema.ts';

/** Stages plus "not recorded" (the sources give no stage for most projects). */
export const STAGE_KEYS = [...PROJECT_STAGES, 'unknown'] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

/**
 * Rule: a project is stalled when both its planned and actual physical progress
 * are recorded and the actual lags the planned by more than `lateGap` points
 * (the same threshold that makes a task "late"). Without both figures nothing is said.
 */
export function isStalled(p: Pick<ProjectRow, 'plannedProgress' | 'actualProgress'>, lateGap: number) {
  return (
    p.plannedProgress !== null && p.actualProgress !== null && p.plannedProgress - p.actualProgress > lateGap
  );
}

export async function projectsOf(
  ctx: Pick<SectionContext, 'db' | 'filters' | 'shared'>,
): Promise<ProjectFigures[]> {
  const rows = await ctx.shared('projects.figures', () => listProjectFigures(ctx.db));
  const agency = ctx.filters.agencyId;
  return agency === undefined ? rows : rows.filter((p) => p.responsibleAgencyId === agency);
}

/** A sum over the projects where the figure is recorded, and how many those are. */
export type KnownSum = { sum: number; known: number };

export type PortfolioData = {
  total: number;
  byStage: { stage: StageKey; count: number }[];
  investment: KnownSum;
  planned: KnownSum;
  actual: KnownSum;
  /** Projects with both planned and actual disbursement: the rate rests on these only. */
  both: { planned: number; actual: number; count: number; rate: number | null };
  rows: {
    id: number;
    code: string;
    nameVi: string;
    stage: StageKey;
    totalInvestmentVnd: number | null;
    plannedDisbursementVnd: number | null;
    actualDisbursementVnd: number | null;
  }[];
};

function knownSum(values: (number | null)[]): KnownSum {
  const known = values.filter((v): v is number => v !== null);
  return { sum: known.reduce((a, b) => a + b, 0), known: known.length };
}

export function portfolio(rows: readonly ProjectFigures[]): PortfolioData {
  const stageOf = (p: ProjectFigures): StageKey => p.stage ?? 'unknown';
  const withBoth = rows.filter((p) => p.plannedDisbursementVnd !== null && p.actualDisbursementVnd !== null);
  const planned = withBoth.reduce((a, p) => a + (p.plannedDisbursementVnd ?? 0), 0);
  const actual = withBoth.reduce((a, p) => a + (p.actualDisbursementVnd ?? 0), 0);
  return {
    total: rows.length,
    byStage: STAGE_KEYS.map((stage) => ({ stage, count: rows.filter((p) => stageOf(p) === stage).length })),
    investment: knownSum(rows.map((p) => p.totalInvestmentVnd)),
    planned: knownSum(rows.map((p) => p.plannedDisbursementVnd)),
    actual: knownSum(rows.map((p) => p.actualDisbursementVnd)),
    both: {
      planned,
      actual,
      count: withBoth.length,
      rate: planned > 0 ? Math.round((1000 * actual) / planned) / 10 : null,
    },
    rows: rows.map((p) => ({
      id: p.id,
      code: p.code,
      nameVi: p.nameVi,
      stage: stageOf(p),
      totalInvestmentVnd: p.totalInvestmentVnd,
      plannedDisbursementVnd: p.plannedDisbursementVnd,
      actualDisbursementVnd: p.actualDisbursementVnd,
    })),
  };
}

/** The section's figures: the project list shortened on the page and in the API. */
type PortfolioSection = PortfolioData & { rowsTotal: number };

export const stageLabel = (t: PageContext['t'], s: StageKey) =>
  s === 'unknown' ? t('projects.stage.unknown') : t(`projects.stage.${s}`);

const billion = (locale: PageContext['locale'], vnd: number) => formatNumber(locale, vnd / 1e9, 1);

export const portfolioSection = {
  key: 'projects_portfolio',
  order: 70,
  titleKey: 'projects.dash.title',
  async load(ctx: SectionContext): Promise<PortfolioSection> {
    const d = portfolio(await projectsOf(ctx));
    return { ...d, rows: firstRows(d.rows, ctx), rowsTotal: d.rows.length };
  },
  render(ctx: PageContext, d: PortfolioSection) {
    const t = ctx.t;
    const sumText = (s: KnownSum) =>
      s.known === 0
        ? t('projects.dash.noFigure', { total: d.total })
        : t('projects.dash.sum', { amount: billion(ctx.locale, s.sum), known: s.known, total: d.total });
    return (
      <>
        <Table
          caption={t('projects.dash.byStage')}
          rows={d.byStage}
          rowKey={(r) => r.stage}
          columns={[
            { header: t('projects.col.stage'), cell: (r) => stageLabel(t, r.stage) },
            { header: t('projects.dash.count'), cell: (r) => r.count, numeric: true },
          ]}
        />
        <h3>{t('projects.dash.capital')}</h3>
        <dl class="summary-list">
          <dt>{t('projects.col.investment')}</dt>
          <dd>{sumText(d.investment)}</dd>
          <dt>{t('projects.dash.planned')}</dt>
          <dd>{sumText(d.planned)}</dd>
          <dt>{t('projects.dash.actual')}</dt>
          <dd>{sumText(d.actual)}</dd>
          <dt>{t('projects.dash.rate')}</dt>
          <dd>
            {d.both.rate === null
              ? t('projects.dash.rateNone')
              : t('projects.dash.rateHow', {
                  rate: formatNumber(ctx.locale, d.both.rate, 1),
                  actual: billion(ctx.locale, d.both.actual),
                  planned: billion(ctx.locale, d.both.planned),
                  count: d.both.count,
                  total: d.total,
                })}
          </dd>
        </dl>
      </>
    );
  },
  tables(d: PortfolioSection, t: PageContext['t']) {
    return [
      {
        key: 'by_stage',
        title: t('projects.dash.byStage'),
        headers: ['stage', t('projects.col.stage'), 'count'],
        rows: d.byStage.map((r) => [r.stage, stageLabel(t, r.stage), r.count]),
      },
      {
        key: 'capital',
        title: t('projects.dash.capital'),
        headers: [
          'code',
          t('projects.col.name'),
          'stage',
          'total_investment_vnd',
          'planned_disbursement_vnd',
          'actual_disbursement_vnd',
        ],
        rows: d.rows.map((r) => [
          r.code,
          r.nameVi,
          r.stage,
          r.totalInvestmentVnd,
          r.plannedDisbursementVnd,
          r.actualDisbursementVnd,
        ]),
      },
    ];
  },
};
