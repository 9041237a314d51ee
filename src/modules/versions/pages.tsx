// Pages of plan versions: the versions of each plan, one version, and the
// comparison of any two (a GET form: works without JavaScript).
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDate, formatNumber } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  ErrorSummary,
  Form,
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
import { COMPARATORS } from '../indicators/status.ts';
import type { PlanVersion, PlanWithVersions } from './queries.ts';
import type { Comparison, SectionSnap, TargetSnap, TargetValue, TextPart } from './snapshot.ts';

export const VERSIONS_PATH = '/phien-ban-quy-hoach';
export const versionPath = (id: number) => `${VERSIONS_PATH}/${id}`;
export const comparePath = (from: number, to: number) => `${VERSIONS_PATH}/so-sanh?from=${from}&to=${to}`;

const label = (ctx: PageContext, v: { labelVi: string; labelEn: string | null }) =>
  ctx.locale === 'en' && v.labelEn ? v.labelEn : v.labelVi;
const named = (ctx: PageContext, v: { nameVi: string; nameEn: string | null }) =>
  ctx.locale === 'en' && v.nameEn ? v.nameEn : v.nameVi;

function StatusBadge(props: { ctx: PageContext; status: PlanVersion['status'] }) {
  const tone = props.status === 'approved' ? 'success' : props.status === 'adopted' ? 'info' : 'warning';
  return <Badge tone={tone}>{props.ctx.t(`versions.status.${props.status}`)}</Badge>;
}

function decisionText(ctx: PageContext, v: PlanVersion): string {
  const parts = [
    v.decisionType,
    v.decisionNumber ?? (v.decisionType ? ctx.t('versions.numberUnknown') : null),
    v.decisionDate ? ctx.t('versions.dated', { date: formatDate(v.decisionDate) }) : null,
    v.decisionIssuerVi ? `— ${v.decisionIssuerVi}` : null,
  ].filter(Boolean);
  return parts.join(' ');
}

/** "8–8,5 %/năm (2021–2030)", "≥ 10,5 %/năm (2026–2030)", "~ 13,5 tỷ USD (2030)". */
export function targetValueText(ctx: PageContext, t: Omit<TargetValue, 'note'> | null): string {
  if (!t) return '—';
  const n = (v: number | null) => formatNumber(ctx.locale, v);
  const cmp: Record<string, string> = { gt: '> ', gte: '≥ ', lt: '< ', lte: '≤ ', approx: '~ ' };
  let value: string;
  if (t.min !== null && t.max !== null) value = `${n(t.min)}–${n(t.max)}`;
  else if (t.min !== null) value = `${cmp[t.comparator] ?? '≥ '}${n(t.min)}`;
  else if (t.max !== null) value = `${cmp[t.comparator] ?? '≤ '}${n(t.max)}`;
  else value = `${cmp[t.comparator] ?? ''}${n(t.value)}`;
  const when = t.periodStart !== null ? `${t.periodStart}–${t.year}` : String(t.year);
  return `${value} ${t.unit} (${when})`;
}

function VersionSummary(props: { ctx: PageContext; v: PlanVersion; previous?: PlanVersion | null }) {
  const { ctx, v } = props;
  const t = ctx.t;
  return (
    <SummaryList
      items={[
        { label: t('versions.col.number'), value: String(v.versionNumber) },
        { label: t('versions.col.kind'), value: t(`versions.kind.${v.kind}`) },
        { label: t('versions.col.status'), value: <StatusBadge ctx={ctx} status={v.status} /> },
        { label: t('versions.col.decision'), value: decisionText(ctx, v) || t('layout.noData') },
        { label: t('versions.col.legalGround'), value: v.legalGroundVi ?? t('layout.noData') },
        ...(props.previous
          ? [
              {
                label: t('versions.previous'),
                value: <a href={versionPath(props.previous.id)}>{label(ctx, props.previous)}</a>,
              },
            ]
          : []),
      ]}
    />
  );
}

