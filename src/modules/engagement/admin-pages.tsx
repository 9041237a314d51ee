// Staff pages: news posts (draft → published, unpublish) and the document library.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDate } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  ErrorSummary,
  LinkButton,
  Notice,
  SelectField,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { LegalDocument, NewsPost } from './queries.ts';
import { EFFECT_STATUSES } from './schemas.ts';

export type FormValues = Record<string, string>;

export function newsFormValues(p: NewsPost): FormValues {
  return {
    slug: p.slug,
    titleVi: p.titleVi,
    titleEn: p.titleEn ?? '',
    summaryVi: p.summaryVi ?? '',
    summaryEn: p.summaryEn ?? '',
    bodyVi: p.bodyVi,
    bodyEn: p.bodyEn ?? '',
    sources: p.sources.join('\n'),
    rowVersion: String(p.rowVersion),
  };
}

export function documentFormValues(d: LegalDocument): FormValues {
  return {
    code: d.code,
    number: d.number ?? '',
    docType: d.docType,
    titleVi: d.titleVi ?? '',
    titleEn: d.titleEn ?? '',
    issuerVi: d.issuerVi ?? '',
    issuerEn: d.issuerEn ?? '',
    signer: d.signer ?? '',
    issuedOn: d.issuedOn ?? '',
    effectStatus: d.effectStatus,
    summaryVi: d.summaryVi ?? '',
    summaryEn: d.summaryEn ?? '',
    fileUrl: d.fileUrl ?? '',
    sources: d.sources.join('\n'),
    rowVersion: String(d.rowVersion),
  };
}

export function NewsAdminPage(props: { ctx: PageContext; posts: NewsPost[]; notice?: string }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('staff.news.title'), noindex: true }}>
      <h1>{t('staff.news.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <p>
        <LinkButton href="/admin/tin-tuc/new">{t('staff.news.new')}</LinkButton>
      </p>
      <Table
        caption={t('staff.news.title')}
        rows={props.posts}
        rowKey={(p) => p.id}
        empty={t('layout.noData')}
        columns={[
          { header: t('staff.field.title'), cell: (p) => <a href={`/admin/tin-tuc/${p.id}`}>{p.titleVi}</a> },
          {
            header: t('staff.field.state'),
            cell: (p) =>
              p.publishedAt ? (
                <Badge tone="success">{t('staff.news.published', { date: formatDate(p.publishedAt) })}</Badge>
              ) : (
                <Badge tone="warning">{t('staff.news.draft')}</Badge>
              ),
          },
        ]}
      />
    </Layout>
  );
}

export function NewsFormPage(props: {
  ctx: PageContext;
  post?: NewsPost;
  values: FormValues;
  errors?: FieldError[];
  message?: string;
  notice?: string;
}) {
  const { ctx, post, values: v } = props;
  const t = ctx.t;
  const errors = props.errors ?? [];
  const title = post ? t('staff.news.edit', { title: post.titleVi }) : t('staff.news.new');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title,
        noindex: true,
        breadcrumbs: [{ href: '/admin/tin-tuc', label: t('staff.news.title') }, { label: title }],
      }}
    >
      <h1>{title}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      {post ? (
        <p>
          {post.publishedAt ? (
            <>
              <Badge tone="success">
                {t('staff.news.published', { date: formatDate(post.publishedAt) })}
              </Badge>{' '}
              <a href={`/tin-tuc/${post.slug}`}>{`/tin-tuc/${post.slug}`}</a>
            </>
          ) : (
            <Badge tone="warning">{t('staff.news.draft')}</Badge>
          )}
        </p>
      ) : null}
      <form method="post" action={post ? `/admin/tin-tuc/${post.id}` : '/admin/tin-tuc'}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {post ? <input type="hidden" name="rowVersion" value={v.rowVersion ?? ''} /> : null}
        <TextField
          name="titleVi"
          label={t('staff.field.titleVi')}
          value={v.titleVi}
          errors={errors}
          required
        />
        <TextField name="titleEn" label={t('staff.field.titleEn')} value={v.titleEn} errors={errors} />
        <TextField
          name="slug"
          label={t('staff.field.slug')}
          hint={t('staff.field.slugHint')}
          value={v.slug}
          errors={errors}
          required
        />
        <TextField
          name="summaryVi"
          label={t('staff.field.summaryVi')}
          value={v.summaryVi}
          multiline
          errors={errors}
        />
        <TextField
          name="summaryEn"
          label={t('staff.field.summaryEn')}
          value={v.summaryEn}
          multiline
          errors={errors}
        />
        <TextField
          name="bodyVi"
          label={t('staff.field.bodyVi')}
          value={v.bodyVi}
          multiline
          errors={errors}
          required
        />
        <TextField name="bodyEn" label={t('staff.field.bodyEn')} value={v.bodyEn} multiline errors={errors} />
        <TextField
          name="sources"
          label={t('staff.field.sources')}
          hint={t('staff.field.sourcesHint')}
          value={v.sources}
          multiline
          errors={errors}
        />
        <Button type="submit">{t('common.save')}</Button>
      </form>
      {post ? (
        <form
          method="post"
          action={`/admin/tin-tuc/${post.id}/${post.publishedAt ? 'unpublish' : 'publish'}`}
        >
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <Button type="submit" variant={post.publishedAt ? 'danger' : 'primary'}>
            {t(post.publishedAt ? 'staff.news.unpublish' : 'staff.news.publish')}
          </Button>
        </form>
      ) : null}
    </Layout>
  );
}

