// Public indicator pages (list, reporting status, one page per indicator) and the staff
// pages to enter values (a form, and a spreadsheet import).
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import {
  Badge,
  type BadgeTone,
  Button,
  ErrorSummary,
  Form,
  LinkButton,
  NoData,
  Notice,
  SampleBadge,
  SelectField,
  SourceLinks,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { GeoJsonGeometry } from '../geo/schema.ts';
import type { ByPlace } from './by-place.ts';
import { PlaceChoice, PlaceFigures } from './by-place-view.tsx';
import { ChartSvg, chartData } from './chart.tsx';
import type { IndicatorSummary, IndicatorView, TargetWithStatus } from './queries.ts';
import { INDICATOR_CATEGORIES, OBSERVATION_STATUSES } from './schema.ts';
import { type StatusResult, TARGET_STATUSES, type TargetStatus } from './status.ts';

const TONE: Record<TargetStatus, BadgeTone> = {
  achieved: 'success',
  on_track: 'success',
  needs_acceleration: 'warning',
  off_track: 'danger',
  no_data: 'neutral',
};

export function StatusBadge(props: { ctx: PageContext; status: TargetStatus }) {
  return <Badge tone={TONE[props.status]}>{props.ctx.t(`indicators.status.${props.status}`)}</Badge>;
}

export function indicatorName(ctx: PageContext, i: { nameVi: string; nameEn: string | null }) {
  return ctx.locale === 'en' && i.nameEn ? i.nameEn : i.nameVi;
}

const num = (ctx: PageContext, v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '' : formatNumber(ctx.locale, v, digits);

/** "8–8,5 %/năm, giai đoạn 2021–2030" */
export function targetText(ctx: PageContext, t: TargetWithStatus, unit: string): string {
  const cmp: Record<string, string> = { gt: '> ', gte: '≥ ', lt: '< ', lte: '≤ ', approx: '~ ' };
  let value: string;
  if (t.minValue !== null && t.maxValue !== null) value = `${num(ctx, t.minValue)}–${num(ctx, t.maxValue)}`;
  else if (t.minValue !== null) value = `≥ ${num(ctx, t.minValue)}`;
  else if (t.maxValue !== null) value = `≤ ${num(ctx, t.maxValue)}`;
  else value = `${cmp[t.comparator] ?? ''}${num(ctx, t.value)}`;
  const when =
    t.periodStart !== null
      ? ctx.t('indicators.detail.period', { from: t.periodStart, to: t.year })
      : ctx.t('indicators.detail.by', { year: t.year });
  return `${value} ${unit}, ${when}`;
}

function rateText(ctx: PageContext, r: StatusResult, rate: number | null, unit: string): string {
  if (rate === null) return '';
  const perYear = ctx.t('indicators.how.perYear');
  if (r.method === 'cagr') return `${num(ctx, rate * 100, 2)} %${perYear}`;
  if (r.method === 'mean_growth') return `${num(ctx, rate, 2)} %${perYear}`;
  if (r.method === 'linear' && unit.trim().startsWith('%'))
    return `${num(ctx, rate, 2)} ${ctx.t('indicators.how.points')}`;
  return `${num(ctx, rate, 2)} ${unit}${perYear}`;
}

/** The "how this was computed" panel: every number the status came from. */
export function HowComputed(props: { ctx: PageContext; result: StatusResult; unit: string; open?: boolean }) {
  const { ctx, result: r, unit } = props;
  const t = ctx.t;
  const p = (pt: { year: number; value: number } | null) =>
    pt ? `${num(ctx, pt.value)} ${unit} (${pt.year})` : '';
  const items = [
    { label: t('indicators.field.status'), value: t(`indicators.reason.${r.reason}`) },
    r.goal !== null ? { label: t('indicators.how.goal'), value: `${num(ctx, r.goal)} ${unit}` } : null,
    r.base ? { label: t('indicators.how.base'), value: p(r.base) } : null,
    r.latest ? { label: t('indicators.how.latest'), value: p(r.latest) } : null,
    r.yearsObserved.length
      ? { label: t('indicators.how.yearsObserved'), value: r.yearsObserved.join(', ') }
      : null,
    r.yearsMissing.length
      ? { label: t('indicators.how.yearsMissing'), value: r.yearsMissing.join(', ') }
      : null,
    r.achievedRate !== null
      ? { label: t('indicators.how.achieved'), value: rateText(ctx, r, r.achievedRate, unit) }
      : null,
    r.requiredRate !== null
      ? {
          label: t('indicators.how.required'),
          value: rateText(ctx, r, r.method === 'mean_growth' ? r.requiredRate : r.requiredRate, unit),
        }
      : null,
    r.ratio !== null ? { label: t('indicators.how.ratio'), value: num(ctx, r.ratio, 3) } : null,
    r.requiredRateNow !== null
      ? { label: t('indicators.how.requiredNow'), value: rateText(ctx, r, r.requiredRateNow, unit) }
      : null,
    r.projection
      ? {
          label: t('indicators.how.projection', { year: r.projection.year }),
          value: `${num(ctx, r.projection.value)} ${unit}`,
        }
      : null,
  ].filter((i): i is { label: string; value: string } => i !== null);
  return (
    <details class="how-computed" open={props.open}>
      <summary>{t('indicators.howComputed')}</summary>
      <p>{t(`indicators.how.method.${r.method}`)}</p>
      <SummaryList items={items} />
      {r.ratio !== null ? (
        <p class="hint">
          {t('indicators.how.thresholds', {
            onTrack: num(ctx, r.thresholds.onTrack, 2),
            accel: num(ctx, r.thresholds.needsAcceleration, 2),
          })}
        </p>
      ) : null}
      <p>
        <a href="/indicators/method">{t('indicators.how.docs')}</a>
      </p>
    </details>
  );
}

export type ListFilter = { category?: string; plan?: string; status?: string; q?: string };

function withQuery(path: string, params: Record<string, string | undefined>, locale: string) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  if (locale === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function IndicatorListPage(props: {
  ctx: PageContext;
  views: IndicatorSummary[];
  filter: ListFilter;
  plans: { code: string; nameVi: string; nameEn: string | null }[];
}) {
  const { ctx, filter } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('indicators.list.title'),
        description: t('indicators.list.intro'),
        breadcrumbs: [{ label: t('indicators.list.title') }],
      }}
    >
      <h1>{t('indicators.list.title')}</h1>
      <p class="lead">{t('indicators.list.intro')}</p>
      <p>
        <a href={withQuery('/indicators/reporting-status', {}, ctx.locale)}>
          {t('indicators.reporting.link')}
        </a>
        {' · '}
        <a href="/api/v1/indicators/export?format=xlsx">{t('indicators.export.xlsx')}</a>
        {' · '}
        <a href="/api/v1/indicators/export?format=csv">{t('indicators.export.csv')}</a>
      </p>
      <form method="get" action="/indicators" class="filters">
        {ctx.locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <TextField name="q" type="search" label={t('indicators.filter.q')} value={filter.q} />
        <SelectField
          name="category"
          label={t('indicators.filter.category')}
          value={filter.category}
          emptyLabel={t('common.all')}
          options={INDICATOR_CATEGORIES.map((c) => ({ value: c, label: t(`indicators.category.${c}`) }))}
        />
        <SelectField
          name="plan"
          label={t('indicators.filter.plan')}
          value={filter.plan}
          emptyLabel={t('common.all')}
          options={props.plans.map((p) => ({
            value: p.code,
            label: ctx.locale === 'en' && p.nameEn ? p.nameEn : p.nameVi,
          }))}
        />
        <SelectField
          name="status"
          label={t('indicators.filter.status')}
          value={filter.status}
          emptyLabel={t('common.all')}
          options={TARGET_STATUSES.map((s) => ({ value: s, label: t(`indicators.status.${s}`) }))}
        />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <p role="status">{t('indicators.list.count', { count: props.views.length })}</p>
      <Table
        caption={t('indicators.list.caption')}
        rows={props.views}
        rowKey={(v) => v.indicator.code}
        empty={t('indicators.list.none')}
        columns={[
          {
            header: t('indicators.field.name'),
            cell: (v) => (
              <>
                <a href={withQuery(`/indicators/${v.indicator.code}`, {}, ctx.locale)}>
                  {indicatorName(ctx, v.indicator)}
                </a>
                {v.indicator.isSample ? <SampleBadge ctx={ctx} /> : null}
              </>
            ),
          },
          {
            header: t('indicators.field.category'),
            cell: (v) => t(`indicators.category.${v.indicator.category}`),
          },
          {
            header: t('indicators.field.target'),
            cell: (v) => (v.headline ? targetText(ctx, v.headline, v.indicator.unit) : <NoData ctx={ctx} />),
          },
          {
            header: t('indicators.field.latest'),
            cell: (v) => {
              const l = v.series.at(-1);
              return l ? `${num(ctx, l.value)} ${v.indicator.unit} (${l.year})` : <NoData ctx={ctx} />;
            },
          },
          { header: t('indicators.field.status'), cell: (v) => <StatusBadge ctx={ctx} status={v.status} /> },
        ]}
      />
    </Layout>
  );
}

export function ReportingStatusPage(props: {
  ctx: PageContext;
  report: {
    rows: { category: string; total: number; withData: number; withTarget: number }[];
    total: { total: number; withData: number; withTarget: number };
  };
}) {
  const { ctx } = props;
  const t = ctx.t;
  const share = (a: number, b: number) => (b === 0 ? '' : `${formatNumber(ctx.locale, (100 * a) / b, 0)} %`);
  const rows = [...props.report.rows, { category: '_all', ...props.report.total }];
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('indicators.reporting.title'),
        breadcrumbs: [
          { href: '/indicators', label: t('indicators.list.title') },
          { label: t('indicators.reporting.title') },
        ],
      }}
    >
      <h1>{t('indicators.reporting.title')}</h1>
      <p class="lead">{t('indicators.reporting.intro')}</p>
      <p>{t('indicators.reporting.definition')}</p>
      <p>
        <a href="/indicators/reporting-status.csv">{t('indicators.reporting.csv')}</a>
        {' · '}
        <a href="/indicators/method">{t('indicators.how.docs')}</a>
      </p>
      <Table
        caption={t('indicators.reporting.caption')}
        rows={rows}
        rowKey={(r) => r.category}
        columns={[
          {
            header: t('indicators.field.category'),
            cell: (r) =>
              r.category === '_all' ? (
                <strong>{t('indicators.reporting.all')}</strong>
              ) : (
                <a href={withQuery('/indicators', { category: r.category }, ctx.locale)}>
                  {t(`indicators.category.${r.category}`)}
                </a>
              ),
          },
          { header: t('indicators.reporting.total'), cell: (r) => r.total, numeric: true },
          { header: t('indicators.reporting.withData'), cell: (r) => r.withData, numeric: true },
          { header: t('indicators.reporting.withTarget'), cell: (r) => r.withTarget, numeric: true },
          { header: t('indicators.reporting.share'), cell: (r) => share(r.withData, r.total), numeric: true },
        ]}
      />
    </Layout>
  );
}

