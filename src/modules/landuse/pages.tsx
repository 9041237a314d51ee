// Pages of the land-use quota check: upload form and the summary of a result.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDateTime, formatNumber } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  ErrorSummary,
  LinkButton,
  Notice,
  SampleBadge,
  SelectField,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { CellResult, QuotaCheckResult, TotalResult } from './check.ts';
import type { PlanCheckRow } from './queries.ts';

type Names = { unit: (id: string) => string; category: (code: string, locale?: 'vi' | 'en') => string };

function StatusBadge(props: { ctx: PageContext; status: string }) {
  const tone = props.status === 'exceeded' ? 'danger' : props.status === 'within' ? 'success' : 'warning';
  return <Badge tone={tone}>{props.ctx.t(`landuse.status.${props.status}`)}</Badge>;
}

export function LanduseFormPage(props: {
  ctx: PageContext;
  values: { title?: string; period?: string; units?: string };
  errors?: FieldError[];
  message?: string;
  recent: PlanCheckRow[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{ title: t('landuse.title'), noindex: true, breadcrumbs: [{ label: t('landuse.title') }] }}
    >
      <h1>{t('landuse.title')}</h1>
      <p class="lead">{t('landuse.intro')}</p>
      <ul>
        <li>
          <a href="/landuse/template.xlsx">{t('landuse.template')}</a>
        </li>
        <li>
          <a href="/landuse/template.xlsx?units=old">{t('landuse.templateOld')}</a>
        </li>
      </ul>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <form method="post" action="/landuse/checks" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField
          name="title"
          label={t('landuse.form.title')}
          value={props.values.title}
          errors={props.errors}
        />
        <TextField
          name="period"
          label={t('landuse.form.period')}
          hint={t('landuse.form.periodHint')}
          value={props.values.period ?? '2021-2030'}
          errors={props.errors}
        />
        <SelectField
          name="units"
          label={t('landuse.form.units')}
          hint={t('landuse.form.unitsHint')}
          value={props.values.units ?? 'new'}
          options={[
            { value: 'new', label: t('landuse.units.new') },
            { value: 'old', label: t('landuse.units.old') },
          ]}
          errors={props.errors}
        />
        <div class="form-group">
          <label for="f-file">{t('landuse.form.file')}</label>
          <span class="hint" id="f-file-hint">
            {t('landuse.form.fileHint')}
          </span>
          <input type="file" id="f-file" name="file" accept=".xlsx" aria-describedby="f-file-hint" />
        </div>
        <Button>{t('landuse.form.submit')}</Button>
      </form>
      <h2>{t('landuse.recent')}</h2>
      <Table
        rows={props.recent}
        rowKey={(r) => r.id}
        empty={t('landuse.none')}
        columns={[
          { header: t('landuse.form.title'), cell: (r) => <a href={`/landuse/checks/${r.id}`}>{r.title}</a> },
          { header: t('landuse.form.period'), cell: (r) => `${r.periodStart}–${r.periodEnd}` },
          {
            header: t('landuse.exceedances'),
            numeric: true,
            cell: (r) => formatNumber(ctx.locale, r.exceedanceCount, 0),
          },
          {
            header: t('landuse.requested'),
            cell: (r) => `${r.requestedByLabel}, ${formatDateTime(r.createdAt)}`,
          },
        ]}
      />
    </Layout>
  );
}

