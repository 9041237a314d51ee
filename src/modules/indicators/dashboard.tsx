// The indicators' sections of the leadership dashboard: targets by status with
// drill-down by category and by responsible agency, alerts, and communes by a chosen measure.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/query.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import { NoData, SampleBadge, SelectField, Table } from '../../kernel/ui/components.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { CappedNote } from '../dashboard/capped-note.tsx';
import { type DashboardFilters, firstRows, type SectionContext } from '../dashboard/registry.ts';
import type { GeoJsonGeometry } from '../geo/schema.ts';
import { type ByPlace, indicatorByPlace, type PlaceVintage, provinceOutline } from './by-place.ts';
import { PlaceChoice, PlaceFigures, placeTable } from './by-place-view.tsx';
import { indicatorName, StatusBadge, targetText } from './pages.tsx';
import { type IndicatorSummary, loadIndicatorSummaries, statusCounts } from './queries.ts';
import { TARGET_STATUSES, type TargetStatus } from './status.ts';
import { thresholdsOf } from './thresholds.ts';

async function filteredViews(ctx: SectionContext): Promise<IndicatorSummary[]> {
  const views = await ctx.shared('indicators.summaries', () =>
    loadIndicatorSummaries(
      ctx.db,
      { category: ctx.filters.category },
      { thresholds: thresholdsOf(ctx.config) },
    ),
  );
  const agency = ctx.filters.agencyId;
  return agency === undefined ? views : views.filter((v) => v.indicator.responsibleAgencyId === agency);
}

const share = (locale: PageContext['locale'], n: number, total: number) =>
  total === 0 ? '' : `${formatNumber(locale, (100 * n) / total, 0)} %`;

function href(
  filters: DashboardFilters,
  change: Partial<Record<keyof DashboardFilters, string | number | undefined>>,
  locale: string,
) {
  const q = new URLSearchParams();
  const merged = { ...filters, ...change };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') q.set(k, String(v));
  if (locale === 'en') q.set('lang', 'en');
  const s = q.toString();
  return `/dashboard${s ? `?${s}` : ''}`;
}

// ---- targets by status, by category ----

type StatusData = {
  counts: Record<TargetStatus, number>;
  total: number;
  byCategory: { category: string; counts: Record<TargetStatus, number>; total: number }[];
  indicators: { code: string; nameVi: string; nameEn: string | null; status: TargetStatus }[];
  indicatorsTotal: number;
};

export const statusSection = {
  key: 'indicator_status',
  order: 10,
  titleKey: 'indicators.dash.status',
  async load(ctx: SectionContext): Promise<StatusData> {
    const views = await filteredViews(ctx);
    const cats = [...new Set(views.map((v) => v.indicator.category))];
    return {
      counts: statusCounts(views),
      total: views.length,
      byCategory: cats.map((c) => {
        const vs = views.filter((v) => v.indicator.category === c);
        return { category: c, counts: statusCounts(vs), total: vs.length };
      }),
      indicators: firstRows(views, ctx).map((v) => ({
        code: v.indicator.code,
        nameVi: v.indicator.nameVi,
        nameEn: v.indicator.nameEn,
        status: v.status,
      })),
      indicatorsTotal: views.length,
    };
  },
  render(ctx: PageContext, d: StatusData, filters: DashboardFilters) {
    const t = ctx.t;
    const chart = JSON.stringify({
      title: t('indicators.dash.status'),
      categories: TARGET_STATUSES.map((s) => t(`indicators.status.${s}`)),
      values: TARGET_STATUSES.map((s) => d.counts[s]),
    }).replace(/</g, '\\u003c');
    return (
      <>
        {filters.category ? (
          <p>
            {t('indicators.dash.drilledCategory', { category: t(`indicators.category.${filters.category}`) })}
          </p>
        ) : null}
        <div class="dashboard-grid">
          {TARGET_STATUSES.map((s) => (
            <div class="dashboard-tile" key={s}>
              <StatusBadge ctx={ctx} status={s} />
              <strong>{d.counts[s]}</strong>
              <span>{share(ctx.locale, d.counts[s], d.total)}</span>
            </div>
          ))}
        </div>
        <figure data-module="bar-chart">
          <div class="bar-chart__canvas" aria-hidden="true" />
          <script
            type="application/json"
            class="bar-chart__data"
            dangerouslySetInnerHTML={{ __html: chart }}
          />
        </figure>
        <Table
          caption={t('indicators.dash.byCategory')}
          rows={d.byCategory}
          rowKey={(r) => r.category}
          columns={[
            {
              header: t('indicators.field.category'),
              cell: (r) => (
                <a href={href(filters, { category: r.category }, ctx.locale)}>
                  {t(`indicators.category.${r.category}`)}
                </a>
              ),
            },
            ...TARGET_STATUSES.map((s) => ({
              header: t(`indicators.status.${s}`),
              cell: (r: StatusData['byCategory'][number]) => r.counts[s],
              numeric: true,
            })),
            { header: t('indicators.reporting.total'), cell: (r) => r.total, numeric: true },
          ]}
        />
        {filters.category || filters.agencyId ? (
          <Table
            caption={t('indicators.list.caption')}
            rows={d.indicators}
            rowKey={(r) => r.code}
            columns={[
              {
                header: t('indicators.field.name'),
                cell: (r) => <a href={`/indicators/${r.code}`}>{indicatorName(ctx, r)}</a>,
              },
              {
                header: t('indicators.field.status'),
                cell: (r) => <StatusBadge ctx={ctx} status={r.status} />,
              },
            ]}
          />
        ) : null}
        {filters.category || filters.agencyId ? (
          <CappedNote ctx={ctx} shown={d.indicators.length} total={d.indicatorsTotal} />
        ) : null}
      </>
    );
  },
  tables(d: StatusData, t: PageContext['t']) {
    return [
      {
        key: 'by_status',
        title: t('indicators.dash.status'),
        headers: ['status', t('indicators.field.status'), 'count', 'share'],
        rows: TARGET_STATUSES.map((s) => [
          s,
          t(`indicators.status.${s}`),
          d.counts[s],
          d.total ? d.counts[s] / d.total : null,
        ]),
      },
      {
        key: 'by_category',
        title: t('indicators.dash.byCategory'),
        headers: ['category', ...TARGET_STATUSES, 'total'],
        rows: d.byCategory.map((r) => [r.category, ...TARGET_STATUSES.map((s) => r.counts[s]), r.total]),
      },
      {
        key: 'indicators',
        title: t('indicators.list.caption'),
        headers: ['code', 'name_vi', 'status'],
        rows: d.indicators.map((r) => [r.code, r.nameVi, r.status]),
      },
    ];
  },
};

