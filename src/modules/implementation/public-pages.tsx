// Public transparency page of the implementation plan: visible programmes with
// their roll-up (and how it was computed) and their public tasks with status.
import { formatDate } from '../../kernel/i18n/index.ts';
import { NoData, SampleBadge, Table } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { ProgressCell, RollupSummary, type Sched, ScheduleBadge } from './pages.tsx';
import type { ProgrammeRow, TaskRow } from './queries.ts';
import type { Rollup } from './rules.ts';

export function PublicPlanPage(props: {
  ctx: PageContext;
  programmes: { programme: ProgrammeRow; rollup: Rollup; tasks: TaskRow[] }[];
  schedules: Map<number, Sched>;
  agencyNames: Map<number, string>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('ws.public.title'), breadcrumbs: [{ label: t('ws.public.title') }] }}>
      <h1>{t('ws.public.title')}</h1>
      <p class="lead">{t('ws.public.intro')}</p>
      <p>
        <a href="/du-an">{t('projects.list.title')}</a> ·{' '}
        <a href="/workspace/method">{t('ws.rollup.method')}</a>
      </p>
      {props.programmes.length === 0 ? <NoData ctx={ctx} /> : null}
      {props.programmes.map(({ programme: p, rollup, tasks }) => (
        <section key={p.id} aria-labelledby={`p-${p.id}`}>
          <h2 id={`p-${p.id}`}>
            {ctx.locale === 'en' && p.titleEn ? p.titleEn : p.title}{' '}
            {p.isSample ? <SampleBadge ctx={ctx} /> : null}
          </h2>
          <RollupSummary ctx={ctx} rollup={rollup} />
          <Table
            caption={p.title}
            rows={tasks}
            rowKey={(r) => r.id}
            empty={t('layout.noData')}
            columns={[
              {
                header: t('ws.field.title'),
                cell: (r) => (
                  <>
                    {r.title} {r.isSample ? <SampleBadge ctx={ctx} /> : null}
                  </>
                ),
              },
              { header: t('ws.field.leadAgency'), cell: (r) => props.agencyNames.get(r.leadAgencyId) ?? '' },
              { header: t('ws.field.product'), cell: (r) => r.product ?? <NoData ctx={ctx} /> },
              {
                header: t('ws.field.dueDate'),
                cell: (r) => (r.dueDate ? formatDate(r.dueDate) : <NoData ctx={ctx} />),
              },
              { header: t('ws.field.progress'), cell: (r) => <ProgressCell ctx={ctx} task={r} /> },
              {
                header: t('ws.field.schedule'),
                cell: (r) => {
                  const s = props.schedules.get(r.id);
                  return s ? <ScheduleBadge ctx={ctx} s={s} /> : null;
                },
              },
            ]}
          />
        </section>
      ))}
    </Layout>
  );
}
