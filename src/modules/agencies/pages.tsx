// Admin pages of the agency register: the indented list, the add and change forms.
import type { FieldError } from '../../kernel/http/errors.ts';
import {
  Badge,
  Button,
  ErrorSummary,
  Form,
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
import type { AgencyListItem, AgencyRef, AgencyRow } from './queries.ts';
import { AGENCY_KINDS } from './schema.ts';

type Option<V> = { value: V; label: string };

/** The staff area's first crumb, for those who may open /admin. */
function adminCrumbs(ctx: PageContext) {
  const role = ctx.user?.role;
  return role === 'admin' || role === 'planner' ? [{ href: '/admin', label: ctx.t('layout.admin') }] : [];
}

function displayName(ctx: PageContext, a: { nameVi: string; nameEn: string | null }): string {
  return ctx.locale === 'en' && a.nameEn ? a.nameEn : a.nameVi;
}

export function kindOptions(ctx: PageContext): Option<string>[] {
  return AGENCY_KINDS.map((k) => ({ value: k, label: ctx.t(`agencies.kind.${k}`) }));
}

function StatusBadge(props: { ctx: PageContext; active: boolean }) {
  return props.active ? (
    <Badge tone="success">{props.ctx.t('common.active')}</Badge>
  ) : (
    <Badge tone="neutral">{props.ctx.t('common.inactive')}</Badge>
  );
}

export type AgencyListFilter = { q?: string; kind?: string; active?: string };

export function AgencyListPage(props: {
  ctx: PageContext;
  rows: AgencyListItem[];
  filter: AgencyListFilter;
  canCreate: boolean;
  editableIds: ReadonlySet<number> | 'all';
  editorView: boolean;
  notice?: string;
}) {
  const { ctx, filter } = props;
  const t = ctx.t;
  const editable = (id: number) => props.editableIds === 'all' || props.editableIds.has(id);
  const matching = props.rows.filter((r) => r.matches).length;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('agencies.list.title'),
        noindex: true,
        breadcrumbs: [...adminCrumbs(ctx), { label: t('agencies.list.title') }],
      }}
    >
      <h1>{t('agencies.list.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <p class="lead">{t(props.editorView ? 'agencies.list.introEditor' : 'agencies.list.intro')}</p>
      {props.canCreate ? (
        <div class="button-group">
          <LinkButton href="/admin/agencies/new">{t('agencies.add')}</LinkButton>
        </div>
      ) : null}
      <form method="get" action="/admin/agencies" class="filters">
        <TextField
          name="q"
          type="search"
          label={t('agencies.filter.q')}
          hint={t('agencies.filter.qHint')}
          value={filter.q}
        />
        <SelectField
          name="kind"
          label={t('agencies.filter.kind')}
          value={filter.kind}
          emptyLabel={t('common.all')}
          options={kindOptions(ctx)}
        />
        <SelectField
          name="active"
          label={t('agencies.filter.active')}
          value={filter.active}
          emptyLabel={t('common.all')}
          options={[
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
        />
        <Button variant="secondary">{t('common.filter')}</Button>
      </form>
      <p role="status">{t('agencies.list.count', { count: matching })}</p>
      <Table
        rows={props.rows}
        rowKey={(r) => r.agency.id}
        empty={t('agencies.list.none')}
        columns={[
          {
            header: t('agencies.field.name'),
            cell: (r) => (
              <>
                {r.depth > 0 ? (
                  <span aria-hidden="true">{`${'\u2003'.repeat(r.depth - 1)}└\u00a0`}</span>
                ) : null}
                {editable(r.agency.id) ? (
                  <a href={`/admin/agencies/${r.agency.id}`}>{displayName(ctx, r.agency)}</a>
                ) : (
                  displayName(ctx, r.agency)
                )}
                {r.parentName ? (
                  <span class="visually-hidden">{t('agencies.list.under', { parent: r.parentName })}</span>
                ) : null}
                {r.matches ? null : <span class="muted"> {t('agencies.list.context')}</span>}
                {r.agency.isSample ? (
                  <>
                    {' '}
                    <SampleBadge ctx={ctx} />
                  </>
                ) : null}
              </>
            ),
          },
          { header: t('agencies.field.code'), cell: (r) => <code>{r.agency.code}</code> },
          { header: t('agencies.field.kind'), cell: (r) => t(`agencies.kind.${r.agency.kind}`) },
          {
            header: t('agencies.field.status'),
            cell: (r) => <StatusBadge ctx={ctx} active={r.agency.active} />,
          },
        ]}
      />
    </Layout>
  );
}

/** The form's fields as text, so what the user typed comes back unchanged after an error. */
export type AgencyFormValues = {
  code?: string;
  nameVi?: string;
  nameEn?: string;
  shortName?: string;
  kind?: string;
  parentId?: string;
  adminUnitId?: string;
  email?: string;
  phone?: string;
  rowVersion?: string;
};

export function agencyFormValues(a: AgencyRow): AgencyFormValues {
  return {
    code: a.code,
    nameVi: a.nameVi,
    nameEn: a.nameEn ?? '',
    shortName: a.shortName ?? '',
    kind: a.kind,
    parentId: a.parentId === null ? '' : String(a.parentId),
    adminUnitId: a.adminUnitId ?? '',
    email: a.email ?? '',
    phone: a.phone ?? '',
    rowVersion: String(a.rowVersion),
  };
}

export type AgencyFormProps = {
  ctx: PageContext;
  values: AgencyFormValues;
  errors?: FieldError[];
  message?: string;
  notice?: string;
  parentOptions: Option<number>[];
  /** Whether "no parent" may be chosen (administrators only). */
  allowTopLevel: boolean;
  /** The parent cannot be changed (an editor's own agency): shown, not offered. */
  parentFixed?: string;
  adminUnitOptions: Option<string>[];
};

function AgencyFields(props: AgencyFormProps) {
  const { ctx, values, errors } = props;
  const t = ctx.t;
  return (
    <>
      <TextField
        name="nameVi"
        label={t('agencies.field.nameVi')}
        value={values.nameVi}
        errors={errors}
        required
      />
      <TextField
        name="nameEn"
        label={t('agencies.field.nameEn')}
        hint={t('agencies.field.nameEnHint')}
        value={values.nameEn}
        errors={errors}
      />
      <TextField
        name="shortName"
        label={t('agencies.field.shortName')}
        hint={t('agencies.field.shortNameHint')}
        value={values.shortName}
        errors={errors}
      />
      <TextField
        name="code"
        label={t('agencies.field.code')}
        hint={t('agencies.field.codeHint')}
        value={values.code}
        errors={errors}
        required
      />
      <SelectField
        name="kind"
        label={t('agencies.field.kind')}
        value={values.kind}
        options={kindOptions(ctx)}
        emptyLabel={values.kind ? undefined : t('agencies.field.kindChoose')}
        errors={errors}
      />
      {props.parentFixed !== undefined ? (
        <>
          <input type="hidden" name="parentId" value={values.parentId ?? ''} />
          <SummaryList items={[{ label: t('agencies.field.parentId'), value: props.parentFixed }]} />
          <p class="hint">{t('agencies.edit.parentFixed')}</p>
        </>
      ) : (
        <SelectField
          name="parentId"
          label={t('agencies.field.parentId')}
          hint={t('agencies.field.parentIdHint')}
          value={values.parentId}
          options={props.parentOptions}
          emptyLabel={props.allowTopLevel ? t('agencies.field.parentNone') : undefined}
          errors={errors}
        />
      )}
      <SelectField
        name="adminUnitId"
        label={t('agencies.field.adminUnitId')}
        value={values.adminUnitId}
        options={props.adminUnitOptions}
        emptyLabel={t('agencies.field.adminUnitNone')}
        errors={errors}
      />
      <TextField
        name="email"
        type="email"
        label={t('agencies.field.email')}
        value={values.email}
        autocomplete="off"
        errors={errors}
      />
      <TextField name="phone" label={t('agencies.field.phone')} value={values.phone} errors={errors} />
    </>
  );
}

export function AgencyCreatePage(props: AgencyFormProps) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('agencies.create.title'),
        noindex: true,
        breadcrumbs: [
          ...adminCrumbs(ctx),
          { href: '/admin/agencies', label: t('agencies.list.title') },
          { label: t('agencies.create.title') },
        ],
      }}
    >
      <h1>{t('agencies.create.title')}</h1>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <Form ctx={ctx} action="/admin/agencies" novalidate>
        <AgencyFields {...props} />
        <div class="button-group">
          <Button>{t('agencies.create.submit')}</Button>
          <a href="/admin/agencies">{t('common.cancel')}</a>
        </div>
      </Form>
    </Layout>
  );
}

