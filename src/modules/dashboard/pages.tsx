import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { DashboardFilters, DashboardSection } from './registry.ts';

function exportHref(key: string, filters: DashboardFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return `/dashboard/export/${key}.xlsx${s ? `?${s}` : ''}`;
}

export function DashboardPage(props: {
  ctx: PageContext;
  filters: DashboardFilters;
  loaded: { section: DashboardSection; data: unknown }[];
}) {
  const { ctx, filters } = props;
  const t = ctx.t;
  const drilled = filters.category || filters.agencyId || filters.commune;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('dashboard.title'),
        noindex: true,
        breadcrumbs: [{ label: t('dashboard.title') }],
        scripts: ['/assets/client/charts.js'],
      }}
    >
      <h1>{t('dashboard.title')}</h1>
      <p class="lead">{t('dashboard.intro')}</p>
      {drilled ? (
        <p>
          <a href="/dashboard">{t('dashboard.clearFilters')}</a>
        </p>
      ) : null}
      {props.loaded.map(({ section, data }) => (
        <section class="dashboard-section" key={section.key} aria-labelledby={`dash-${section.key}`}>
          <h2 id={`dash-${section.key}`}>{t(section.titleKey)}</h2>
          {section.render(ctx, data, filters)}
          <p>
            <a href={exportHref(section.key, filters)}>{t('dashboard.exportXlsx')}</a>
          </p>
        </section>
      ))}
    </Layout>
  );
}
