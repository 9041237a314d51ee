// News, documents, the comment block under sections/items/news, and moderation.

import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDate } from '../../kernel/i18n/index.ts';
import {
  Badge,
  Button,
  CheckboxField,
  ErrorSummary,
  Localized,
  localized,
  NoData,
  Notice,
  SourceLinks,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { Term, term } from '../plan/terms.tsx';
import { type Comment, commentStatus } from './comments.ts';
import type { LegalDocument, NewsPost } from './queries.ts';

const crumbsHome = (ctx: PageContext) => ({ href: '/', label: ctx.t('home.nav') });

/** A post's title, summary and body in the reader's language (Vietnamese, marked, when no English). */
export const newsTitle = (ctx: PageContext, p: NewsPost) => localized(ctx, p.titleVi, p.titleEn);

export function NewsListPage(props: { ctx: PageContext; posts: NewsPost[] }) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: ctx.t('news.title'),
        description: ctx.t('news.description'),
        canonicalPath: '/tin-tuc',
        breadcrumbs: [crumbsHome(ctx), { label: ctx.t('news.title') }],
      }}
    >
      <h1>{ctx.t('news.title')}</h1>
      <p>
        <a href="/tin-tuc/feed.xml" type="application/atom+xml">
          {ctx.t('news.feed')}
        </a>
      </p>
      <NewsList ctx={ctx} posts={props.posts} />
    </Layout>
  );
}

export function NewsList(props: { ctx: PageContext; posts: NewsPost[] }) {
  return (
    <ul class="news-list">
      {props.posts.map((p) => (
        <li key={p.id}>
          <a href={`/tin-tuc/${p.slug}`} lang={newsTitle(props.ctx, p).lang}>
            {newsTitle(props.ctx, p).text}
          </a>{' '}
          <small class="muted">{formatDate(p.publishedAt)}</small>
          {p.isSample ? <Badge tone="sample">{props.ctx.t('layout.sampleBadge')}</Badge> : null}
        </li>
      ))}
    </ul>
  );
}

export function NewsPage(props: {
  ctx: PageContext;
  post: NewsPost;
  newer: NewsPost | null;
  older: NewsPost | null;
  after?: preact.ComponentChildren;
}) {
  const { ctx, post } = props;
  const title = newsTitle(ctx, post);
  const summary = localized(ctx, post.summaryVi ?? post.titleVi, post.summaryEn ?? post.titleEn);
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: title.text,
        description: summary.text.slice(0, 200),
        canonicalPath: `/tin-tuc/${post.slug}`,
        breadcrumbs: [
          crumbsHome(ctx),
          { href: '/tin-tuc', label: ctx.t('news.title') },
          { label: title.text },
        ],
      }}
    >
      <article>
        <h1 lang={title.lang}>{title.text}</h1>
        <p class="muted">{ctx.t('news.published', { date: formatDate(post.publishedAt) })}</p>
        {post.isSample ? <Badge tone="sample">{ctx.t('layout.sampleBadge')}</Badge> : null}
        <Localized ctx={ctx} as="p" vi={post.bodyVi} en={post.bodyEn} />
        <SourceLinks ctx={ctx} sources={post.sources} />
      </article>
      <nav class="pager" aria-label={ctx.t('news.title')}>
        {props.newer ? (
          <a rel="next" href={`/tin-tuc/${props.newer.slug}`}>
            {`← ${ctx.t('news.newer')}: `}
            <Localized ctx={ctx} vi={props.newer.titleVi} en={props.newer.titleEn} />
          </a>
        ) : null}
        {props.older ? (
          <a rel="prev" href={`/tin-tuc/${props.older.slug}`}>
            {`${ctx.t('news.older')}: `}
            <Localized ctx={ctx} vi={props.older.titleVi} en={props.older.titleEn} />
            {' →'}
          </a>
        ) : null}
      </nav>
      {props.after}
    </Layout>
  );
}