export function AgencyEditPage(
  props: AgencyFormProps & {
    agency: AgencyRow;
    ancestors: AgencyRef[];
    canSetActive: boolean;
    canAddChild: boolean;
    canSeeHistory: boolean;
  },
) {
  const { ctx, agency } = props;
  const t = ctx.t;
  const name = displayName(ctx, agency);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: `${t('agencies.edit.title')}: ${name}`,
        noindex: true,
        breadcrumbs: [
          ...adminCrumbs(ctx),
          { href: '/admin/agencies', label: t('agencies.list.title') },
          { label: name },
        ],
      }}
    >
      <span class="muted">{t('agencies.edit.title')}</span>
      <h1>{name}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      {agency.isSample ? <Notice tone="warning">{t('agencies.sampleNotice')}</Notice> : null}
      <SummaryList
        items={[
          { label: t('agencies.field.code'), value: <code>{agency.code}</code> },
          {
            label: t('agencies.field.parentId'),
            value: props.ancestors.length
              ? props.ancestors.map((a) => displayName(ctx, a)).join(' › ')
              : t('common.none'),
          },
          { label: t('agencies.field.status'), value: <StatusBadge ctx={ctx} active={agency.active} /> },
        ]}
      />
      {props.canAddChild || props.canSeeHistory ? (
        <div class="button-group">
          {props.canAddChild ? (
            <LinkButton href={`/admin/agencies/new?parentId=${agency.id}`} variant="secondary">
              {t('agencies.addChild')}
            </LinkButton>
          ) : null}
          {props.canSeeHistory ? (
            <a href={`/admin/audit?entity=agency&entityId=${agency.id}`}>{t('agencies.history')}</a>
          ) : null}
        </div>
      ) : null}
      <Form ctx={ctx} action={`/admin/agencies/${agency.id}`} novalidate>
        <input type="hidden" name="rowVersion" value={props.values.rowVersion ?? String(agency.rowVersion)} />
        <AgencyFields {...props} />
        <div class="button-group">
          <Button>{t('agencies.edit.submit')}</Button>
          <a href="/admin/agencies">{t('common.cancel')}</a>
        </div>
      </Form>
      {props.canSetActive ? (
        <>
          <h2>{t('agencies.status.title')}</h2>
          {agency.active ? <p>{t('agencies.deactivateHint')}</p> : null}
          <Form
            ctx={ctx}
            action={`/admin/agencies/${agency.id}/${agency.active ? 'deactivate' : 'activate'}`}
          >
            <input type="hidden" name="rowVersion" value={String(agency.rowVersion)} />
            <Button variant={agency.active ? 'danger' : 'secondary'}>
              {t(agency.active ? 'agencies.deactivate' : 'agencies.activate')}
            </Button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
