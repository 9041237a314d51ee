import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * One row per searchable thing (a section, a park, a news post…). Modules fill
 * it through `upsertSearchDocument`; `norm_*` hold the text folded to ASCII
 * lower case (diacritics and đ removed) in TypeScript, so matching is the same
 * on PGlite and PostgreSQL; pg_trgm tolerates small typos.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    type: text().notNull(),
    key: text().notNull(),
    titleVi: text().notNull(),
    titleEn: text(),
    bodyVi: text().notNull().default(''),
    url: text().notNull(),
    normTitle: text().notNull(),
    normBody: text().notNull(),
    /** Higher first among equally relevant results (e.g. a park before a news post). */
    boost: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('search_documents_key_uq').on(t.type, t.key),
    index('search_documents_type_idx').on(t.type),
    // Trigram indexes: the search's similarity (<%) and substring (like) tests find their
    // candidates here instead of reading every document.
    index('search_documents_title_trgm_idx').using('gin', t.normTitle.op('gin_trgm_ops')),
    index('search_documents_body_trgm_idx').using('gin', t.normBody.op('gin_trgm_ops')),
  ],
);
