// The search over every module's documents: diacritics-insensitive (text folded
// in TypeScript), tolerant of one wrong letter (pg_trgm word_similarity), ranked.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/query.ts';
import type { DbOrTx } from '../../kernel/db/types.ts';
import { highlightSnippet, queryTokens } from './normalize.ts';

export type SearchHit = {
  type: string;
  key: string;
  title: string;
  titleEn: string | null;
  url: string;
  score: number;
  /** HTML: the text is escaped, matches are wrapped in <mark>. */
  titleHtml: string;
  snippetHtml: string;
};

export type SearchResult = {
  query: string;
  total: number;
  hits: SearchHit[];
  countsByType: Record<string, number>;
};

type Row = {
  type: string;
  key: string;
  title_vi: string;
  title_en: string | null;
  body_vi: string;
  url: string;
  score: number;
};

export async function search(
  db: DbOrTx,
  q: string,
  options: { type?: string; limit?: number } = {},
): Promise<SearchResult> {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return { query: q, total: 0, hits: [], countsByType: {} };
  const folded = tokens.join(' ');
  const limit = Math.min(options.limit ?? 20, 100);
  // A document matches when the whole query is found (exactly or nearly) in its
  // title or body, or when every word is present in it.
  const allWords = sql.join(
    tokens.map((t) => sql`(d.norm_title || ' ' || d.norm_body) like ${`%${t}%`}`),
    sql` and `,
  );
  const rows = await queryRows<Row>(
    db,
    sql`select d.type, d.key, d.title_vi, d.title_en, d.body_vi, d.url, s.score::float8 as score
        from search_documents d
        cross join lateral (select
          greatest(word_similarity(${folded}, d.norm_title) * 2,
                   word_similarity(${folded}, d.norm_body))
          + case when d.norm_title like ${`%${folded}%`} then 1 else 0 end
          + case when d.norm_title = ${folded} then 1 else 0 end
          + d.boost * 0.01 as score) s
        where (word_similarity(${folded}, d.norm_title) >= 0.6
               or word_similarity(${folded}, d.norm_body) >= 0.7
               or (${allWords}))`,
  );
  const countsByType: Record<string, number> = {};
  for (const r of rows) countsByType[r.type] = (countsByType[r.type] ?? 0) + 1;
  const filtered = options.type ? rows.filter((r) => r.type === options.type) : rows;
  filtered.sort((a, b) => b.score - a.score || a.title_vi.localeCompare(b.title_vi, 'vi'));
  return {
    query: q,
    total: filtered.length,
    countsByType,
    hits: filtered.slice(0, limit).map((r) => ({
      type: r.type,
      key: r.key,
      title: r.title_vi,
      titleEn: r.title_en,
      url: r.url,
      score: Math.round(r.score * 1000) / 1000,
      titleHtml: highlightSnippet(r.title_vi, tokens, 300),
      snippetHtml: highlightSnippet(r.body_vi, tokens),
    })),
  };
}