export function LanduseResultPage(props: { ctx: PageContext; check: PlanCheckRow; names: Names }) {
  const { ctx, check, names } = props;
  const t = ctx.t;
  const result = check.result as unknown as QuotaCheckResult & {
    quotasAreSample: boolean;
    units?: 'new' | 'old';
    rollup?: { rule: string; unassigned: { fromId: string; key: string; value: number }[] };
  };
  const n = (v: number | null) => (v === null ? '—' : formatNumber(ctx.locale, v, 2));
  const cat = (code: string) => names.category(code, ctx.locale);
  const totals = (rows: TotalResult[], label: (k: string) => string, caption: string, head: string) => (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { header: head, cell: (r) => label(r.key) },
        { header: t('landuse.col.planned'), numeric: true, cell: (r) => n(r.plannedHa) },
        { header: t('landuse.col.quota'), numeric: true, cell: (r) => n(r.quotaHa) },
        { header: t('landuse.col.difference'), numeric: true, cell: (r) => n(r.differenceHa) },
        { header: t('landuse.col.status'), cell: (r) => <StatusBadge ctx={ctx} status={r.status} /> },
      ]}
    />
  );
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('landuse.result.title', { title: check.title }),
        noindex: true,
        breadcrumbs: [{ href: '/landuse', label: t('landuse.title') }, { label: check.title }],
      }}
    >
      <h1>{t('landuse.result.title', { title: check.title })}</h1>
      {result.quotasAreSample ? (
        <p>
          <SampleBadge ctx={ctx} /> {t('landuse.result.sample')}
        </p>
      ) : null}
      {result.rollup ? (
        <Notice>{t('landuse.result.rolledUp', { rule: t(`geo.lineage.rule.${result.rollup.rule}`) })}</Notice>
      ) : null}
      {result.rollup && result.rollup.unassigned.length > 0 ? (
        <Table
          caption={t('landuse.result.unassignedCaption')}
          rows={result.rollup.unassigned}
          rowKey={(u) => `${u.fromId}-${u.key}`}
          columns={[
            { header: t('landuse.col.oldCommune'), cell: (u) => names.unit(u.fromId) },
            { header: t('landuse.col.category'), cell: (u) => cat(u.key) },
            { header: t('landuse.col.planned'), numeric: true, cell: (u) => n(u.value) },
          ]}
        />
      ) : null}
      <SummaryList
        items={[
          { label: t('landuse.form.units'), value: t(`landuse.units.${result.units ?? 'new'}`) },
          { label: t('landuse.form.period'), value: `${check.periodStart}–${check.periodEnd}` },
          { label: t('landuse.exceedances'), value: formatNumber(ctx.locale, check.exceedanceCount, 0) },
          {
            label: t('landuse.requested'),
            value: `${check.requestedByLabel}, ${formatDateTime(check.createdAt)}`,
          },
        ]}
      />
      <div class="button-group">
        <LinkButton href={`/landuse/checks/${check.id}.xlsx${ctx.locale === 'en' ? '?lang=en' : ''}`}>
          {t('landuse.result.download')}
        </LinkButton>
        <LinkButton variant="secondary" href="/landuse">
          {t('landuse.result.another')}
        </LinkButton>
      </div>
      <h2>{t('landuse.sheet.exceedances')}</h2>
      <Table<CellResult>
        caption={t('landuse.result.exceedCaption')}
        rows={result.exceedances}
        rowKey={(c) => `${c.communeId}-${c.category}`}
        empty={t('landuse.result.noExceedance')}
        columns={[
          { header: t('landuse.col.commune'), cell: (c) => names.unit(c.communeId) },
          { header: t('landuse.col.category'), cell: (c) => cat(c.category) },
          { header: t('landuse.col.planned'), numeric: true, cell: (c) => n(c.plannedHa) },
          { header: t('landuse.col.quota'), numeric: true, cell: (c) => n(c.quotaHa) },
          { header: t('landuse.col.difference'), numeric: true, cell: (c) => n(c.differenceHa) },
        ]}
      />
      <h2>{t('landuse.sheet.byCategory')}</h2>
      {totals(result.byCategory, cat, t('landuse.result.byCategoryCaption'), t('landuse.col.category'))}
      <h2>{t('landuse.result.province')}</h2>
      {totals(result.provinceByCategory, cat, t('landuse.result.provinceCaption'), t('landuse.col.category'))}
      <h2>{t('landuse.sheet.byCommune')}</h2>
      {totals(result.byCommune, names.unit, t('landuse.result.byCommuneCaption'), t('landuse.col.commune'))}
    </Layout>
  );
}