/** The English name of a known term (e.g. "Thủ tướng Chính phủ" → "Prime Minister"), else null. */
function englishTerm(ctx: PageContext, vi: string): string | null {
  const t = term({ ...ctx, locale: 'en' }, vi);
  return t.lang === undefined && t.text !== vi ? t.text : null;
}

export function DocumentsPage(props: { ctx: PageContext; docs: LegalDocument[] }) {
  const { ctx } = props;
  const nd = <NoData ctx={ctx} />;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: ctx.t('docs.title'),
        description: ctx.t('docs.description'),
        canonicalPath: '/van-ban',
        breadcrumbs: [crumbsHome(ctx), { label: ctx.t('docs.title') }],
      }}
    >
      <h1>{ctx.t('docs.title')}</h1>
      <Table
        caption={ctx.t('docs.caption')}
        rows={props.docs}
        rowKey={(d) => d.id}
        columns={[
          {
            header: ctx.t('docs.number'),
            cell: (d) => <span id={d.code}>{d.number ?? nd}</span>,
          },
          { header: ctx.t('docs.type'), cell: (d) => <Term ctx={ctx} value={d.docType} /> },
          { header: ctx.t('docs.date'), cell: (d) => (d.issuedOn ? formatDate(d.issuedOn) : nd) },
          {
            header: ctx.t('docs.issuer'),
            cell: (d) =>
              d.issuerVi ? (
                <Localized ctx={ctx} vi={d.issuerVi} en={d.issuerEn ?? englishTerm(ctx, d.issuerVi)} />
              ) : (
                nd
              ),
          },
          {
            header: ctx.t('docs.summary'),
            cell: (d) => (
              <>
                {d.titleVi ? <Localized ctx={ctx} as="p" vi={d.titleVi} en={d.titleEn} /> : null}
                {d.summaryVi ? (
                  <Localized ctx={ctx} as="p" class="muted" vi={d.summaryVi} en={d.summaryEn} />
                ) : null}
                {d.titleVi || d.summaryVi ? null : nd}
              </>
            ),
          },
          { header: ctx.t('docs.status'), cell: (d) => ctx.t(`docs.status.${d.effectStatus}`) },
          { header: ctx.t('layout.sources'), cell: (d) => <SourceLinks ctx={ctx} sources={d.sources} /> },
        ]}
      />
    </Layout>
  );
}

export type CommentFormState = { values?: Record<string, string>; errors?: FieldError[]; notice?: string };

