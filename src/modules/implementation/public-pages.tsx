// Public transparency page of the implementation plan: visible programmes with
// their roll-up (and how it was computed) and their public tasks with status.
import { formatDate, formatNumber } from '../../kernel/i18n/index.ts';
import { NoData, ProgressBar, SampleBadge, SummaryList, Table } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { FollowForm } from './follow-pages.tsx';
import { ProgressCell, RollupSummary, type Sched, ScheduleBadge } from './pages.tsx';
import type { TaskGroup } from './public-views.ts';
import type { ProgrammeRow, TaskDetail, TaskRow } from './queries.ts';
import type { Rollup } from './rules.ts';

/** The public views of the plan, by their URL segment. */
export const PUBLIC_VIEWS = ['co-quan', 'xa', 'dot-pha', 'linh-vuc'] as const;
export type PublicView = (typeof PUBLIC_VIEWS)[number];

/** A rolled-up number with how it was computed, without a heading of its own. */
export function RollupLine(props: { ctx: PageContext; rollup: Rollup }) {
  const { ctx, rollup: r } = props;
  const t = ctx.t;
  if (r.progress === null)
    return (
      <p class="rollup__how">
        <NoData ctx={ctx}>{t('ws.rollup.none')}</NoData> {t('impl.view.taskCount', { n: r.total })}
      </p>
    );
  return (
    <div class="rollup">
      <ProgressBar value={r.progress} label={t('ws.rollup.label')} />
      <p class="rollup__how">
        {t('ws.rollup.how', {
          counted: r.counted,
          total: r.total,
          coverage: formatNumber(ctx.locale, r.weightCoverage ?? 0, 1),
          unreported: r.unreported,
          cancelled: r.cancelled,
        })}{' '}
        <a href="/workspace/method">{t('ws.rollup.method')}</a>
      </p>
    </div>
  );
}

const viewCrumbs = (ctx: PageContext, view: PublicView, label?: string) => [
  { href: '/ke-hoach-thuc-hien', label: ctx.t('ws.public.title') },
  ...(label
    ? [{ href: `/ke-hoach-thuc-hien/${view}`, label: ctx.t(`impl.view.${view}.title`) }, { label }]
    : [{ label: ctx.t(`impl.view.${view}.title`) }]),
];

/** One view's groups (agencies, communes, breakthroughs or sectors), each with its roll-up. */
export function PublicGroupsPage(props: { ctx: PageContext; view: PublicView; groups: TaskGroup[] }) {
  const { ctx, view } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t(`impl.view.${view}.title`), breadcrumbs: viewCrumbs(ctx, view) }}>
      <h1>{t(`impl.view.${view}.title`)}</h1>
      <p class="lead">{t(`impl.view.${view}.rule`)}</p>
      <Table
        caption={t(`impl.view.${view}.title`)}
        rows={props.groups}
        rowKey={(g) => g.key}
        empty={t(`impl.view.${view}.empty`)}
        columns={[
          {
            header: t(`impl.view.${view}.column`),
            cell: (g) => <a href={`/ke-hoach-thuc-hien/${view}/${encodeURIComponent(g.key)}`}>{g.label}</a>,
          },
          { header: t('impl.dash.tasks'), cell: (g) => g.tasks.length, numeric: true },
          { header: t('ws.rollup.label'), cell: (g) => <RollupLine ctx={ctx} rollup={g.rollup} /> },
        ]}
      />
    </Layout>
  );
}

