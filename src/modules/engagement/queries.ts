import { and, asc, desc, eq, gt, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { legalDocuments, newsPosts } from './schema.ts';

export type NewsPost = typeof newsPosts.$inferSelect;
export type LegalDocument = typeof legalDocuments.$inferSelect;

export function listNews(db: DbOrTx, limit = 50): Promise<NewsPost[]> {
  return db
    .select()
    .from(newsPosts)
    .where(isNotNull(newsPosts.publishedAt))
    .orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id))
    .limit(limit);
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
