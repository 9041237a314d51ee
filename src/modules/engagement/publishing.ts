// Staff use cases for news posts and the document library: planners (and
// administrators) create and edit them; a post is a draft until published and
// disappears from the site, the feed and the search when unpublished. Every
// change is audited and keeps the search index in the same transaction.
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Actor, CurrentUser } from '../../kernel/http/context.ts';
import { conflict, forbidden, invalid, notFound } from '../../kernel/http/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { removeSearchDocument, upsertSearchDocument } from '../search/register.ts';
import type { LegalDocument, NewsPost } from './queries.ts';
import { legalDocuments, newsPosts } from './schema.ts';
import type { DocumentInput, NewsInput, UpdateDocumentInput, UpdateNewsInput } from './schemas.ts';

/** Rule: planners and administrators publish news and keep the document library. */
export function mayPublish(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'planner' || user.role === 'admin');
}

function assertPublisher(user: CurrentUser | null): void {
  if (!mayPublish(user)) throw forbidden();
}

export function newsSearchDocument(p: NewsPost) {
  return {
    type: 'news',
    key: String(p.id),
    title: p.titleVi,
    titleEn: p.titleEn,
    body: [p.summaryVi, p.bodyVi].filter(Boolean).join(' '),
    url: `/tin-tuc/${p.slug}`,
  };
}

export function documentSearchDocument(d: LegalDocument) {
  return {
    type: 'document',
    key: String(d.id),
    title: `${d.docType} ${d.number ?? ''} ${d.titleVi ?? ''}`.replace(/\s+/g, ' ').trim(),
    titleEn: d.titleEn,
    body: d.summaryVi ?? '',
    url: `/van-ban#${d.code}`,
  };
}

async function indexNews(tx: DbOrTx, p: NewsPost): Promise<void> {
  if (p.publishedAt) await upsertSearchDocument(tx, newsSearchDocument(p));
  else await removeSearchDocument(tx, 'news', String(p.id));
}

async function assertSlugFree(tx: DbOrTx, slug: string, selfId?: number): Promise<void> {
  const taken = await tx
    .select({ id: newsPosts.id })
    .from(newsPosts)
    .where(and(eq(newsPosts.slug, slug), selfId === undefined ? undefined : ne(newsPosts.id, selfId)));
  if (taken.length) throw invalid([{ field: 'slug', message: 'staff.error.slugTaken' }]);
}

const newsValues = (input: NewsInput) => ({
  slug: input.slug,
  titleVi: input.titleVi,
  titleEn: input.titleEn ?? null,
  summaryVi: input.summaryVi ?? null,
  summaryEn: input.summaryEn ?? null,
  bodyVi: input.bodyVi,
  bodyEn: input.bodyEn ?? null,
  sources: input.sources,
});

/** A new post, as a draft (not on the site until published). */
export async function createNews(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  input: NewsInput,
): Promise<NewsPost> {
  assertPublisher(user);
  return db.transaction(async (tx) => {
    await assertSlugFree(tx, input.slug);
    const [created] = await tx.insert(newsPosts).values(newsValues(input)).returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'news_post',
      entityId: created!.id,
      after: created,
    });
    return created!;
  });
}

/** Changes a post; a stale rowVersion gets 409. A published post's search entry follows. */
export async function updateNews(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  input: UpdateNewsInput,
): Promise<NewsPost> {
  assertPublisher(user);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(newsPosts).where(eq(newsPosts.id, id));
    if (!before) throw notFound();
    await assertSlugFree(tx, input.slug, id);
    const [after] = await tx
      .update(newsPosts)
      .set({ ...newsValues(input), rowVersion: before.rowVersion + 1, updatedAt: new Date() })
      .where(and(eq(newsPosts.id, id), eq(newsPosts.rowVersion, input.rowVersion)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, { action: 'update', entity: 'news_post', entityId: id, before, after });
    await indexNews(tx, after);
    return after;
  });
}

/** Publishes (now) or unpublishes a post. */
export async function setNewsPublished(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  published: boolean,
): Promise<NewsPost> {
  assertPublisher(user);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(newsPosts).where(eq(newsPosts.id, id));
    if (!before) throw notFound();
    if (Boolean(before.publishedAt) === published) return before;
    const [after] = await tx
      .update(newsPosts)
      .set({
        publishedAt: published ? new Date() : null,
        rowVersion: before.rowVersion + 1,
        updatedAt: new Date(),
      })
      .where(eq(newsPosts.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: published ? 'publish' : 'unpublish',
      entity: 'news_post',
      entityId: id,
      before: { publishedAt: before.publishedAt },
      after: { publishedAt: after!.publishedAt },
    });
    await indexNews(tx, after!);
    return after!;
  });
}

const documentValues = (input: DocumentInput) => ({
  code: input.code,
  number: input.number ?? null,
  docType: input.docType,
  titleVi: input.titleVi ?? null,
  titleEn: input.titleEn ?? null,
  issuerVi: input.issuerVi ?? null,
  issuerEn: input.issuerEn ?? null,
  signer: input.signer ?? null,
  issuedOn: input.issuedOn ?? null,
  effectStatus: input.effectStatus,
  summaryVi: input.summaryVi ?? null,
  summaryEn: input.summaryEn ?? null,
  fileUrl: input.fileUrl ?? null,
  sources: input.sources,
});

async function assertCodeFree(tx: DbOrTx, code: string, selfId?: number): Promise<void> {
  const taken = await tx
    .select({ id: legalDocuments.id })
    .from(legalDocuments)
    .where(
      and(eq(legalDocuments.code, code), selfId === undefined ? undefined : ne(legalDocuments.id, selfId)),
    );
  if (taken.length) throw invalid([{ field: 'code', message: 'staff.error.codeTaken' }]);
}

/** A record of the document library (shown at once: it describes a published legal document). */
export async function createDocument(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  input: DocumentInput,
): Promise<LegalDocument> {
  assertPublisher(user);
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, input.code);
    const [created] = await tx.insert(legalDocuments).values(documentValues(input)).returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'legal_document',
      entityId: created!.id,
      after: created,
    });
    await upsertSearchDocument(tx, documentSearchDocument(created!));
    return created!;
  });
}

export async function updateDocument(
  db: DbOrTx,
  actor: Actor,
  user: CurrentUser | null,
  id: number,
  input: UpdateDocumentInput,
): Promise<LegalDocument> {
  assertPublisher(user);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(legalDocuments).where(eq(legalDocuments.id, id));
    if (!before) throw notFound();
    await assertCodeFree(tx, input.code, id);
    const [after] = await tx
      .update(legalDocuments)
      .set({ ...documentValues(input), rowVersion: before.rowVersion + 1, updatedAt: new Date() })
      .where(and(eq(legalDocuments.id, id), eq(legalDocuments.rowVersion, input.rowVersion)))
      .returning();
    if (!after) throw conflict();
    await recordAudit(tx, actor, { action: 'update', entity: 'legal_document', entityId: id, before, after });
    await upsertSearchDocument(tx, documentSearchDocument(after));
    return after;
  });
}
