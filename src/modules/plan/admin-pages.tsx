// Planners' pages: the contents tree with drafts, a section form with preview,
// publish/unpublish, and filling an empty item (e.g. a breakthrough).
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDate } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  ErrorSummary,
  Notice,
  SelectField,
  SourceLinks,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { renderMarkdown } from './markdown.ts';
import { itemPath, plainName, sectionPagePath } from './paths.ts';
import { type PublicationEvent, publicationDelay } from './publication.ts';
import type { PlanItem, PlanSection, SectionNode } from './queries.ts';
import { ITEM_KINDS, SECTION_KINDS } from './schema.ts';

function Tree(props: { ctx: PageContext; nodes: SectionNode[] }) {
  const { ctx } = props;
  return (
    <ul class="admin-tree">
      {props.nodes.map((n) => (
        <li key={n.id}>
          <a href={`/admin/plan/sections/${n.id}`}>{n.titleVi}</a>{' '}
          <Badge tone={n.status === 'published' ? 'success' : 'warning'}>
            {ctx.t(n.status === 'published' ? 'plan.contents.published' : 'plan.contents.draft')}
          </Badge>
          {n.children.length ? <Tree ctx={ctx} nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function PlanAdminPage(props: {
  ctx: PageContext;
  tree: SectionNode[];
  placeholders: PlanItem[];
  items?: PlanItem[];
  notice?: string;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('plan.edit.manage'), noindex: true }}>
      <h1>{ctx.t('plan.edit.manage')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <p class="actions">
        <a class="button" href="/admin/plan/sections/new">
          {ctx.t('plan.edit.new')}
        </a>{' '}
        <a class="button button--secondary" href="/admin/plan/cong-bo">
          {ctx.t('plan.publication.manage')}
        </a>
      </p>
      <Tree ctx={ctx} nodes={props.tree} />
      {props.placeholders.length ? (
        <>
          <h2>{ctx.t('plan.home.breakthroughs')}</h2>
          <ul>
            {props.placeholders.map((i) => (
              <li key={i.id}>
                <a href={`/admin/plan/items/${i.id}`}>{plainName(i.nameVi)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.items?.length ? (
        <>
          <h2>{ctx.t('plan.edit.items')}</h2>
          {ITEM_KINDS.filter((k) => k !== 'breakthrough').map((kind) => {
            const list = (props.items ?? []).filter((i) => i.kind === kind);
            return list.length ? (
              <details key={kind}>
                <summary>{`${ctx.t(`plan.kind.${kind}`)} (${list.length})`}</summary>
                <ul>
                  {list.map((i) => (
                    <li key={i.id}>
                      <a href={`/admin/plan/items/${i.id}`}>{plainName(i.nameVi)}</a>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null;
          })}
        </>
      ) : null}
    </Layout>
  );
}

export type SectionFormValues = Record<string, string>;

export function sectionFormValues(s: PlanSection): SectionFormValues {
  return {
    titleVi: s.titleVi,
    titleEn: s.titleEn ?? '',
    slug: s.slug,
    kind: s.kind,
    parentId: s.parentId === null ? '' : String(s.parentId),
    position: String(s.position),
    bodyVi: s.bodyVi,
    bodyEn: s.bodyEn ?? '',
    sources: s.sources.join('\n'),
    rowVersion: String(s.rowVersion),
  };
}

export function SectionFormPage(props: {
  ctx: PageContext;
  section?: PlanSection;
  values: SectionFormValues;
  parents: { value: number; label: string }[];
  errors?: FieldError[];
  message?: string;
  notice?: string;
  preview?: boolean;
}) {
  const { ctx, section, values: v } = props;
  const t = ctx.t;
  const errors = props.errors ?? [];
  const title = section ? t('plan.edit.title', { title: section.titleVi }) : t('plan.edit.new');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title,
        noindex: true,
        breadcrumbs: [{ href: '/admin/plan', label: t('plan.edit.manage') }, { label: title }],
      }}
    >
      <h1>{title}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      {section ? (
        <p>
          <Badge tone={section.status === 'published' ? 'success' : 'warning'}>
            {t(section.status === 'published' ? 'plan.contents.published' : 'plan.contents.draft')}
          </Badge>{' '}
          {section.status === 'published' ? (
            <a href={sectionPagePath(section.slug)}>{sectionPagePath(section.slug)}</a>
          ) : null}
        </p>
      ) : null}
      {props.preview ? (
        <section class="card preview" aria-labelledby="preview-h">
          <h2 id="preview-h">{`${t('plan.edit.preview')}: ${v.titleVi ?? ''}`}</h2>
          <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(v.bodyVi ?? '') }} />
          <SourceLinks ctx={ctx} sources={(v.sources ?? '').split(/\s+/).filter(Boolean)} />
        </section>
      ) : null}
      <form method="post" action={section ? `/admin/plan/sections/${section.id}` : '/admin/plan/sections'}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {section ? <input type="hidden" name="rowVersion" value={v.rowVersion ?? ''} /> : null}
        <TextField
          name="titleVi"
          label={t('plan.edit.fieldTitleVi')}
          value={v.titleVi}
          errors={errors}
          required
        />
        <TextField name="titleEn" label={t('plan.edit.fieldTitleEn')} value={v.titleEn} errors={errors} />
        <TextField
          name="slug"
          label={t('plan.edit.fieldSlug')}
          hint={t('plan.edit.fieldSlugHint')}
          value={v.slug}
          errors={errors}
          required
        />
        <SelectField
          name="kind"
          label={t('plan.edit.fieldKind')}
          value={v.kind ?? 'article'}
          options={SECTION_KINDS.map((k) => ({ value: k, label: t(`plan.sectionKind.${k}`) }))}
          errors={errors}
        />
        <SelectField
          name="parentId"
          label={t('plan.edit.fieldParent')}
          value={v.parentId ?? ''}
          options={[{ value: '', label: t('common.none') }, ...props.parents]}
          errors={errors}
        />
        <TextField
          name="bodyVi"
          label={t('plan.edit.fieldBody')}
          value={v.bodyVi}
          multiline
          errors={errors}
        />
        <TextField
          name="sources"
          label={t('plan.edit.fieldSources')}
          value={v.sources}
          multiline
          errors={errors}
        />
        <div class="actions">
          <Button type="submit" name="action" value="preview" variant="secondary">
            {t('plan.edit.preview')}
          </Button>{' '}
          <Button type="submit" name="action" value="save">
            {t('common.save')}
          </Button>
        </div>
      </form>
      {section ? (
        <form
          method="post"
          action={`/admin/plan/sections/${section.id}/${section.status === 'published' ? 'unpublish' : 'publish'}`}
        >
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <Button type="submit" variant={section.status === 'published' ? 'danger' : 'primary'}>
            {t(section.status === 'published' ? 'plan.edit.unpublish' : 'plan.edit.publish')}
          </Button>
        </form>
      ) : null}
    </Layout>
  );
}

export function ItemFillPage(props: {
  ctx: PageContext;
  item: PlanItem;
  values: Record<string, string>;
  agencies: { value: number; label: string }[];
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, item, values: v } = props;
  const errors = props.errors ?? [];
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: plainName(item.nameVi),
        noindex: true,
        breadcrumbs: [
          { href: '/admin/plan', label: ctx.t('plan.edit.manage') },
          { label: plainName(item.nameVi) },
        ],
      }}
    >
      <h1>{plainName(item.nameVi)}</h1>
      <p>
        <a href={itemPath(item.kind, item.slug)}>{itemPath(item.kind, item.slug)}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      <form method="post" action={`/admin/plan/items/${item.id}`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="rowVersion" value={String(item.rowVersion)} />
        <TextField name="nameVi" label={ctx.t('plan.field.name')} value={v.nameVi} errors={errors} required />
        <TextField name="nameEn" label={ctx.t('plan.field.nameEn')} value={v.nameEn} errors={errors} />
        <TextField
          name="summaryVi"
          label={ctx.t('plan.field.summary')}
          value={v.summaryVi}
          multiline
          errors={errors}
        />
        <TextField
          name="summaryEn"
          label={ctx.t('plan.field.summaryEn')}
          value={v.summaryEn}
          multiline
          errors={errors}
        />
        <SelectField
          name="responsibleAgencyId"
          label={ctx.t('plan.field.agency')}
          hint={ctx.t('plan.field.agencyHint')}
          value={v.responsibleAgencyId ?? ''}
          options={[{ value: '', label: ctx.t('plan.field.agencyNone') }, ...props.agencies]}
          errors={errors}
        />
        <TextField
          name="sources"
          label={ctx.t('plan.edit.fieldSources')}
          value={v.sources}
          multiline
          errors={errors}
        />
        <Button type="submit">{ctx.t('common.save')}</Button>
      </form>
    </Layout>
  );
}

export function publicationFormValues(e: PublicationEvent): Record<string, string> {
  return {
    approvalDate: e.approvalDate ?? '',
    publicationDate: e.publicationDate ?? '',
    channels: e.channels.join('\n'),
    note: e.note ?? '',
    sources: e.sources.join('\n'),
  };
}

/** The publication duty: the recorded events, and a form to add one or correct one. */
export function PublicationAdminPage(props: {
  ctx: PageContext;
  events: PublicationEvent[];
  editing?: PublicationEvent;
  values: Record<string, string>;
  errors?: FieldError[];
  notice?: string;
}) {
  const { ctx, values: v } = props;
  const t = ctx.t;
  const errors = props.errors ?? [];
  const title = t('plan.publication.manage');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title,
        noindex: true,
        breadcrumbs: [{ href: '/admin/plan', label: t('plan.edit.manage') }, { label: title }],
      }}
    >
      <h1>{title}</h1>
      <p>{t('plan.publication.intro')}</p>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <Table
        caption={title}
        rows={props.events}
        rowKey={(e) => e.id}
        empty={t('layout.noData')}
        columns={[
          {
            header: t('plan.publication.approved'),
            cell: (e) => (e.approvalDate ? formatDate(e.approvalDate) : '—'),
          },
          {
            header: t('plan.publication.published'),
            cell: (e) => (e.publicationDate ? formatDate(e.publicationDate) : '—'),
          },
          {
            header: t('plan.publication.title'),
            cell: (e) => {
              const d = publicationDelay(e.approvalDate, e.publicationDate);
              return d ? (
                <Badge tone={d.late ? 'warning' : 'success'}>
                  {t(d.late ? 'plan.publication.late' : 'plan.publication.onTime', { days: d.days })}
                </Badge>
              ) : (
                '—'
              );
            },
          },
          { header: t('plan.publication.channels'), cell: (e) => e.channels.join('; ') },
          {
            header: t('common.actions'),
            cell: (e) => <a href={`/admin/plan/cong-bo/${e.id}`}>{`${t('common.edit')} #${e.id}`}</a>,
          },
        ]}
      />
      <h2>
        {props.editing ? `${t('plan.publication.edit')} #${props.editing.id}` : t('plan.publication.new')}
      </h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form
        method="post"
        action={props.editing ? `/admin/plan/cong-bo/${props.editing.id}` : '/admin/plan/cong-bo'}
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField
          name="approvalDate"
          type="date"
          label={t('plan.publication.approved')}
          value={v.approvalDate}
          errors={errors}
        />
        <TextField
          name="publicationDate"
          type="date"
          label={t('plan.publication.published')}
          value={v.publicationDate}
          errors={errors}
        />
        <TextField
          name="channels"
          label={t('plan.publication.channels')}
          hint={t('plan.publication.channelsHint')}
          value={v.channels}
          multiline
          errors={errors}
        />
        <TextField name="note" label={t('plan.publication.note')} value={v.note} multiline errors={errors} />
        <TextField
          name="sources"
          label={t('plan.edit.fieldSources')}
          value={v.sources}
          multiline
          errors={errors}
        />
        <Button type="submit">{t('common.save')}</Button>
      </form>
    </Layout>
  );
}