export function DocumentsAdminPage(props: { ctx: PageContext; docs: LegalDocument[]; notice?: string }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('staff.docs.title'), noindex: true }}>
      <h1>{t('staff.docs.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <p>
        <LinkButton href="/admin/van-ban/new">{t('staff.docs.new')}</LinkButton>
      </p>
      <Table
        caption={t('staff.docs.title')}
        rows={props.docs}
        rowKey={(d) => d.id}
        empty={t('layout.noData')}
        columns={[
          {
            header: t('docs.number'),
            cell: (d) => <a href={`/admin/van-ban/${d.id}`}>{d.number ?? `(${d.code})`}</a>,
          },
          { header: t('docs.type'), cell: (d) => d.docType },
          { header: t('docs.date'), cell: (d) => (d.issuedOn ? formatDate(d.issuedOn) : '—') },
          { header: t('docs.summary'), cell: (d) => d.titleVi ?? d.summaryVi ?? '—' },
          { header: t('docs.status'), cell: (d) => t(`docs.status.${d.effectStatus}`) },
        ]}
      />
    </Layout>
  );
}

export function DocumentFormPage(props: {
  ctx: PageContext;
  doc?: LegalDocument;
  values: FormValues;
  errors?: FieldError[];
  message?: string;
  notice?: string;
}) {
  const { ctx, doc, values: v } = props;
  const t = ctx.t;
  const errors = props.errors ?? [];
  const title = doc ? t('staff.docs.edit', { number: doc.number ?? doc.code }) : t('staff.docs.new');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title,
        noindex: true,
        breadcrumbs: [{ href: '/admin/van-ban', label: t('staff.docs.title') }, { label: title }],
      }}
    >
      <h1>{title}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={errors} message={props.message} />
      <form method="post" action={doc ? `/admin/van-ban/${doc.id}` : '/admin/van-ban'}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {doc ? <input type="hidden" name="rowVersion" value={v.rowVersion ?? ''} /> : null}
        <TextField
          name="code"
          label={t('staff.field.code')}
          hint={t('staff.field.slugHint')}
          value={v.code}
          errors={errors}
          required
        />
        <TextField
          name="number"
          label={t('docs.number')}
          hint={t('staff.field.numberHint')}
          value={v.number}
          errors={errors}
        />
        <TextField name="docType" label={t('docs.type')} value={v.docType} errors={errors} required />
        <TextField
          name="titleVi"
          label={t('staff.field.titleVi')}
          value={v.titleVi}
          multiline
          errors={errors}
        />
        <TextField
          name="titleEn"
          label={t('staff.field.titleEn')}
          value={v.titleEn}
          multiline
          errors={errors}
        />
        <TextField name="issuerVi" label={t('docs.issuer')} value={v.issuerVi} errors={errors} />
        <TextField name="issuerEn" label={t('staff.field.issuerEn')} value={v.issuerEn} errors={errors} />
        <TextField name="signer" label={t('staff.field.signer')} value={v.signer} errors={errors} />
        <TextField name="issuedOn" type="date" label={t('docs.date')} value={v.issuedOn} errors={errors} />
        <SelectField
          name="effectStatus"
          label={t('docs.status')}
          value={v.effectStatus ?? 'in_force'}
          options={EFFECT_STATUSES.map((s) => ({ value: s, label: t(`docs.status.${s}`) }))}
          errors={errors}
        />
        <TextField
          name="summaryVi"
          label={t('staff.field.summaryVi')}
          value={v.summaryVi}
          multiline
          errors={errors}
        />
        <TextField
          name="summaryEn"
          label={t('staff.field.summaryEn')}
          value={v.summaryEn}
          multiline
          errors={errors}
        />
        <TextField
          name="fileUrl"
          type="url"
          label={t('staff.field.fileUrl')}
          value={v.fileUrl}
          errors={errors}
        />
        <TextField
          name="sources"
          label={t('staff.field.sources')}
          hint={t('staff.field.sourcesHint')}
          value={v.sources}
          multiline
          errors={errors}
        />
        <Button type="submit">{t('common.save')}</Button>
      </form>
    </Layout>
  );
}
