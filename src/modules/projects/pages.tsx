// Public pages of the priority projects: the list and one project, with the
// verification flag always visible and the investor-inquiry form when open.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  CheckboxField,
  DataText,
  ErrorSummary,
  Form,
  NoData,
  Notice,
  SampleBadge,
  SourceLinks,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { FollowForm } from '../implementation/follow-pages.tsx';
import type { ProjectRow } from './queries.ts';

function name(ctx: PageContext, p: ProjectRow) {
  return ctx.locale === 'en' && p.nameEn ? p.nameEn : p.nameVi;
}

export function VerificationBadge(props: { ctx: PageContext; value: string }) {
  const tone = props.value === 'verified' ? 'success' : props.value === 'not_listed' ? 'danger' : 'warning';
  return <Badge tone={tone}>{props.ctx.t(`projects.verification.${props.value}`)}</Badge>;
}

function money(ctx: PageContext, vnd: number | null) {
  if (vnd === null) return <NoData ctx={ctx} />;
  return ctx.t('projects.billion', { n: formatNumber(ctx.locale, vnd / 1e9) });
}

/** The sector as the dataset codes it, in the reader's language (unknown codes as written). */
function sector(ctx: PageContext, code: string | null) {
  if (!code) return <NoData ctx={ctx} />;
  const key = `projects.sector.${code}`;
  const label = ctx.t(key);
  return label === key ? <DataText ctx={ctx} value={code} /> : label;
}

/** A value from the sources (their notes are in English or Vietnamese), marked with its language. */
function maybe(ctx: PageContext, v: string | number | null | undefined) {
  if (v === null || v === undefined || v === '') return <NoData ctx={ctx} />;
  return typeof v === 'number' ? String(v) : <DataText ctx={ctx} value={v} />;
}

export function ProjectListPage(props: { ctx: PageContext; rows: ProjectRow[] }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{ title: t('projects.list.title'), breadcrumbs: [{ label: t('projects.list.title') }] }}
    >
      <h1>{t('projects.list.title')}</h1>
      <Notice tone="warning">{t('projects.list.intro')}</Notice>
      <Table
        caption={t('projects.list.title')}
        rows={props.rows}
        rowKey={(r) => r.id}
        empty={t('layout.noData')}
        columns={[
          {
            header: t('projects.col.name'),
            cell: (r) => (
              <>
                <a href={`/du-an/${r.id}`}>{name(ctx, r)}</a> {r.isSample ? <SampleBadge ctx={ctx} /> : null}{' '}
                {r.openForInvestment ? <Badge tone="info">{t('projects.open')}</Badge> : null}
              </>
            ),
          },
          { header: t('projects.col.sector'), cell: (r) => sector(ctx, r.sector) },
          {
            header: t('projects.col.investment'),
            numeric: true,
            cell: (r) => money(ctx, r.totalInvestmentVnd),
          },
          {
            header: t('projects.col.stage'),
            cell: (r) => (r.stage ? t(`projects.stage.${r.stage}`) : <NoData ctx={ctx} />),
          },
          {
            header: t('projects.col.verification'),
            cell: (r) => <VerificationBadge ctx={ctx} value={r.inDecision1029} />,
          },
        ]}
      />
    </Layout>
  );
}

export type InquiryValues = Record<string, string>;

export function ProjectPage(props: {
  ctx: PageContext;
  project: ProjectRow;
  values?: InquiryValues;
  errors?: FieldError[];
  sent?: boolean;
  followSent?: boolean;
}) {
  const { ctx, project: p } = props;
  const t = ctx.t;
  const v = props.values ?? {};
  const pair = (a: string | number | null, b: string | number | null) =>
    a === null && b === null ? <NoData ctx={ctx} /> : `${a ?? '—'} / ${b ?? '—'}`;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: name(ctx, p),
        breadcrumbs: [{ href: '/du-an', label: t('projects.list.title') }, { label: name(ctx, p) }],
      }}
    >
      <h1>{name(ctx, p)}</h1>
      <p>
        {t('projects.col.verification')}: <VerificationBadge ctx={ctx} value={p.inDecision1029} />{' '}
        {p.isSample ? <SampleBadge ctx={ctx} /> : null}
      </p>
      <SummaryList
        items={[
          { label: t('projects.col.sector'), value: sector(ctx, p.sector) },
          {
            label: t('projects.field.location'),
            value: p.locationText.length ? (
              <DataText ctx={ctx} value={p.locationText.join(', ')} />
            ) : (
              <NoData ctx={ctx} />
            ),
          },
          { label: t('projects.field.scale'), value: maybe(ctx, p.scale) },
          { label: t('projects.col.investment'), value: money(ctx, p.totalInvestmentVnd) },
          { label: t('projects.field.investmentNote'), value: maybe(ctx, p.investmentNote) },
          { label: t('projects.field.capitalSource'), value: maybe(ctx, p.capitalSourceNote) },
          { label: t('projects.field.investor'), value: maybe(ctx, p.investor) },
          { label: t('projects.field.period'), value: pair(p.periodStart, p.periodEnd) },
          {
            label: t('projects.col.stage'),
            value: p.stage ? t(`projects.stage.${p.stage}`) : <NoData ctx={ctx} />,
          },
          { label: t('projects.field.status'), value: maybe(ctx, p.statusNote) },
          { label: t('projects.field.progress'), value: pair(p.plannedProgress, p.actualProgress) },
          {
            label: t('projects.field.disbursement'),
            value: pair(p.plannedDisbursementVnd, p.actualDisbursementVnd),
          },
          { label: t('projects.field.provision'), value: maybe(ctx, p.planProvision) },
          { label: t('projects.field.note'), value: maybe(ctx, p.note) },
        ]}
      />
      <SourceLinks ctx={ctx} sources={p.sources} />
      <FollowForm ctx={ctx} targetType="project" targetId={p.id} sent={props.followSent} />
      {p.openForInvestment ? (
        <section aria-labelledby="inquiry">
          <h2 id="inquiry">{t('projects.inquiry.title')}</h2>
          {props.sent ? <Notice tone="success">{t('projects.inquiry.sent')}</Notice> : null}
          <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
          <Form ctx={ctx} action={`/du-an/${p.id}/hoi`}>
            <TextField
              name="name"
              label={t('projects.inquiry.name')}
              value={v.name}
              errors={props.errors}
              required
            />
            <TextField
              name="organisation"
              label={t('projects.inquiry.organisation')}
              value={v.organisation}
              errors={props.errors}
            />
            <TextField
              name="email"
              type="email"
              label={t('projects.inquiry.email')}
              value={v.email}
              errors={props.errors}
              required
            />
            <TextField
              name="phone"
              label={t('projects.inquiry.phone')}
              value={v.phone}
              errors={props.errors}
            />
            <TextField
              name="message"
              multiline
              label={t('projects.inquiry.message')}
              value={v.message}
              errors={props.errors}
              required
            />
            <CheckboxField
              name="consent"
              label={t('projects.inquiry.consent')}
              errors={props.errors}
              checked={v.consent === 'on'}
            />
            <Button>{t('projects.inquiry.send')}</Button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}