// ---- alerts ----

type Alert = {
  code: string;
  nameVi: string;
  nameEn: string | null;
  target: string;
  status: TargetStatus;
  latest: { year: number; value: number } | null;
  unit: string;
};

export const alertsSection = {
  key: 'indicator_alerts',
  order: 20,
  titleKey: 'indicators.dash.alerts',
  async load(ctx: SectionContext): Promise<Alert[]> {
    const views = await filteredViews(ctx);
    const fakeCtx = { t: ctx.t, locale: 'vi' } as PageContext;
    return views
      .filter((v) => v.status === 'off_track' || v.status === 'needs_acceleration')
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'off_track' ? -1 : 1))
      .map((v) => ({
        code: v.indicator.code,
        nameVi: v.indicator.nameVi,
        nameEn: v.indicator.nameEn,
        target: v.headline ? targetText(fakeCtx, v.headline, v.indicator.unit) : '',
        status: v.status,
        latest: v.series.at(-1) ?? null,
        unit: v.indicator.unit,
      }));
  },
  render(ctx: PageContext, d: Alert[]) {
    const t = ctx.t;
    return (
      <Table
        caption={t('indicators.dash.alerts')}
        rows={d}
        rowKey={(r) => r.code}
        empty={t('indicators.dash.noAlerts')}
        columns={[
          {
            header: t('indicators.field.name'),
            cell: (r) => <a href={`/indicators/${r.code}`}>{indicatorName(ctx, r)}</a>,
          },
          { header: t('indicators.field.target'), cell: (r) => r.target },
          {
            header: t('indicators.field.latest'),
            cell: (r) =>
              r.latest ? (
                `${formatNumber(ctx.locale, r.latest.value)} ${r.unit} (${r.latest.year})`
              ) : (
                <NoData ctx={ctx} />
              ),
          },
          { header: t('indicators.field.status'), cell: (r) => <StatusBadge ctx={ctx} status={r.status} /> },
        ]}
      />
    );
  },
  tables(d: Alert[], t: PageContext['t']) {
    return [
      {
        key: 'alerts',
        title: t('indicators.dash.alerts'),
        headers: ['code', 'name_vi', 'target', 'latest_year', 'latest_value', 'unit', 'status'],
        rows: d.map((r) => [
          r.code,
          r.nameVi,
          r.target,
          r.latest?.year ?? null,
          r.latest?.value ?? null,
          r.unit,
          r.status,
        ]),
      },
    ];
  },
};

// ---- by responsible agency ----

type AgencyRowData = {
  agencyId: number | null;
  name: string | null;
  counts: Record<TargetStatus, number>;
  total: number;
};

