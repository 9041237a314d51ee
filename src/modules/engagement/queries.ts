import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../kernel/db/prepared.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import {
  type CollectionParams,
  type CollectionSpec,
  foldedText,
  keyset,
  textSort,
  timestampSort,
} from '../../kernel/http/collection.ts';
import { type CommentTarget, comments, legalDocuments, newsPosts } from './schema.ts';

type Comment = typeof comments.$inferSelect;

export type NewsPost = typeof newsPosts.$inferSelect;
export type LegalDocument = typeof legalDocuments.$inferSelect;

const newsQuery = preparedPerDb((db, name) =>
  db
    .select()
    .from(newsPosts)
    .where(isNotNull(newsPosts.publishedAt))
    .orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id))
    .limit(sql.placeholder('limit'))
    .prepare(name),
);

export function listNews(db: DbOrTx, limit = 50): Promise<NewsPost[]> {
  return newsQuery(db).execute({ limit });
}

export async function getNews(db: DbOrTx, slug: string): Promise<NewsPost | null> {
  const [row] = await db
    .select()
    .from(newsPosts)
    .where(and(eq(newsPosts.slug, slug), isNotNull(newsPosts.publishedAt)));
  return row ?? null;
}

/** The posts just newer and just older than `post` (by publication time, then id). */
export async function newsNeighbours(
  db: DbOrTx,
  post: NewsPost,
): Promise<{ newer: NewsPost | null; older: NewsPost | null }> {
  const at = post.publishedAt!;
  const after: SQL = or(
    gt(newsPosts.publishedAt, at),
    and(eq(newsPosts.publishedAt, at), gt(newsPosts.id, post.id)),
  )!;
  const before: SQL = or(
    lt(newsPosts.publishedAt, at),
    and(eq(newsPosts.publishedAt, at), lt(newsPosts.id, post.id)),
  )!;
  const [newer] = await db
    .select()
    .from(newsPosts)
    .where(and(isNotNull(newsPosts.publishedAt), after))
    .orderBy(asc(newsPosts.publishedAt), asc(newsPosts.id))
    .limit(1);
  const [older] = await db
    .select()
    .from(newsPosts)
    .where(and(isNotNull(newsPosts.publishedAt), before))
    .orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id))
    .limit(1);
  return { newer: newer ?? null, older: older ?? null };
}

export function listDocuments(db: DbOrTx): Promise<LegalDocument[]> {
  return db.select().from(legalDocuments).orderBy(desc(legalDocuments.issuedOn), asc(legalDocuments.code));
}

/** Every post, drafts first, then newest (staff list). */
export async function listAllNews(db: DbOrTx): Promise<NewsPost[]> {
  const rows = await db.select().from(newsPosts).orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id));
  return [...rows.filter((p) => !p.publishedAt), ...rows.filter((p) => p.publishedAt)];
}

export async function getNewsById(db: DbOrTx, id: number): Promise<NewsPost | null> {
  const [row] = await db.select().from(newsPosts).where(eq(newsPosts.id, id));
  return row ?? null;
}

export async function getDocumentById(db: DbOrTx, id: number): Promise<LegalDocument | null> {
  const [row] = await db.select().from(legalDocuments).where(eq(legalDocuments.id, id));
  return row ?? null;
}

// --- The API's collections: sorted and paged in SQL (kernel/http/collection.ts). ---

export const NEWS_SORTS = ['published', 'title'] as const;
const NEWS_COLLECTION: CollectionSpec<NewsPost, (typeof NEWS_SORTS)[number]> = {
  sorts: {
    published: timestampSort(newsPosts.publishedAt, (p) => p.publishedAt),
    title: textSort(newsPosts.titleVi, (p) => p.titleVi),
  },
  id: { expr: newsPosts.id, value: (p) => p.id, type: 'int' },
};

/** Published news, one page; `q` finds words of the title or summary, diacritics ignored. */
export async function pageNews(
  db: DbOrTx,
  q: CollectionParams<(typeof NEWS_SORTS)[number]> & { q?: string | undefined },
) {
  const k = keyset(NEWS_COLLECTION, q);
  const rows = await db
    .select()
    .from(newsPosts)
    .where(
      and(
        isNotNull(newsPosts.publishedAt),
        q.q
          ? sql`${foldedText(sql`${newsPosts.titleVi} || ' ' || coalesce(${newsPosts.summaryVi}, '')`)} like ${foldedText(sql`${`%${q.q}%`}`)}`
          : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export const DOCUMENT_SORTS = ['issued', 'code', 'title'] as const;
const DOCUMENT_COLLECTION: CollectionSpec<LegalDocument, (typeof DOCUMENT_SORTS)[number]> = {
  sorts: {
    issued: { expr: legalDocuments.issuedOn, value: (d) => d.issuedOn, type: 'date', nullable: true },
    code: { expr: legalDocuments.code, value: (d) => d.code, type: 'text' },
    title: textSort(legalDocuments.titleVi, (d) => d.titleVi, true),
  },
  id: { expr: legalDocuments.id, value: (d) => d.id, type: 'int' },
};

export async function pageDocuments(
  db: DbOrTx,
  q: CollectionParams<(typeof DOCUMENT_SORTS)[number]> & {
    docType?: string | undefined;
    effectStatus?: string | undefined;
    planCode?: string | undefined;
  },
) {
  const k = keyset(DOCUMENT_COLLECTION, q);
  const rows = await db
    .select()
    .from(legalDocuments)
    .where(
      and(
        q.docType ? eq(legalDocuments.docType, q.docType) : undefined,
        q.effectStatus ? eq(legalDocuments.effectStatus, q.effectStatus) : undefined,
        q.planCode ? eq(legalDocuments.planCode, q.planCode) : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}

export const COMMENT_SORTS = ['created', 'replied'] as const;
const COMMENT_COLLECTION: CollectionSpec<Comment, (typeof COMMENT_SORTS)[number]> = {
  sorts: {
    created: timestampSort(comments.createdAt, (c) => c.createdAt),
    replied: timestampSort(comments.repliedAt, (c) => c.repliedAt, true),
  },
  id: { expr: comments.id, value: (c) => c.id, type: 'int' },
};

/** Published comments on one target, one page; `answered` keeps those with (or without) a reply. */
export async function pageApprovedComments(
  db: DbOrTx,
  q: CollectionParams<(typeof COMMENT_SORTS)[number]> & {
    targetType: CommentTarget;
    targetId: number;
    answered?: 'true' | 'false' | undefined;
  },
) {
  const k = keyset(COMMENT_COLLECTION, q);
  const rows = await db
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.targetType, q.targetType),
        eq(comments.targetId, q.targetId),
        eq(comments.state, 'approved'),
        q.answered === 'true'
          ? isNotNull(comments.replyBody)
          : q.answered === 'false'
            ? isNull(comments.replyBody)
            : undefined,
        k.after,
      ),
    )
    .orderBy(...k.orderBy)
    .limit(k.fetch);
  return k.page(rows);
}
