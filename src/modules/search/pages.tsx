import { Button, langMark, SelectField, TextField } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { SearchResult } from './queries.ts';

/** Label of a result type: the plan's kinds, else this module's own, else the raw type. */
export function typeLabel(ctx: PageContext, type: string): string {
  for (const key of [`plan.kind.${type}`, `search.type.${type}`]) {
    const label = ctx.t(key);
    if (label !== key) return label;
  }
  return type;
}

export function SearchPage(props: {
  ctx: PageContext;
  q: string;
  type?: string;
  result: SearchResult | null;
  types: string[];
}) {
  const { ctx, result } = props;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: props.q ? `${ctx.t('search.title')}: ${props.q}` : ctx.t('search.title'),
        description: ctx.t('search.description'),
        canonicalPath: '/tim-kiem',
        noindex: props.q !== '',
        breadcrumbs: [{ href: '/', label: ctx.t('home.nav') }, { label: ctx.t('search.title') }],
      }}
    >
      <h1>{ctx.t('search.title')}</h1>
      <form method="get" action="/tim-kiem" class="search-form">
        <TextField
          name="q"
          type="search"
          label={ctx.t('search.label')}
          hint={ctx.t('search.hint')}
          value={props.q}
        />
        <SelectField
          name="type"
          label={ctx.t('search.type')}
          value={props.type ?? ''}
          options={[
            { value: '', label: ctx.t('common.all') },
            ...props.types.map((t) => ({
              value: t,
              label: `${typeLabel(ctx, t)}${result?.countsByType[t] ? ` (${result.countsByType[t]})` : ''}`,
            })),
          ]}
        />
        <Button type="submit">{ctx.t('search.submit')}</Button>
      </form>
      {result ? (
        <section aria-labelledby="results-h">
          <h2 id="results-h">
            {result.total
              ? ctx.t('search.results', { count: result.total, q: props.q })
              : ctx.t('search.none', { q: props.q })}
          </h2>
          <ol class="search-results">
            {result.hits.map((hit) => (
              <li key={`${hit.type}-${hit.key}`} class="search-result">
                <p class="eyebrow">{typeLabel(ctx, hit.type)}</p>
                {/* titleHtml/snippetHtml are escaped text with <mark> added by highlightSnippet. */}
                <h3>
                  {ctx.locale === 'en' && hit.titleEn ? (
                    <a href={hit.url}>{hit.titleEn}</a>
                  ) : (
                    <a
                      href={hit.url}
                      lang={langMark(ctx, hit.title)}
                      dangerouslySetInnerHTML={{ __html: hit.titleHtml }}
                    />
                  )}
                </h3>
                {hit.snippetHtml ? (
                  <p
                    lang={langMark(ctx, hit.snippetHtml)}
                    dangerouslySetInnerHTML={{ __html: hit.snippetHtml }}
                  />
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>
  );
}