export const agenciesSection = {
  key: 'indicator_agencies',
  order: 30,
  titleKey: 'indicators.dash.byAgency',
  async load(ctx: SectionContext): Promise<AgencyRowData[]> {
    const views = await filteredViews(ctx);
    const groups = new Map<number | null, IndicatorSummary[]>();
    for (const v of views) {
      const id = v.agency?.id ?? null;
      const group = groups.get(id);
      if (group) group.push(v);
      else groups.set(id, [v]);
    }
    return [...groups.entries()].map(([agencyId, vs]) => ({
      agencyId,
      name: vs[0]?.agency?.nameVi ?? null,
      counts: statusCounts(vs),
      total: vs.length,
    }));
  },
  render(ctx: PageContext, d: AgencyRowData[], filters: DashboardFilters) {
    const t = ctx.t;
    return (
      <Table
        caption={t('indicators.dash.byAgency')}
        rows={d}
        rowKey={(r) => String(r.agencyId)}
        columns={[
          {
            header: t('indicators.field.agency'),
            cell: (r) =>
              r.agencyId === null ? (
                t('indicators.dash.noAgency')
              ) : (
                <a href={href(filters, { agencyId: r.agencyId }, ctx.locale)}>{r.name}</a>
              ),
          },
          ...TARGET_STATUSES.map((s) => ({
            header: t(`indicators.status.${s}`),
            cell: (r: AgencyRowData) => r.counts[s],
            numeric: true,
          })),
          { header: t('indicators.reporting.total'), cell: (r) => r.total, numeric: true },
        ]}
      />
    );
  },
  tables(d: AgencyRowData[], t: PageContext['t']) {
    return [
      {
        key: 'by_agency',
        title: t('indicators.dash.byAgency'),
        headers: ['agency_id', 'agency', ...TARGET_STATUSES, 'total'],
        rows: d.map((r) => [
          r.agencyId,
          r.name ?? t('indicators.dash.noAgency'),
          ...TARGET_STATUSES.map((s) => r.counts[s]),
          r.total,
        ]),
      },
    ];
  },
};

// ---- communes by a chosen measure, in the new or the old units ----

type Measure = {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  additive: boolean;
  weightIndicatorId: number | null;
};
type CommuneDetail = {
  unitId: string;
  name: string;
  rows: (Pick<Measure, 'code' | 'nameVi' | 'nameEn' | 'unit'> & {
    year: number;
    quarter: number;
    value: number;
    isSample: boolean;
  })[];
};
/** The measure by place (year, rows, where each figure came from), with the choices around it. */
type CommuneData = ByPlace & {
  /** the measures to choose from: the first of them on the page and in the API, the chosen one always */
  measures: Measure[];
  measuresTotal: number;
  measure: Measure | null;
  /** the province outline, thinned, for the map */
  outline: GeoJsonGeometry | null;
  commune: CommuneDetail | null;
};

const measureName = (ctx: PageContext, m: Pick<Measure, 'nameVi' | 'nameEn' | 'unit'>) =>
  `${indicatorName(ctx, m)} (${m.unit})`;

