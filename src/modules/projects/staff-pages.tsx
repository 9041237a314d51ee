// Staff pages of the priority projects: the list with their implementation
// figures, the edit form (stage, progress, disbursement; stale → 409 with the
// user's input kept) and the investor inquiries that reached an agency.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDateTime, formatNumber } from '../../kernel/i18n/index.ts';
import {
  Button,
  CheckboxField,
  ErrorSummary,
  Form,
  LinkButton,
  NoData,
  Notice,
  SampleBadge,
  SelectField,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { ProjectRow } from './queries.ts';
import { PROJECT_STAGES } from './schema.ts';

type Option = { value: string | number; label: string };
export type ProjectFormValues = Record<string, string>;

const crumbs = (ctx: PageContext, label?: string) => [
  { href: '/workspace', label: ctx.t('ws.nav.mine') },
  ...(label
    ? [{ href: '/workspace/projects', label: ctx.t('projects.staff.title') }, { label }]
    : [{ label: ctx.t('projects.staff.title') }]),
];

const pct = (ctx: PageContext, v: number | null) =>
  v === null ? <NoData ctx={ctx} /> : `${formatNumber(ctx.locale, v, 1)}%`;
const bn = (ctx: PageContext, v: number | null) =>
  v === null ? <NoData ctx={ctx} /> : ctx.t('projects.billion', { n: formatNumber(ctx.locale, v / 1e9, 1) });

export function ProjectAdminListPage(props: {
  ctx: PageContext;
  rows: ProjectRow[];
  editable: (p: ProjectRow) => boolean;
  agencyNames: Map<number, string>;
  notice?: string;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('projects.staff.title'), noindex: true, breadcrumbs: crumbs(ctx) }}>
      <h1>{t('projects.staff.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <p>
        <a href="/workspace/inquiries">{t('projects.inquiries.title')}</a>
      </p>
      <Table
        caption={t('projects.staff.title')}
        rows={props.rows}
        rowKey={(r) => r.id}
        empty={t('layout.noData')}
        columns={[
          {
            header: t('projects.col.name'),
            cell: (r) => (
              <>
                <a href={`/du-an/${r.id}`}>{r.nameVi}</a> {r.isSample ? <SampleBadge ctx={ctx} /> : null}
              </>
            ),
          },
          {
            header: t('projects.staff.agency'),
            cell: (r) =>
              r.responsibleAgencyId === null ? (
                <NoData ctx={ctx} />
              ) : (
                (props.agencyNames.get(r.responsibleAgencyId) ?? '')
              ),
          },
          {
            header: t('projects.col.stage'),
            cell: (r) => (r.stage ? t(`projects.stage.${r.stage}`) : <NoData ctx={ctx} />),
          },
          {
            header: t('projects.field.progress'),
            cell: (r) => (
              <>
                {pct(ctx, r.plannedProgress)} / {pct(ctx, r.actualProgress)}
              </>
            ),
          },
          {
            header: t('projects.field.disbursement'),
            cell: (r) => (
              <>
                {bn(ctx, r.plannedDisbursementVnd)} / {bn(ctx, r.actualDisbursementVnd)}
              </>
            ),
          },
          {
            header: t('common.edit'),
            cell: (r) =>
              props.editable(r) ? (
                <a href={`/workspace/projects/${r.id}/edit`} aria-label={`${t('common.edit')}: ${r.nameVi}`}>
                  {t('common.edit')}
                </a>
              ) : null,
          },
        ]}
      />
    </Layout>
  );
}

/** A stored project in the shape its edit form posts. */
export function projectFormValues(p: ProjectRow): ProjectFormValues {
  const str = (v: number | null) => (v === null ? '' : String(v));
  return {
    stage: p.stage ?? '',
    plannedProgress: str(p.plannedProgress),
    actualProgress: str(p.actualProgress),
    plannedDisbursementVnd: str(p.plannedDisbursementVnd),
    actualDisbursementVnd: str(p.actualDisbursementVnd),
    statusNote: p.statusNote ?? '',
    openForInvestment: p.openForInvestment ? 'on' : '',
    responsibleAgencyId: str(p.responsibleAgencyId),
    rowVersion: String(p.rowVersion),
  };
}

export function ProjectEditPage(props: {
  ctx: PageContext;
  project: ProjectRow;
  values: ProjectFormValues;
  errors?: FieldError[];
  stale?: boolean;
  /** Planners choose the responsible agency; others see it only. */
  agencyOptions: Option[] | null;
}) {
  const { ctx, project: p, values: v } = props;
  const t = ctx.t;
  const title = t('projects.staff.editTitle', { name: p.nameVi });
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true, breadcrumbs: crumbs(ctx, p.nameVi) }}>
      <h1>{title}</h1>
      {props.stale ? (
        <Notice tone="danger">
          {t('projects.error.stale')} <a href={`/workspace/projects/${p.id}/edit`}>{t('ws.edit.reload')}</a>
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action={`/workspace/projects/${p.id}/edit`}>
        <input type="hidden" name="rowVersion" value={v.rowVersion} />
        <SelectField
          name="stage"
          label={t('projects.col.stage')}
          value={v.stage}
          emptyLabel={t('projects.stage.unknown')}
          options={PROJECT_STAGES.map((s) => ({ value: s, label: t(`projects.stage.${s}`) }))}
          errors={props.errors}
        />
        <fieldset>
          <legend>{t('projects.field.progress')}</legend>
          <TextField
            name="plannedProgress"
            type="number"
            label={t('projects.staff.plannedPct')}
            value={v.plannedProgress}
            errors={props.errors}
          />
          <TextField
            name="actualProgress"
            type="number"
            label={t('projects.staff.actualPct')}
            value={v.actualProgress}
            errors={props.errors}
          />
        </fieldset>
        <fieldset>
          <legend>{t('projects.field.disbursement')}</legend>
          <TextField
            name="plannedDisbursementVnd"
            type="number"
            label={t('projects.staff.plannedVnd')}
            value={v.plannedDisbursementVnd}
            errors={props.errors}
          />
          <TextField
            name="actualDisbursementVnd"
            type="number"
            label={t('projects.staff.actualVnd')}
            value={v.actualDisbursementVnd}
            errors={props.errors}
          />
        </fieldset>
        <TextField
          name="statusNote"
          multiline
          label={t('projects.field.status')}
          value={v.statusNote}
          errors={props.errors}
        />
        <CheckboxField
          name="openForInvestment"
          label={t('projects.open')}
          checked={v.openForInvestment === 'on'}
        />
        {props.agencyOptions ? (
          <SelectField
            name="responsibleAgencyId"
            label={t('projects.staff.agency')}
            value={v.responsibleAgencyId}
            emptyLabel=""
            options={props.agencyOptions}
            errors={props.errors}
          />
        ) : null}
        <Button>{t('common.save')}</Button>
      </Form>
      <p>
        <LinkButton href="/workspace/projects" variant="secondary">
          {t('common.cancel')}
        </LinkButton>
      </p>
    </Layout>
  );
}

