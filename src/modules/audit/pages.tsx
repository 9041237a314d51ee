// The change log page: a filter form and the rows, newest first, each with its
// before and after shown as formatted JSON.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDateTime, hasMessage } from '../../kernel/i18n/index.ts';
import { Button, ErrorSummary, SelectField, Table, TextField } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { AuditRow } from './queries.ts';

export type AuditFormValues = {
  entity?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
};

/** A translated label when there is one, else the stored word itself. */
function labelOr(ctx: PageContext, key: string, raw: string): string {
  return hasMessage(key) ? ctx.t(key) : raw;
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function Details(props: { ctx: PageContext; row: AuditRow }) {
  const { ctx, row } = props;
  const t = ctx.t;
  const empty = t('audit.details.empty');
  return (
    <details>
      <summary>{t('audit.details.summary')}</summary>
      <p class="label">{t('audit.details.before')}</p>
      <pre>{row.before === null || row.before === undefined ? empty : pretty(row.before)}</pre>
      <p class="label">{t('audit.details.after')}</p>
      <pre>{row.after === null || row.after === undefined ? empty : pretty(row.after)}</pre>
      {row.requestId ? (
        <p class="muted">
          {t('audit.details.requestId')}: <code>{row.requestId}</code>
        </p>
      ) : null}
      {row.ip ? (
        <p class="muted">
          {t('audit.details.ip')}: <code>{row.ip}</code>
        </p>
      ) : null}
    </details>
  );
}

export function AuditPage(props: {
  ctx: PageContext;
  values: AuditFormValues;
  errors?: FieldError[];
  entities: string[];
  rows: AuditRow[];
  olderHref?: string;
  newestHref?: string;
}) {
  const { ctx, values } = props;
  const t = ctx.t;
  const entities =
    values.entity && !props.entities.includes(values.entity)
      ? [...props.entities, values.entity]
      : props.entities;
  const errors = props.errors ?? [];
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('audit.title'),
        noindex: true,
        breadcrumbs: [{ href: '/admin', label: t('layout.admin') }, { label: t('audit.title') }],
      }}
    >
      <h1>{t('audit.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="lead">{t('audit.intro')}</p>
      <form method="get" action="/admin/audit" class="filters" noValidate>
        <SelectField
          name="entity"
          label={t('audit.filter.entity')}
          value={values.entity}
          emptyLabel={t('common.all')}
          options={entities.map((e) => ({ value: e, label: labelOr(ctx, `audit.entity.${e}`, e) }))}
          errors={errors}
        />
        <TextField
          name="entityId"
          label={t('audit.filter.entityId')}
          value={values.entityId}
          errors={errors}
        />
        <TextField
          name="actor"
          label={t('audit.filter.actor')}
          hint={t('audit.filter.actorHint')}
          value={values.actor}
          errors={errors}
        />
        <TextField
          name="from"
          label={t('audit.filter.from')}
          hint={t('audit.filter.dateHint')}
          value={values.from}
          errors={errors}
        />
        <TextField
          name="to"
          label={t('audit.filter.to')}
          hint={t('audit.filter.dateHint')}
          value={values.to}
          errors={errors}
        />
        <Button variant="secondary">{t('common.filter')}</Button>
        <a href="/admin/audit">{t('audit.filter.clear')}</a>
      </form>
      {errors.length === 0 ? (
        <>
          <p role="status">{props.rows.length ? t('audit.showing', { count: props.rows.length }) : null}</p>
          <Table
            rows={props.rows}
            rowKey={(r) => r.id}
            empty={t('audit.none')}
            columns={[
              { header: t('audit.col.at'), cell: (r) => formatDateTime(r.at) },
              {
                header: t('audit.col.actor'),
                cell: (r) => (
                  <>
                    {r.actorLabel}
                    {r.actorUserId !== null ? <span class="muted">{` (#${r.actorUserId})`}</span> : null}
                  </>
                ),
              },
              { header: t('audit.col.via'), cell: (r) => labelOr(ctx, `audit.via.${r.via}`, r.via) },
              {
                header: t('audit.col.action'),
                cell: (r) => labelOr(ctx, `audit.action.${r.action}`, r.action),
              },
              {
                header: t('audit.col.entity'),
                cell: (r) => labelOr(ctx, `audit.entity.${r.entity}`, r.entity),
              },
              {
                header: t('audit.col.entityId'),
                cell: (r) => (
                  <a
                    href={`/admin/audit?${new URLSearchParams({ entity: r.entity, entityId: r.entityId }).toString()}`}
                  >
                    {r.entityId}
                  </a>
                ),
              },
              { header: t('audit.col.details'), cell: (r) => <Details ctx={ctx} row={r} /> },
            ]}
          />
          {props.olderHref || props.newestHref ? (
            <div class="button-group">
              {props.newestHref ? <a href={props.newestHref}>{t('audit.newest')}</a> : null}
              {props.olderHref ? <a href={props.olderHref}>{t('audit.older')}</a> : null}
            </div>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