export const communesSection = {
  key: 'indicator_communes',
  order: 40,
  titleKey: 'indicators.dash.communes',
  async load(ctx: SectionContext): Promise<CommuneData> {
    const measures = await queryRows<Measure>(
      ctx.db,
      // One index probe per indicator (stops at its first value by place), not a pass over every observation.
      sql`select i.id, i.code, i.name_vi as "nameVi", i.name_en as "nameEn", i.unit, i.additive,
                 i.weight_indicator_id as "weightIndicatorId"
          from indicators i
          where exists (select 1 from indicator_observations o join admin_units u on u.id = o.admin_unit_id
                        where o.indicator_id = i.id and u.level in ('commune', 'district')
                          and o.status = 'approved' and o.quarter = 0)
            ${ctx.filters.category ? sql`and i.category = ${ctx.filters.category}` : sql``}
          order by i.code`,
    );
    let commune: CommuneDetail | null = null;
    if (ctx.filters.commune) {
      const [unit] = await queryRows<{ id: string; name: string }>(
        ctx.db,
        sql`select id, full_name_vi as name from admin_units where id = ${ctx.filters.commune}`,
      );
      if (unit)
        commune = {
          unitId: unit.id,
          name: unit.name,
          rows: await queryRows<CommuneDetail['rows'][number]>(
            ctx.db,
            sql`select i.code, i.name_vi as "nameVi", i.name_en as "nameEn", i.unit, o.year, o.quarter,
                       o.value::float as value, o.is_sample as "isSample"
                from indicator_observations o join indicators i on i.id = o.indicator_id
                where o.admin_unit_id = ${unit.id} and o.status = 'approved'
                order by i.sort_order, o.year desc, o.quarter`,
          ),
        };
    }
    const vintage = ctx.filters.units ?? 'new';
    const measure = measures.find((m) => m.code === ctx.filters.measure) ?? measures[0] ?? null;
    if (!measure)
      return { ...noPlaces(vintage), measures: [], measuresTotal: 0, measure: null, outline: null, commune };
    const byPlace = await indicatorByPlace(ctx.db, measure, { vintage });
    // Ten thousand measures at national scale made a megabyte of choices: the first ones are
    // offered, the category filter narrows them, and the chosen one is always among them.
    const offered = firstRows(measures, ctx);
    if (!offered.includes(measure)) offered.push(measure);
    return {
      ...byPlace,
      measures: offered,
      measuresTotal: measures.length,
      measure,
      outline: await provinceOutline(ctx.db),
      commune,
    };
  },
  render(ctx: PageContext, d: CommuneData, filters: DashboardFilters) {
    const t = ctx.t;
    const detail = d.commune ? <CommuneDrillDown ctx={ctx} detail={d.commune} /> : null;
    if (!d.measure)
      return (
        <>
          {detail}
          <p class="no-data">{t('indicators.dash.noCommuneData')}</p>
        </>
      );
    const m = d.measure;
    return (
      <>
        {detail}
        <PlaceChoice
          ctx={ctx}
          action="/dashboard"
          vintage={d.vintage}
          hidden={{ category: filters.category, agencyId: filters.agencyId, commune: filters.commune }}
        >
          <SelectField
            name="measure"
            label={t('indicators.dash.measure')}
            value={m.code}
            options={d.measures.map((x) => ({ value: x.code, label: measureName(ctx, x) }))}
          />
        </PlaceChoice>
        {d.measures.length < d.measuresTotal ? (
          <p class="dashboard-capped">
            {t('indicators.dash.measuresCapped', { shown: d.measures.length, total: d.measuresTotal })}
          </p>
        ) : null}
        <PlaceFigures
          ctx={ctx}
          data={d}
          name={indicatorName(ctx, m)}
          unit={m.unit}
          outline={d.outline}
          selected={filters.commune}
          hrefOf={(r) => href(filters, { measure: m.code, commune: r.unitId }, ctx.locale)}
        />
      </>
    );
  },
  tables(d: CommuneData, t: PageContext['t']) {
    const tables = [
      {
        key: 'communes',
        title: t('indicators.dash.communes'),
        ...placeTable(d, d.measure?.code ?? ''),
      },
    ];
    if (d.commune)
      tables.push({
        key: 'commune_detail',
        title: t('indicators.map.detail', { name: d.commune.name }),
        headers: ['admin_unit_id', 'name', 'indicator_code', 'year', 'quarter', 'value', 'unit', 'is_sample'],
        rows: d.commune.rows.map((r) => [
          d.commune!.unitId,
          d.commune!.name,
          r.code,
          r.year,
          r.quarter,
          r.value,
          r.unit,
          r.isSample ? 'true' : 'false',
        ]),
      });
    return tables;
  },
};

const noPlaces = (vintage: PlaceVintage): ByPlace => ({
  vintage,
  year: null,
  years: [],
  additive: true,
  weight: null,
  rule: 'equal',
  rows: [],
  unassigned: [],
});

function CommuneDrillDown(props: { ctx: PageContext; detail: CommuneDetail }) {
  const { ctx, detail } = props;
  const t = ctx.t;
  return (
    <section class="commune-detail" aria-labelledby="commune-detail-title">
      <h3 id="commune-detail-title">{t('indicators.map.detail', { name: detail.name })}</h3>
      <Table
        caption={t('indicators.map.detail', { name: detail.name })}
        rows={detail.rows}
        rowKey={(r) => `${r.code}-${r.year}-${r.quarter}`}
        empty={t('indicators.map.noDetail')}
        columns={[
          {
            header: t('indicators.field.name'),
            cell: (r) => <a href={`/indicators/${r.code}`}>{indicatorName(ctx, r)}</a>,
          },
          {
            header: t('indicators.field.year'),
            cell: (r) => (r.quarter ? `${r.year} Q${r.quarter}` : r.year),
          },
          {
            header: t('indicators.field.value'),
            cell: (r) => (
              <>
                {formatNumber(ctx.locale, r.value)} {r.unit} {r.isSample ? <SampleBadge ctx={ctx} /> : null}
              </>
            ),
            numeric: true,
          },
        ]}
      />
    </section>
  );
}