export function IndicatorPage(props: {
  ctx: PageContext;
  view: IndicatorView;
  canEnter: boolean;
  /** planners and administrators: edit the indicator and its targets, review drafts */
  canEdit?: boolean;
  notice?: string;
  byPlace?: ByPlace;
  outline?: GeoJsonGeometry | null;
}) {
  const { ctx, view } = props;
  const t = ctx.t;
  const i = view.indicator;
  const name = indicatorName(ctx, i);
  const data = chartData(view, {
    baseline: t('indicators.legend.baseline'),
    actual: t('indicators.legend.actual'),
    target: t('indicators.legend.target'),
    projection: t('indicators.legend.projection'),
  });
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: name,
        description: `${name} — ${t('indicators.list.title')}`,
        breadcrumbs: [{ href: '/indicators', label: t('indicators.list.title') }, { label: name }],
        scripts: ['/assets/client/charts.js'],
      }}
    >
      <h1>
        {name} {i.isSample ? <SampleBadge ctx={ctx} /> : null}
      </h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <p>
        <StatusBadge ctx={ctx} status={view.status} />
      </p>
      {props.canEdit ? (
        <p>
          <a href={`/indicators/${i.code}/edit`}>{t('indicators.edit.link')}</a>
          {view.observations.some((o) => o.status === 'draft') ? (
            <>
              {' · '}
              <a href="/indicators/drafts">
                {t('indicators.drafts.pending', {
                  count: view.observations.filter((o) => o.status === 'draft').length,
                })}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <SummaryList
        items={[
          { label: t('indicators.field.code'), value: i.code },
          { label: t('indicators.field.unit'), value: i.unit },
          { label: t('indicators.field.category'), value: t(`indicators.category.${i.category}`) },
          { label: t('indicators.field.kind'), value: t(`indicators.kind.${i.kind}`) },
          { label: t('indicators.field.direction'), value: t(`indicators.direction.${i.direction}`) },
          { label: t('indicators.field.additive'), value: t(`indicators.additive.${i.additive}`) },
          {
            label: t('indicators.field.plan'),
            value: ctx.locale === 'en' && view.plan.nameEn ? view.plan.nameEn : view.plan.nameVi,
          },
          {
            label: t('indicators.field.baseline'),
            value:
              i.baselineYear !== null && i.baselineValue !== null ? (
                `${num(ctx, i.baselineValue)} ${i.unit} (${i.baselineYear})${i.baselineNote ? ` — ${i.baselineNote}` : ''}`
              ) : (
                <NoData ctx={ctx}>
                  {i.baselineNote ? `${t('layout.noData')} (${i.baselineNote})` : undefined}
                </NoData>
              ),
          },
          {
            label: t('indicators.field.agency'),
            value: view.agency ? (
              ctx.locale === 'en' && view.agency.nameEn ? (
                view.agency.nameEn
              ) : (
                view.agency.nameVi
              )
            ) : (
              <NoData ctx={ctx} />
            ),
          },
          { label: t('indicators.field.scope'), value: i.scopeNote ?? <NoData ctx={ctx} /> },
          ...(i.dataSource ? [{ label: t('indicators.field.dataSource'), value: i.dataSource }] : []),
          ...(i.notes ? [{ label: t('indicators.field.notes'), value: i.notes }] : []),
        ]}
      />
      <SourceLinks ctx={ctx} sources={i.sources} />

      <h2>{t('indicators.detail.targets')}</h2>
      {view.targets.length === 0 ? (
        <p class="no-data">{t('indicators.detail.noTargets')}</p>
      ) : (
        view.targets.map((tg) => (
          <section class="indicator-target" key={tg.id}>
            <h3>
              {t('indicators.field.target')}: {targetText(ctx, tg, i.unit)}{' '}
              <StatusBadge ctx={ctx} status={tg.result.status} />
            </h3>
            {tg.note ? <p>{tg.note}</p> : null}
            <SourceLinks ctx={ctx} sources={tg.sources} />
            <HowComputed ctx={ctx} result={tg.result} unit={i.unit} />
          </section>
        ))
      )}

      <h2>{t('indicators.detail.chart')}</h2>
      <figure class="indicator-chart" data-module="indicator-chart">
        <div class="indicator-chart__canvas" aria-hidden="true" />
        <ChartSvg data={data} locale={ctx.locale} title={`${name}: ${t('indicators.detail.chartCaption')}`} />
        <figcaption>{t('indicators.detail.chartCaption')}</figcaption>
        <script
          type="application/json"
          class="indicator-chart__data"
          dangerouslySetInnerHTML={{ __html: json }}
        />
      </figure>

      {props.byPlace && props.byPlace.years.length > 0 ? (
        <section id="theo-dia-ban" aria-labelledby="theo-dia-ban-title">
          <h2 id="theo-dia-ban-title">{t('indicators.place.title')}</h2>
          <PlaceChoice
            ctx={ctx}
            action={`/indicators/${i.code}#theo-dia-ban`}
            vintage={props.byPlace.vintage}
            years={props.byPlace.years}
            year={props.byPlace.year}
          />
          <PlaceFigures
            ctx={ctx}
            data={props.byPlace}
            name={name}
            unit={i.unit}
            outline={props.outline ?? null}
          />
        </section>
      ) : null}

      <h2>{t('indicators.detail.observations')}</h2>
      <p>
        <a href={`/indicators/${i.code}/data.csv`}>{t('indicators.detail.downloadCsv')}</a>
        {props.canEnter ? (
          <>
            {' · '}
            <a href={`/indicators/${i.code}/observations/new`}>{t('indicators.detail.addObservation')}</a>
          </>
        ) : null}
      </p>
      {view.observations.some((o) => o.isSample) ? (
        <Notice>
          <SampleBadge ctx={ctx} /> {t('indicators.detail.sampleNote')}
        </Notice>
      ) : null}
      <Table
        caption={t('indicators.detail.obsCaption')}
        rows={view.observations}
        rowKey={(o) => o.id}
        empty={t('indicators.detail.noObservations')}
        columns={[
          {
            header: t('indicators.field.year'),
            cell: (o) => (o.quarter ? `${o.year} Q${o.quarter}` : String(o.year)),
          },
          { header: t('indicators.field.unitId'), cell: (o) => o.adminUnitId },
          {
            header: `${t('indicators.field.value')} (${i.unit})`,
            cell: (o) => num(ctx, o.value, 3),
            numeric: true,
          },
          {
            header: t('indicators.field.obsStatus'),
            cell: (o) => (
              <>
                {t(`indicators.obsStatus.${o.status}`)} {o.isSample ? <SampleBadge ctx={ctx} /> : null}
              </>
            ),
          },
          { header: t('indicators.field.note'), cell: (o) => o.note ?? '' },
          { header: t('layout.sources'), cell: (o) => <SourceLinks ctx={ctx} sources={o.sources} /> },
        ]}
      />
    </Layout>
  );
}

export type ObservationFormValues = Partial<
  Record<'year' | 'quarter' | 'adminUnitId' | 'value' | 'status' | 'note' | 'sources', string>
>;

export function ObservationFormPage(props: {
  ctx: PageContext;
  view: IndicatorView;
  values: ObservationFormValues;
  units: { value: string; label: string }[];
  canApprove: boolean;
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, view, values } = props;
  const t = ctx.t;
  const name = indicatorName(ctx, view.indicator);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('indicators.entry.title', { name }),
        noindex: true,
        breadcrumbs: [
          { href: '/indicators', label: t('indicators.list.title') },
          { href: `/indicators/${view.indicator.code}`, label: name },
          { label: t('indicators.detail.addObservation') },
        ],
      }}
    >
      <h1>{t('indicators.entry.title', { name })}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      {props.canApprove ? null : <Notice>{t('indicators.entry.draftNote')}</Notice>}
      <Form ctx={ctx} action={`/indicators/${view.indicator.code}/observations`} novalidate>
        <TextField
          name="year"
          type="number"
          label={t('indicators.field.year')}
          value={values.year}
          errors={props.errors}
          required
        />
        <TextField
          name="quarter"
          label={t('indicators.field.quarter')}
          hint={t('indicators.field.quarterHint')}
          value={values.quarter}
          errors={props.errors}
        />
        <SelectField
          name="adminUnitId"
          label={t('indicators.field.unitId')}
          value={values.adminUnitId ?? view.indicator.adminUnitId}
          options={props.units}
          errors={props.errors}
        />
        <TextField
          name="value"
          label={`${t('indicators.field.value')} (${view.indicator.unit})`}
          hint={t('indicators.field.valueHint')}
          value={values.value}
          errors={props.errors}
          required
        />
        {props.canApprove ? (
          <SelectField
            name="status"
            label={t('indicators.field.obsStatus')}
            value={values.status ?? 'approved'}
            options={OBSERVATION_STATUSES.map((s) => ({ value: s, label: t(`indicators.obsStatus.${s}`) }))}
            errors={props.errors}
          />
        ) : null}
        <TextField
          name="note"
          label={t('indicators.field.note')}
          value={values.note}
          errors={props.errors}
          multiline
        />
        <TextField
          name="sources"
          label={t('indicators.field.sources')}
          hint={t('indicators.field.sourcesHint')}
          value={values.sources}
          errors={props.errors}
        />
        <Button>{t('indicators.entry.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function ImportPage(props: {
  ctx: PageContext;
  errors?: FieldError[];
  message?: string;
  notice?: string;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('indicators.import.title'),
        noindex: true,
        breadcrumbs: [
          { href: '/indicators', label: t('indicators.list.title') },
          { label: t('indicators.import.title') },
        ],
      }}
    >
      <h1>{t('indicators.import.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      {props.message || props.errors?.length ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('common.errorSummaryTitle')}</h2>
          {props.message ? <p>{props.message}</p> : null}
          <ul>
            {(props.errors ?? []).map((e) => (
              <li key={e.field + e.message}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="lead">{t('indicators.import.intro')}</p>
      <p>
        <LinkButton href="/indicators/import/template.xlsx" variant="secondary">
          {t('indicators.import.template')}
        </LinkButton>
      </p>
      <form method="post" action="/indicators/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="form-group">
          <label for="f-file">{t('indicators.import.file')}</label>
          <input
            type="file"
            id="f-file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </div>
        <Button>{t('indicators.import.submit')}</Button>
      </form>
    </Layout>
  );
}

/** docs/monitoring-method.md, rendered, so readers of the status can read the method. */
export function MethodPage(props: { ctx: PageContext; html: string }) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: ctx.t('indicators.how.docs'),
        breadcrumbs: [
          { href: '/indicators', label: ctx.t('indicators.list.title') },
          { label: ctx.t('indicators.how.docs') },
        ],
      }}
    >
      <div class="prose" dangerouslySetInnerHTML={{ __html: props.html }} />
    </Layout>
  );
}
