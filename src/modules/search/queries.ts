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

/** The same order as localeCompare(…, 'vi'), without building a collator per comparison. */
const collator = new Intl.Collator('vi');

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
  // title or body, or when every word is present in it. Each test can use the
  // trigram indexes (<% is word_similarity ≥ 0.6), so only candidates are scored.
  const allWords = sql.join(
    tokens.map((t) => sql`(d.norm_title like ${`%${t}%`} or d.norm_body like ${`%${t}%`})`),
    sql` and `,
  );
  const allWordsInBody = sql.join(
    tokens.map((t) => sql`d.norm_body like ${`%${t}%`}`),
    sql` and `,
  );
  const phrase = `%${folded}%`;
  // The body's fuzzy similarity is the costly test: computed (in CASE and last in OR, which
  // stop early) only for documents the cheap substring tests did not already decide.
  // The planner prices pg_trgm's similarity test like a plain comparison, so on a table of a few
  // thousand documents it prefers reading them all and computes the body's similarity for every
  // one (105 ms at province scale) over asking the trigram indexes (under 10 ms): with sequential
  // scans priced out for this one statement, the indexes find the candidates on either engine.
  // The plan's cost is then large enough to start PostgreSQL's JIT compiler, which spends more
  // time compiling (over 100 ms) than it saves here: off too (PGlite has no JIT; the setting is
  // accepted and ignored).
  type Matched = Omit<Row, 'body_vi' | 'title_en' | 'url' | 'key'> & { id: number };
  const matched = await db.transaction(async (tx): Promise<Matched[]> => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`);
    return queryRows<Matched>(
      tx,
      sql`select d.id, d.type, d.title_vi, s.score::float8 as score
        from search_documents d
        cross join lateral (select
          greatest(word_similarity(${folded}, d.norm_title) * 2,
                   case when d.norm_body like ${phrase} then 1
                        when ${allWordsInBody} then 0.8
                        else word_similarity(${folded}, d.norm_body) end)
          + case when d.norm_title like ${phrase} then 1 else 0 end
          + case when d.norm_title = ${folded} then 1 else 0 end
          + d.boost * 0.01 as score) s
        where (${folded} <% d.norm_title
               or d.norm_body like ${phrase}
               or (${allWords})
               or (${folded} <% d.norm_body and word_similarity(${folded}, d.norm_body) >= 0.7))`,
    );
  });
  const countsByType: Record<string, number> = {};
  for (const r of matched) countsByType[r.type] = (countsByType[r.type] ?? 0) + 1;
  const filtered = options.type ? matched.filter((r) => r.type === options.type) : matched;
  filtered.sort((a, b) => b.score - a.score || collator.compare(a.title_vi, b.title_vi));
  const top = filtered.slice(0, limit);
  // Only the page's documents are read whole (their bodies give the snippets).
  const docs = top.length
    ? await queryRows<Row & { id: number }>(
        db,
        sql`select id, type, key, title_vi, title_en, body_vi, url from search_documents
            where id in (${sql.join(
              top.map((r) => sql`${r.id}`),
              sql`, `,
            )})`,
      )
    : [];
  const byId = new Map(docs.map((d) => [d.id, d]));
  const rows = top.flatMap((r) => {
    const d = byId.get(r.id);
    return d ? [{ ...d, score: r.score }] : [];
  });
  return {
    query: q,
    total: filtered.length,
    countsByType,
    hits: rows.map((r) => ({
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