export function InquiriesPage(props: {
  ctx: PageContext;
  rows: {
    id: number;
    projectId: number;
    projectName: string;
    name: string;
    organisation: string | null;
    email: string;
    phone: string | null;
    message: string;
    createdAt: Date;
  }[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('projects.inquiries.title'),
        noindex: true,
        breadcrumbs: crumbs(ctx, t('projects.inquiries.title')),
      }}
    >
      <h1>{t('projects.inquiries.title')}</h1>
      <p class="lead">{t('projects.inquiries.intro')}</p>
      <Table
        caption={t('projects.inquiries.title')}
        rows={props.rows}
        rowKey={(r) => r.id}
        empty={t('projects.inquiries.none')}
        columns={[
          { header: t('projects.inquiries.at'), cell: (r) => formatDateTime(r.createdAt) },
          {
            header: t('projects.col.name'),
            cell: (r) => <a href={`/du-an/${r.projectId}`}>{r.projectName}</a>,
          },
          {
            header: t('projects.inquiry.name'),
            cell: (r) => (r.organisation ? `${r.name} (${r.organisation})` : r.name),
          },
          {
            header: t('projects.inquiries.contact'),
            cell: (r) => (
              <>
                <a href={`mailto:${r.email}`}>{r.email}</a>
                {r.phone ? ` · ${r.phone}` : ''}
              </>
            ),
          },
          { header: t('projects.inquiry.message'), cell: (r) => r.message },
        ]}
      />
    </Layout>
  );
}
