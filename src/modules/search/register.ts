// The one way other modules put their records into the search index. Call it
// inside the transaction that writes the record (seed or use case).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { upsertChanged } from '../../kernel/db/upsert.ts';
import { foldVietnamese } from './normalize.ts';
import { searchDocuments } from './schema.ts';

/** Known types, in the order the search page's type filter lists them; a module may add its own string. */
export const SEARCH_TYPES = [
  'section',
  'industrial_park',
  'industrial_cluster',
  'urban_area',
  'zone',
  'infrastructure',
  'sector',
  'breakthrough',
  'project',
  'indicator',
  'news',
  'document',
] as const;

export type SearchDocumentInput = {
  type: string;
  key: string;
  title: string;
  titleEn?: string | null;
  body?: string | null;
  url: string;
  boost?: number;
};

export function searchRow(input: SearchDocumentInput): typeof searchDocuments.$inferInsert {
  const title = input.title.trim();
  const body = (input.body ?? '').replace(/\s+/g, ' ').trim().slice(0, 20_000);
  return {
    type: input.type,
    key: input.key,
    titleVi: title,
    titleEn: input.titleEn ?? null,
    bodyVi: body,
    url: input.url,
    normTitle: foldVietnamese(`${title} ${input.titleEn ?? ''}`.trim()),
    normBody: foldVietnamese(body),
    boost: input.boost ?? 0,
  };
}

const { set, setWhere } = upsertChanged(searchDocuments, [
  'titleVi',
  'titleEn',
  'bodyVi',
  'url',
  'normTitle',
  'normBody',
  'boost',
]);

/** Adds or refreshes documents (idempotent: an unchanged one is not rewritten). */
export async function upsertSearchDocuments(tx: DbOrTx, inputs: SearchDocumentInput[]): Promise<void> {
  if (inputs.length === 0) return;
  for (let i = 0; i < inputs.length; i += 200) {
    await tx
      .insert(searchDocuments)
      .values(inputs.slice(i, i + 200).map(searchRow))
      .onConflictDoUpdate({ target: [searchDocuments.type, searchDocuments.key], set, setWhere });
  }
}

export function upsertSearchDocument(tx: DbOrTx, input: SearchDocumentInput): Promise<void> {
  return upsertSearchDocuments(tx, [input]);
}

/** Removes a document (e.g. a section unpublished: it must not be found any more). */
export async function removeSearchDocument(tx: DbOrTx, type: string, key: string): Promise<void> {
  await tx.delete(searchDocuments).where(and(eq(searchDocuments.type, type), eq(searchDocuments.key, key)));
}