export function VersionsIndexPage(props: {
  ctx: PageContext;
  plans: PlanWithVersions[];
  canCreate: boolean;
  errors?: FieldError[];
  errorPlanId?: number;
  values?: Record<string, string>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const all = props.plans.flatMap((p) => p.versions);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('versions.title'),
        description: t('versions.intro'),
        breadcrumbs: [{ label: t('versions.title') }],
      }}
    >
      <h1>{t('versions.title')}</h1>
      <p class="lead">{t('versions.intro')}</p>
      <CompareForm ctx={ctx} versions={all} />
      {props.plans.map((p) => (
        <section key={p.plan.id} aria-labelledby={`plan-${p.plan.id}`}>
          <h2 id={`plan-${p.plan.id}`}>{named(ctx, p.plan)}</h2>
          <Table
            caption={t('versions.listCaption', { plan: named(ctx, p.plan) })}
            rows={p.versions}
            rowKey={(v) => v.id}
            columns={[
              { header: t('versions.col.number'), cell: (v) => String(v.versionNumber), numeric: true },
              {
                header: t('versions.col.version'),
                cell: (v) => <a href={versionPath(v.id)}>{label(ctx, v)}</a>,
              },
              { header: t('versions.col.decision'), cell: (v) => decisionText(ctx, v) || t('layout.noData') },
              { header: t('versions.col.status'), cell: (v) => <StatusBadge ctx={ctx} status={v.status} /> },
              {
                header: t('versions.col.compare'),
                cell: (v) =>
                  v.previousVersionId ? (
                    <a href={comparePath(v.previousVersionId, v.id)}>{t('versions.compareWithPrevious')}</a>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          {props.canCreate ? (
            <NewVersionForm
              ctx={ctx}
              planId={p.plan.id}
              latest={p.versions[p.versions.length - 1]}
              errors={props.errorPlanId === p.plan.id ? props.errors : undefined}
              values={props.errorPlanId === p.plan.id ? props.values : undefined}
            />
          ) : null}
        </section>
      ))}
    </Layout>
  );
}

function NewVersionForm(props: {
  ctx: PageContext;
  planId: number;
  latest: PlanVersion | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  if (!props.latest) return null;
  const v = props.values ?? {};
  const open = Boolean(props.errors?.length);
  return (
    <details class="card" open={open}>
      <summary>{t('versions.new.summary', { version: label(ctx, props.latest) })}</summary>
      <p>{t('versions.new.hint')}</p>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action={`${VERSIONS_PATH}/ke-hoach/${props.planId}`}>
        <TextField
          name="labelVi"
          label={t('versions.field.labelVi')}
          required
          value={v.labelVi}
          errors={props.errors}
        />
        <TextField
          name="legalGroundVi"
          label={t('versions.field.legalGroundVi')}
          multiline
          value={v.legalGroundVi}
          errors={props.errors}
        />
        <TextField
          name="decisionNumber"
          label={t('versions.field.decisionNumber')}
          value={v.decisionNumber}
          errors={props.errors}
        />
        <TextField
          name="decisionDate"
          label={t('versions.field.decisionDate')}
          type="date"
          value={v.decisionDate}
          errors={props.errors}
        />
        <TextField
          name="decisionIssuerVi"
          label={t('versions.field.decisionIssuerVi')}
          value={v.decisionIssuerVi}
          errors={props.errors}
        />
        <Button>{t('versions.new.submit')}</Button>
      </Form>
    </details>
  );
}

function CompareForm(props: { ctx: PageContext; versions: PlanVersion[]; from?: number; to?: number }) {
  const { ctx } = props;
  const t = ctx.t;
  const options = props.versions.map((v) => ({ value: v.id, label: label(ctx, v) }));
  const select = (name: 'from' | 'to', selected: number | undefined) => (
    <div class="form-group">
      <label for={`f-${name}`}>{t(`versions.compare.${name}`)}</label>
      <select id={`f-${name}`} name={name}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const first = props.versions[0]?.id;
  const last = props.versions[props.versions.length - 1]?.id;
  return (
    <form
      method="get"
      action={`${VERSIONS_PATH}/so-sanh`}
      class="filters"
      aria-label={t('versions.compare.title')}
    >
      {ctx.locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      {select('from', props.from ?? first)}
      {select('to', props.to ?? last)}
      <Button variant="secondary">{t('versions.compare.submit')}</Button>
    </form>
  );
}

export function VersionPage(props: {
  ctx: PageContext;
  v: PlanVersion;
  planName: string;
  previous: PlanVersion | null;
  created?: boolean;
  /** planners and administrators: the version is a draft they may edit */
  canEdit?: boolean;
  /** planners and administrators: shown why an adopted or approved version cannot be edited */
  isEditor?: boolean;
  saved?: boolean;
}) {
  const { ctx, v } = props;
  const t = ctx.t;
  const s = v.snapshot;
  const edit = (path: string, what: string) =>
    props.canEdit ? (
      <a href={`${versionPath(v.id)}/${path}`}>
        {t('versions.edit.link')}
        <span class="visually-hidden"> {what}</span>
      </a>
    ) : null;
  const carried = (x: { carried?: boolean }) =>
    x.carried ? <Badge tone="neutral">{t('versions.carried')}</Badge> : null;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${label(ctx, v)} — ${props.planName}`,
        breadcrumbs: [{ href: VERSIONS_PATH, label: t('versions.title') }, { label: label(ctx, v) }],
      }}
    >
      {props.created ? <Notice tone="success">{t('versions.created')}</Notice> : null}
      {props.saved ? <Notice tone="success">{t('versions.edit.saved')}</Notice> : null}
      <h1>
        {label(ctx, v)}
        {v.isSample ? (
          <>
            {' '}
            <SampleBadge ctx={ctx} />
          </>
        ) : null}
      </h1>
      <p class="lead">{props.planName}</p>
      <VersionSummary ctx={ctx} v={v} previous={props.previous} />
      {v.doubtsVi ? (
        <Notice tone="warning">
          <strong>{t('versions.doubts')}</strong>{' '}
          {ctx.locale === 'en' && v.doubtsEn ? v.doubtsEn : v.doubtsVi}
        </Notice>
      ) : null}
      <SourceLinks ctx={ctx} sources={v.sources} />
      {props.canEdit ? <Notice>{t('versions.edit.draft')}</Notice> : null}
      {props.isEditor && !props.canEdit ? <p class="hint">{t('versions.edit.readOnly')}</p> : null}
      {props.previous ? (
        <p>
          <a href={comparePath(props.previous.id, v.id)}>{t('versions.compareWithPrevious')}</a>
        </p>
      ) : null}

      <h2>{t('versions.section.targets', { n: s.targets.length })}</h2>
      <Table
        rows={s.targets}
        rowKey={(x) => x.key}
        empty={t('versions.none')}
        columns={[
          { header: t('versions.col.target'), cell: (x) => named(ctx, x) },
          { header: t('versions.col.value'), cell: (x) => targetValueText(ctx, x) },
          { header: t('versions.col.origin'), cell: (x) => carried(x) },
          ...(props.canEdit
            ? [
                {
                  header: t('versions.edit.link'),
                  cell: (x: TargetSnap) => edit(`chi-tieu/${encodeURIComponent(x.key)}`, named(ctx, x)),
                },
              ]
            : []),
        ]}
      />
      <h2>{t('versions.section.items', { n: s.items.length })}</h2>
      <Table
        rows={s.items}
        rowKey={(x) => x.key}
        empty={t('versions.none')}
        columns={[
          { header: t('versions.col.item'), cell: (x) => named(ctx, x) },
          { header: t('versions.col.kind'), cell: (x) => t(`plan.kind.${x.kind}`) },
          { header: t('versions.col.area'), numeric: true, cell: (x) => formatNumber(ctx.locale, x.areaHa) },
        ]}
      />
      <h2>{t('versions.section.projects', { n: s.projects.length })}</h2>
      <Table
        rows={s.projects}
        rowKey={(x) => x.key}
        empty={t('versions.none')}
        columns={[{ header: t('versions.col.project'), cell: (x) => named(ctx, x) }]}
      />
      <h2>{t('versions.section.sections', { n: s.sections.length })}</h2>
      {s.sections.length === 0 ? <p class="no-data">{t('versions.none')}</p> : null}
      {s.sections.map((x) => (
        <details key={x.key}>
          <summary>
            {ctx.locale === 'en' && x.titleEn ? x.titleEn : x.titleVi} {carried(x)}
          </summary>
          <p class="version-text">{x.bodyVi}</p>
          <SourceLinks ctx={ctx} sources={x.sources} />
          {props.canEdit ? <p>{edit(`muc/${encodeURIComponent(x.key)}`, x.titleVi)}</p> : null}
        </details>
      ))}
    </Layout>
  );
}

function DiffText(props: { ctx: PageContext; parts: TextPart[] }) {
  return (
    <p class="version-text version-diff">
      {props.parts.map((p, i) =>
        p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : p.value,
      )}
    </p>
  );
}

export function ComparePage(props: {
  ctx: PageContext;
  versions: PlanVersion[];
  from?: PlanVersion;
  to?: PlanVersion;
  comparison?: Comparison;
  message?: string;
}) {
  const { ctx, comparison: c, from, to } = props;
  const t = ctx.t;
  const changeBadge = (change: string) => {
    const tone = change === 'added' ? 'success' : change === 'removed' ? 'danger' : 'warning';
    return <Badge tone={tone}>{t(`versions.change.${change}`)}</Badge>;
  };
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('versions.compare.title'),
        noindex: true,
        breadcrumbs: [
          { href: VERSIONS_PATH, label: t('versions.title') },
          { label: t('versions.compare.title') },
        ],
      }}
    >
      <h1>{t('versions.compare.title')}</h1>
      {props.message ? <ErrorSummary ctx={ctx} errors={[]} message={props.message} /> : null}
      <CompareForm ctx={ctx} versions={props.versions} from={from?.id} to={to?.id} />
      {c && from && to ? (
        <>
          <p class="lead">{t('versions.compare.between', { from: label(ctx, from), to: label(ctx, to) })}</p>
          <p>
            {t('versions.compare.unchanged', {
              targets: c.unchanged.targets,
              items: c.unchanged.items,
              projects: c.unchanged.projects,
              sections: c.unchanged.sections,
            })}
          </p>
          {to.doubtsVi ? (
            <Notice tone="warning">
              <strong>{t('versions.doubts')}</strong>{' '}
              {ctx.locale === 'en' && to.doubtsEn ? to.doubtsEn : to.doubtsVi}
            </Notice>
          ) : null}
          <h2>{t('versions.diff.targets', { n: c.targets.length })}</h2>
          <Table
            rows={c.targets}
            rowKey={(x) => x.key}
            empty={t('versions.diff.none')}
            columns={[
              { header: t('versions.col.target'), cell: (x) => named(ctx, x) },
              { header: t('versions.col.change'), cell: (x) => changeBadge(x.change) },
              { header: label(ctx, from), cell: (x) => targetValueText(ctx, x.from) },
              { header: label(ctx, to), cell: (x) => targetValueText(ctx, x.to) },
              {
                header: t('versions.col.sources'),
                cell: (x) => <SourceLinks ctx={ctx} sources={(x.to ?? x.from)?.sources} />,
              },
            ]}
          />
          <h2>{t('versions.diff.items', { n: c.items.length })}</h2>
          <Table
            rows={c.items}
            rowKey={(x) => x.key}
            empty={t('versions.diff.none')}
            columns={[
              { header: t('versions.col.item'), cell: (x) => named(ctx, x) },
              { header: t('versions.col.kind'), cell: (x) => t(`plan.kind.${x.kind}`) },
              { header: t('versions.col.change'), cell: (x) => changeBadge(x.change) },
              {
                header: `${label(ctx, from)} (ha)`,
                numeric: true,
                cell: (x) => formatNumber(ctx.locale, x.fromAreaHa),
              },
              {
                header: `${label(ctx, to)} (ha)`,
                numeric: true,
                cell: (x) => formatNumber(ctx.locale, x.toAreaHa),
              },
            ]}
          />
          <h2>{t('versions.diff.projects', { n: c.projects.length })}</h2>
          <Table
            rows={c.projects}
            rowKey={(x) => x.key}
            empty={t('versions.diff.none')}
            columns={[
              { header: t('versions.col.project'), cell: (x) => named(ctx, x) },
              { header: t('versions.col.change'), cell: (x) => changeBadge(x.change) },
            ]}
          />
          <h2>{t('versions.diff.sections', { n: c.sections.length })}</h2>
          {c.sections.length === 0 ? <p class="no-data">{t('versions.diff.none')}</p> : null}
          {c.sections.map((x) => (
            <section key={x.key} class="card">
              <h3>
                {ctx.locale === 'en' && x.titleEn ? x.titleEn : x.titleVi} {changeBadge(x.change)}
              </h3>
              <DiffText ctx={ctx} parts={x.parts} />
            </section>
          ))}
        </>
      ) : null}
    </Layout>
  );
}

export type EditValues = Partial<Record<string, string>>;
const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));

export const targetFormValues = (v: PlanVersion, x: TargetSnap): EditValues => ({
  rowVersion: String(v.rowVersion),
  value: str(x.value),
  min: str(x.min),
  max: str(x.max),
  comparator: x.comparator,
  note: str(x.note),
});
export const sectionFormValues = (v: PlanVersion, x: SectionSnap): EditValues => ({
  rowVersion: String(v.rowVersion),
  titleVi: x.titleVi,
  bodyVi: x.bodyVi,
});

function EditLayout(props: {
  ctx: PageContext;
  v: PlanVersion;
  title: string;
  errors?: FieldError[];
  message?: string;
  children: ComponentChildren;
}) {
  const { ctx, v } = props;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: props.title,
        noindex: true,
        breadcrumbs: [
          { href: VERSIONS_PATH, label: ctx.t('versions.title') },
          { href: versionPath(v.id), label: label(ctx, v) },
          { label: ctx.t('versions.edit.link') },
        ],
      }}
    >
      <h1>{props.title}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      {props.children}
      <p>
        <a href={versionPath(v.id)}>{ctx.t('versions.edit.cancel')}</a>
      </p>
    </Layout>
  );
}

export function VersionTargetPage(props: {
  ctx: PageContext;
  v: PlanVersion;
  target: TargetSnap;
  values: EditValues;
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, v, target: x, values } = props;
  const t = ctx.t;
  const field = (name: 'value' | 'min' | 'max', hint?: string) => (
    <TextField
      name={name}
      label={`${t(`versions.field.${name}`)} (${x.unit})`}
      hint={hint}
      value={values[name]}
      errors={props.errors}
    />
  );
  return (
    <EditLayout
      ctx={ctx}
      v={v}
      title={t('versions.edit.targetTitle', { name: named(ctx, x), version: label(ctx, v) })}
      errors={props.errors}
      message={props.message}
    >
      <p>
        {x.periodStart !== null
          ? t('versions.edit.periodRange', { from: x.periodStart, to: x.year })
          : t('versions.edit.period', { year: x.year })}
      </p>
      <Form ctx={ctx} action={`${versionPath(v.id)}/chi-tieu/${encodeURIComponent(x.key)}`} novalidate>
        <input type="hidden" name="rowVersion" value={values.rowVersion} />
        <SelectField
          name="comparator"
          label={t('versions.field.comparator')}
          value={values.comparator}
          options={COMPARATORS.map((c) => ({ value: c, label: t(`indicators.comparator.${c}`) }))}
          errors={props.errors}
        />
        {field('value', t('versions.field.valueHint'))}
        {field('min')}
        {field('max')}
        <TextField
          name="note"
          label={t('versions.field.note')}
          value={values.note}
          errors={props.errors}
          multiline
        />
        <Button>{t('versions.edit.submit')}</Button>
      </Form>
    </EditLayout>
  );
}

export function VersionSectionPage(props: {
  ctx: PageContext;
  v: PlanVersion;
  section: SectionSnap;
  values: EditValues;
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, v, section: x, values } = props;
  const t = ctx.t;
  return (
    <EditLayout
      ctx={ctx}
      v={v}
      title={t('versions.edit.sectionTitle', { title: x.titleVi, version: label(ctx, v) })}
      errors={props.errors}
      message={props.message}
    >
      <Form ctx={ctx} action={`${versionPath(v.id)}/muc/${encodeURIComponent(x.key)}`} novalidate>
        <input type="hidden" name="rowVersion" value={values.rowVersion} />
        <TextField
          name="titleVi"
          label={t('versions.field.titleVi')}
          value={values.titleVi}
          errors={props.errors}
          required
        />
        <TextField
          name="bodyVi"
          label={t('versions.field.bodyVi')}
          value={values.bodyVi}
          errors={props.errors}
          multiline
          required
        />
        <Button>{t('versions.edit.submit')}</Button>
      </Form>
    </EditLayout>
  );
}
