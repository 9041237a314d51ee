import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { provenance, rowVersion, timestamps } from '../../kernel/db/columns.ts';

/** Announcements (tin tức). */
export const newsPosts = pgTable(
  'news_posts',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    slug: text().notNull(),
    titleVi: text().notNull(),
    titleEn: text(),
    summaryVi: text(),
    summaryEn: text(),
    bodyVi: text().notNull().default(''),
    bodyEn: text(),
    publishedAt: timestamp({ withTimezone: true }),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [uniqueIndex('news_posts_slug_uq').on(t.slug), index('news_posts_published_idx').on(t.publishedAt)],
);

/** Legal documents of the plan: number and symbol, date, issuer, type, effect, source. */
export const legalDocuments = pgTable(
  'legal_documents',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull(),
    /** Number and symbol, e.g. 222/QĐ-TTg; null when not known. */
    number: text(),
    docType: text().notNull(),
    titleVi: text(),
    titleEn: text(),
    issuerVi: text(),
    issuerEn: text(),
    signer: text(),
    issuedOn: date({ mode: 'string' }),
    effectStatus: text().notNull().default('in_force'),
    summaryVi: text(),
    summaryEn: text(),
    fileUrl: text(),
    planCode: text(),
    ...rowVersion,
    ...provenance,
    ...timestamps,
  },
  (t) => [uniqueIndex('legal_documents_code_uq').on(t.code)],
);

export const COMMENT_TARGETS = ['section', 'item', 'news'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];
export const COMMENT_STATES = ['pending', 'approved', 'rejected'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

/** A reader's comment (ý kiến bạn đọc), moderated before it shows, with an optional official reply. */
export const comments = pgTable(
  'comments',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    targetType: text().$type<CommentTarget>().notNull(),
    targetId: integer().notNull(),
    body: text().notNull(),
    authorName: text(),
    authorEmail: text(),
    consentAt: timestamp({ withTimezone: true }),
    /** Which consent notice the commenter agreed to (COMMENT_CONSENT_VERSION when they did). */
    consentVersion: text(),
    /** Shown instead of the name: e.g. "Bạn đọc #4821". */
    pseudonym: text().notNull(),
    state: text().$type<CommentState>().notNull().default('pending'),
    rejectReason: text(),
    moderatedBy: integer(),
    moderatedAt: timestamp({ withTimezone: true }),
    replyBody: text(),
    replyAgencyId: integer(),
    replyBy: integer(),
    repliedAt: timestamp({ withTimezone: true }),
    ipHash: text(),
    meta: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    isSample: boolean().notNull().default(false),
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    index('comments_target_idx').on(t.targetType, t.targetId),
    index('comments_state_idx').on(t.state),
    check('comments_state_chk', sql`${t.state} in ('pending','approved','rejected')`),
    check('comments_target_chk', sql`${t.targetType} in ('section','item','news')`),
  ],
);