export function CommentsBlock(props: {
  ctx: PageContext;
  target: { type: string; id: number };
  comments: Comment[];
  back: string;
  form?: CommentFormState;
  /** The agencies that answered, by id (the answer names its agency). */
  replyAgencies?: Map<number, { nameVi: string; nameEn: string | null }>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const answered = props.comments.filter((c) => c.replyBody).length;
  const replyAgency = (c: Comment) =>
    c.replyAgencyId === null ? undefined : props.replyAgencies?.get(c.replyAgencyId);
  const v = props.form?.values ?? {};
  return (
    <section class="comments" id="y-kien" aria-labelledby="comments-h">
      <h2 id="comments-h">{t('comments.title')}</h2>
      <p>{t('comments.count', { count: props.comments.length, answered })}</p>
      {props.form?.notice ? <Notice tone="success">{props.form.notice}</Notice> : null}
      {props.comments.length === 0 ? <p class="no-data">{t('comments.none')}</p> : null}
      <ol class="comment-list">
        {props.comments.map((c) => (
          <li key={c.id} class="comment" id={`y-kien-${c.id}`}>
            <p class="comment__meta">
              <strong>{c.pseudonym}</strong> · {formatDate(c.createdAt)} ·{' '}
              <Badge tone={c.replyBody ? 'success' : 'info'}>
                {t(`comments.status.${commentStatus(c)}`)}
              </Badge>
              {c.isSample ? <Badge tone="sample">{t('layout.sampleBadge')}</Badge> : null}
            </p>
            <p class="comment__body">{c.body}</p>
            {c.replyBody ? (
              <div class="comment__reply">
                <p>
                  <strong>{t('comments.replyOf')}</strong>
                  {replyAgency(c) ? (
                    <>
                      {': '}
                      <Localized ctx={ctx} vi={replyAgency(c)!.nameVi} en={replyAgency(c)!.nameEn} />
                    </>
                  ) : null}{' '}
                  · {formatDate(c.repliedAt)}
                </p>
                <p>{c.replyBody}</p>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <form method="post" action="/y-kien" class="comment-form no-print">
        <h3>{t('comments.form')}</h3>
        <ErrorSummary ctx={ctx} errors={props.form?.errors ?? []} />
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="targetType" value={props.target.type} />
        <input type="hidden" name="targetId" value={String(props.target.id)} />
        <input type="hidden" name="back" value={props.back} />
        <TextField
          name="body"
          label={t('comments.body')}
          value={v.body ?? ''}
          multiline
          errors={props.form?.errors}
        />
        <TextField name="name" label={t('comments.name')} value={v.name ?? ''} errors={props.form?.errors} />
        <TextField
          name="email"
          type="email"
          label={t('comments.email')}
          hint={t('comments.emailHint')}
          value={v.email ?? ''}
          errors={props.form?.errors}
        />
        <p class="hint">{t('comments.notice')}</p>
        <CheckboxField
          name="consent"
          label={t('comments.consent')}
          checked={v.consent === 'on'}
          errors={props.form?.errors}
        />
        <div class="honeypot" aria-hidden="true">
          <label for="comment-website">{t('comments.website')}</label>
          <input id="comment-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <Button type="submit">{t('comments.submit')}</Button>
      </form>
    </section>
  );
}

export function ModerationPage(props: {
  ctx: PageContext;
  pending: Comment[];
  awaiting: Comment[];
  targetUrl: (c: Comment) => string;
  canModerate: boolean;
  notice?: string;
  message?: string;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const hidden = <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
  return (
    <Layout ctx={ctx} meta={{ title: t('comments.moderation'), noindex: true }}>
      <h1>{t('comments.moderation')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      {props.message ? <Notice tone="danger">{props.message}</Notice> : null}
      {props.canModerate ? (
        <>
          <h2>{`${t('comments.pending')} (${props.pending.length})`}</h2>
          <ol class="comment-list">
            {props.pending.map((c) => (
              <li key={c.id} class="comment">
                <p class="comment__meta">
                  <strong>{c.pseudonym}</strong> · {formatDate(c.createdAt)} · {t('comments.about')}{' '}
                  <a href={props.targetUrl(c)}>{props.targetUrl(c)}</a>
                </p>
                <p class="comment__body">{c.body}</p>
                <form method="post" action={`/admin/y-kien/${c.id}/approve`} class="inline-form">
                  {hidden}
                  <Button type="submit">{t('comments.approve')}</Button>
                </form>
                <form method="post" action={`/admin/y-kien/${c.id}/reject`} class="inline-form">
                  {hidden}
                  <TextField name="reason" label={t('comments.rejectReason')} />
                  <Button type="submit" variant="danger">
                    {t('comments.reject')}
                  </Button>
                </form>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <h2>{`${t('comments.awaitingReply')} (${props.awaiting.length})`}</h2>
      <ol class="comment-list">
        {props.awaiting.map((c) => (
          <li key={c.id} class="comment">
            <p class="comment__meta">
              <strong>{c.pseudonym}</strong> · {formatDate(c.createdAt)} · {t('comments.about')}{' '}
              <a href={props.targetUrl(c)}>{props.targetUrl(c)}</a>
            </p>
            <p class="comment__body">{c.body}</p>
            <form method="post" action={`/admin/y-kien/${c.id}/reply`}>
              {hidden}
              <TextField name="body" label={`${t('comments.replyBody')} #${c.id}`} multiline />
              <Button type="submit">{t('comments.sendReply')}</Button>
            </form>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