/** One group: its roll-up, the tasks it counts, those shown beside, and its projects. */
export function PublicGroupPage(props: {
  ctx: PageContext;
  view: PublicView;
  group: TaskGroup;
  projects: { id: number; nameVi: string; stage: string | null; isSample: boolean }[] | null;
  schedules: Map<number, Sched>;
  agencyNames: Map<number, string>;
}) {
  const { ctx, view, group: g } = props;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: g.label, breadcrumbs: viewCrumbs(ctx, view, g.label) }}>
      <h1>{g.label}</h1>
      <p class="lead">{t(`impl.view.${view}.rule`)}</p>
      <h2>{t('ws.rollup.label')}</h2>
      <RollupLine ctx={ctx} rollup={g.rollup} />
      <h2>{t('impl.view.counted')}</h2>
      <PublicTaskTable
        ctx={ctx}
        caption={t('impl.view.counted')}
        tasks={g.tasks}
        schedules={props.schedules}
        agencyNames={props.agencyNames}
      />
      {g.related.length ? (
        <>
          <h2>{t(`impl.view.${view}.related`)}</h2>
          <PublicTaskTable
            ctx={ctx}
            caption={t(`impl.view.${view}.related`)}
            tasks={g.related}
            schedules={props.schedules}
            agencyNames={props.agencyNames}
          />
        </>
      ) : null}
      {props.projects ? (
        <>
          <h2>{t('projects.list.title')}</h2>
          <Table
            caption={t('projects.list.title')}
            rows={props.projects}
            rowKey={(p) => p.id}
            empty={t('impl.view.noProjects')}
            columns={[
              {
                header: t('projects.col.name'),
                cell: (p) => (
                  <>
                    <a href={`/du-an/${p.id}`}>{p.nameVi}</a> {p.isSample ? <SampleBadge ctx={ctx} /> : null}
                  </>
                ),
              },
              {
                header: t('projects.col.stage'),
                cell: (p) => (p.stage ? t(`projects.stage.${p.stage}`) : <NoData ctx={ctx} />),
              },
            ]}
          />
        </>
      ) : null}
    </Layout>
  );
}

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
      <nav aria-label={t('impl.view.nav')}>
        <ul>
          {PUBLIC_VIEWS.map((v) => (
            <li key={v}>
              <a href={`/ke-hoach-thuc-hien/${v}`}>{t(`impl.view.${v}.title`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {props.programmes.length === 0 ? <NoData ctx={ctx} /> : null}
      {props.programmes.map(({ programme: p, rollup, tasks }) => (
        <section key={p.id} aria-labelledby={`p-${p.id}`}>
          <h2 id={`p-${p.id}`}>
            {ctx.locale === 'en' && p.titleEn ? p.titleEn : p.title}{' '}
            {p.isSample ? <SampleBadge ctx={ctx} /> : null}
          </h2>
          <RollupSummary ctx={ctx} rollup={rollup} />
          <PublicTaskTable
            ctx={ctx}
            caption={p.title}
            tasks={tasks}
            schedules={props.schedules}
            agencyNames={props.agencyNames}
          />
        </section>
      ))}
    </Layout>
  );
}

export function PublicTaskTable(props: {
  ctx: PageContext;
  caption: string;
  tasks: readonly TaskRow[];
  schedules: Map<number, Sched>;
  agencyNames: Map<number, string>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Table
      caption={props.caption}
      rows={props.tasks}
      rowKey={(r) => r.id}
      empty={t('layout.noData')}
      columns={[
        {
          header: t('ws.field.title'),
          cell: (r) => (
            <>
              <a href={`/ke-hoach-thuc-hien/nhiem-vu/${r.id}`}>{r.title}</a>{' '}
              {r.isSample ? <SampleBadge ctx={ctx} /> : null}
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
  );
}

/** One public task: what it delivers, by when, its progress and status, and the follow form. */
export function PublicTaskPage(props: {
  ctx: PageContext;
  task: TaskDetail;
  programme: ProgrammeRow;
  schedule: Sched;
  agencyNames: Map<number, string>;
  follow: { values?: Record<string, string>; sent?: boolean };
}) {
  const { ctx, task } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: task.title,
        breadcrumbs: [{ href: '/ke-hoach-thuc-hien', label: t('ws.public.title') }, { label: task.title }],
      }}
    >
      <h1>
        {task.title} {task.isSample ? <SampleBadge ctx={ctx} /> : null}
      </h1>
      <p>
        <ScheduleBadge ctx={ctx} s={props.schedule} />
      </p>
      <SummaryList
        items={[
          { label: t('ws.programmes.title'), value: props.programme.title },
          { label: t('ws.field.leadAgency'), value: props.agencyNames.get(task.leadAgencyId) ?? '' },
          {
            label: t('ws.field.coordinating'),
            value: task.coordinatingAgencyIds.length ? (
              task.coordinatingAgencyIds.map((id) => props.agencyNames.get(id) ?? id).join(', ')
            ) : (
              <NoData ctx={ctx} />
            ),
          },
          { label: t('ws.field.product'), value: task.product ?? <NoData ctx={ctx} /> },
          {
            label: t('ws.field.startDate'),
            value: task.startDate ? formatDate(task.startDate) : <NoData ctx={ctx} />,
          },
          {
            label: t('ws.field.dueDate'),
            value: task.dueDate ? formatDate(task.dueDate) : <NoData ctx={ctx} />,
          },
          { label: t('ws.field.status'), value: t(`ws.status.${task.status}`) },
          { label: t('ws.field.progress'), value: <ProgressCell ctx={ctx} task={task} /> },
        ]}
      />
      {task.description ? <p>{task.description}</p> : null}
      <FollowForm
        ctx={ctx}
        targetType="task"
        targetId={task.id}
        values={props.follow.values}
        sent={props.follow.sent}
      />
    </Layout>
  );
}
