// Workspace pages of implementation management: my tasks, programmes with a
// timeline, the task page (details, history, report form, review), the review
// queue and the outbox. Server-rendered; they work without JavaScript.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDate, formatDateTime, formatNumber } from '../../kernel/i18n/index.ts';
import {
  Badge,
  type BadgeTone,
  Button,
  CheckboxField,
  ErrorSummary,
  Form,
  fieldId,
  LinkButton,
  NoData,
  Notice,
  ProgressBar,
  SampleBadge,
  SelectField,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { FileField, UploadForm } from '../../kernel/ui/upload-form.tsx';
import type { ProgrammeRow, ReportRow, TaskDetail, TaskRow } from './queries.ts';
import type { Rollup, ScheduleStatus } from './rules.ts';
import { LINK_TYPES, type LinkType, TASK_STATUSES } from './schema.ts';

type Option = { value: string | number; label: string };
export type Values = Record<string, string>;
export type Sched = { status: ScheduleStatus; expected: number | null; gap: number | null };

const SCHEDULE_TONE: Record<ScheduleStatus, BadgeTone> = {
  on_track: 'success',
  at_risk: 'warning',
  late: 'danger',
  overdue: 'danger',
  done: 'success',
  not_applicable: 'neutral',
};

export function ScheduleBadge(props: { ctx: PageContext; s: Sched }) {
  return <Badge tone={SCHEDULE_TONE[props.s.status]}>{props.ctx.t(`ws.schedule.${props.s.status}`)}</Badge>;
}

export function ProgressCell(props: { ctx: PageContext; task: TaskRow }) {
  const { ctx, task } = props;
  if (task.reportedAt === null && task.status !== 'done')
    return <Badge tone="neutral">{ctx.t('ws.unreported')}</Badge>;
  return <ProgressBar value={task.progress} label={ctx.t('ws.field.progress')} />;
}

/** A rolled-up number always says how it was made. */
export function RollupSummary(props: { ctx: PageContext; rollup: Rollup }) {
  const { ctx, rollup: r } = props;
  const t = ctx.t;
  return (
    <div class="rollup">
      <h2>{t('ws.rollup.label')}</h2>
      {r.progress === null ? (
        <p>
          <NoData ctx={ctx}>{t('ws.rollup.none')}</NoData>
        </p>
      ) : (
        <>
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
        </>
      )}
    </div>
  );
}

function staffCrumbs(ctx: PageContext, label: string, mid?: { href: string; label: string }) {
  return [{ href: '/workspace', label: ctx.t('ws.nav.mine') }, ...(mid ? [mid] : []), { label }];
}

export function TaskTable(props: {
  ctx: PageContext;
  caption: string;
  rows: TaskRow[];
  schedules: Map<number, Sched>;
  agencyNames: Map<number, string>;
  selectable?: boolean;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Table
      caption={props.caption}
      rows={props.rows}
      rowKey={(r) => r.id}
      empty={t('layout.noData')}
      columns={[
        ...(props.selectable
          ? [
              {
                header: t('ws.bulk.select'),
                cell: (r: TaskRow) => (
                  <input
                    type="checkbox"
                    name="ids"
                    value={String(r.id)}
                    form="bulk"
                    aria-label={`${t('ws.bulk.select')}: ${r.title}`}
                  />
                ),
              },
            ]
          : []),
        {
          header: t('ws.field.title'),
          cell: (r) => (
            <>
              <a href={`/workspace/tasks/${r.id}`}>{r.title}</a>{' '}
              {r.isSample ? <SampleBadge ctx={ctx} /> : null}
            </>
          ),
        },
        { header: t('ws.field.leadAgency'), cell: (r) => props.agencyNames.get(r.leadAgencyId) ?? '' },
        {
          header: t('ws.field.dueDate'),
          cell: (r) => (r.dueDate ? formatDate(r.dueDate) : <NoData ctx={ctx} />),
        },
        { header: t('ws.field.status'), cell: (r) => t(`ws.status.${r.status}`) },
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

export function MyTasksPage(props: {
  ctx: PageContext;
  overdue: TaskRow[];
  dueSoon: TaskRow[];
  all: TaskRow[];
  returned: (ReportRow & { taskTitle: string })[];
  reminderDays: number;
  schedules: Map<number, Sched>;
  agencyNames: Map<number, string>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const table = (caption: string, rows: TaskRow[]) => (
    <TaskTable
      ctx={ctx}
      caption={caption}
      rows={rows}
      schedules={props.schedules}
      agencyNames={props.agencyNames}
    />
  );
  return (
    <Layout
      ctx={ctx}
      meta={{ title: t('ws.mine.title'), noindex: true, breadcrumbs: [{ label: t('ws.mine.title') }] }}
    >
      <h1>{t('ws.mine.title')}</h1>
      <p>
        <a href="/workspace/programmes">{t('ws.nav.programmes')}</a> ·{' '}
        <a href="/workspace/tasks">{t('ws.mine.all')}</a>
      </p>
      <h2>{t('ws.mine.returned')}</h2>
      {props.returned.length === 0 ? (
        <p class="no-data">{t('layout.noData')}</p>
      ) : (
        <ul>
          {props.returned.map((r) => (
            <li key={r.id}>
              <a href={`/workspace/tasks/${r.taskId}#report-${r.id}`}>{r.taskTitle}</a> ({r.period}):{' '}
              {r.reviewComment}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('ws.mine.overdue')}</h2>
      {table(t('ws.mine.overdue'), props.overdue)}
      <h2>{t('ws.mine.dueSoon', { n: props.reminderDays })}</h2>
      {table(t('ws.mine.dueSoon', { n: props.reminderDays }), props.dueSoon)}
    </Layout>
  );
}

export type TaskFilter = Record<string, string | undefined>;

export function TaskListPage(props: {
  ctx: PageContext;
  rows: TaskRow[];
  total: number;
  filter: TaskFilter;
  agencyOptions: Option[];
  programmeOptions: Option[];
  schedules: Map<number, Sched>;
  agencyNames: Map<number, string>;
  canBulk: boolean;
  canAssign: boolean;
  notice?: string;
  errors?: FieldError[];
}) {
  const { ctx, filter } = props;
  const t = ctx.t;
  const qs = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();
  return (
    <Layout
      ctx={ctx}
      meta={{ title: t('ws.mine.all'), noindex: true, breadcrumbs: staffCrumbs(ctx, t('ws.mine.all')) }}
    >
      <h1>{t('ws.mine.all')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <form method="get" action="/workspace/tasks" class="filters">
        <SelectField
          name="programme"
          label={t('ws.nav.programmes')}
          value={filter.programme}
          emptyLabel={t('common.all')}
          options={props.programmeOptions}
        />
        <SelectField
          name="agency"
          label={t('ws.field.leadAgency')}
          value={filter.agency}
          emptyLabel={t('common.all')}
          options={props.agencyOptions}
        />
        <SelectField
          name="status"
          label={t('ws.field.status')}
          value={filter.status}
          emptyLabel={t('common.all')}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`ws.status.${s}`) }))}
        />
        <SelectField
          name="overdue"
          label={t('ws.list.overdueOnly')}
          value={filter.overdue}
          emptyLabel={t('common.all')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
        <SelectField
          name="sort"
          label={t('ws.list.sort')}
          value={filter.sort}
          options={['due', 'title', '-progress', '-updated'].map((s) => ({
            value: s,
            label: t(`ws.sort.${s.replace('-', '')}`),
          }))}
        />
        <Button variant="secondary">{t('ws.list.filter')}</Button>
      </form>
      <p>
        {t('ws.list.count', { n: props.total })} ·{' '}
        <a href={`/workspace/tasks.xlsx${qs ? `?${qs}` : ''}`}>{t('ws.list.export')}</a>
      </p>
      <TaskTable
        ctx={ctx}
        caption={t('ws.mine.all')}
        rows={props.rows}
        schedules={props.schedules}
        agencyNames={props.agencyNames}
        selectable={props.canBulk}
      />
      {props.canBulk ? (
        <Form ctx={ctx} action="/workspace/tasks/bulk" id="bulk">
          <h2>{t('ws.bulk.title')}</h2>
          <p class="hint">{t('ws.bulk.rule')}</p>
          <SelectField
            name="status"
            label={t('ws.bulk.setStatus')}
            emptyLabel="—"
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`ws.status.${s}`) }))}
          />
          {props.canAssign ? (
            <SelectField
              name="leadAgencyId"
              label={t('ws.bulk.assign')}
              emptyLabel="—"
              options={props.agencyOptions}
            />
          ) : null}
          <Button variant="secondary">{t('ws.bulk.apply')}</Button>
        </Form>
      ) : null}
    </Layout>
  );
}

export function ProgrammeListPage(props: {
  ctx: PageContext;
  rows: (ProgrammeRow & { rollup: Rollup })[];
  canCreate: boolean;
  values?: Values;
  errors?: FieldError[];
}) {
  const { ctx } = props;
  const t = ctx.t;
  const v = props.values ?? {};
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('ws.programmes.title'),
        noindex: true,
        breadcrumbs: staffCrumbs(ctx, t('ws.programmes.title')),
      }}
    >
      <h1>{t('ws.programmes.title')}</h1>
      <Table
        caption={t('ws.programmes.title')}
        rows={props.rows}
        rowKey={(r) => r.id}
        empty={t('layout.noData')}
        columns={[
          { header: t('ws.field.code'), cell: (r) => r.code },
          {
            header: t('ws.field.title'),
            cell: (r) => (
              <>
                <a href={`/workspace/programmes/${r.id}`}>{r.title}</a>{' '}
                {r.isSample ? <SampleBadge ctx={ctx} /> : null}
              </>
            ),
          },
          {
            header: t('ws.rollup.label'),
            cell: (r) =>
              r.rollup.progress === null ? (
                <NoData ctx={ctx} />
              ) : (
                <ProgressBar value={r.rollup.progress} label={t('ws.rollup.label')} />
              ),
          },
        ]}
      />
      {props.canCreate ? (
        <section aria-labelledby="add-programme">
          <h2 id="add-programme">{t('ws.programme.add')}</h2>
          <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
          <Form ctx={ctx} action="/workspace/programmes">
            <TextField name="code" label={t('ws.field.code')} value={v.code} errors={props.errors} required />
            <TextField
              name="title"
              label={t('ws.field.title')}
              value={v.title}
              errors={props.errors}
              required
            />
            <TextField name="description" multiline label={t('ws.field.description')} value={v.description} />
            <TextField
              name="startDate"
              type="date"
              label={t('ws.field.startDate')}
              value={v.startDate}
              errors={props.errors}
            />
            <TextField
              name="dueDate"
              type="date"
              label={t('ws.field.dueDate')}
              value={v.dueDate}
              errors={props.errors}
            />
            <CheckboxField name="isPublic" label={t('ws.field.isPublic')} checked={v.isPublic !== 'off'} />
            <Button>{t('ws.programme.add')}</Button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

/** Gantt-like bars: each task's span between the programme's earliest start and latest due date. */
export function Timeline(props: {
  ctx: PageContext;
  tasks: TaskRow[];
  today: string;
  schedules: Map<number, Sched>;
}) {
  const { ctx } = props;
  const dated = props.tasks.filter((t) => t.startDate && t.dueDate);
  if (dated.length === 0) return <p class="no-data">{ctx.t('layout.noData')}</p>;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const min = Math.min(...dated.map((t) => day(t.startDate!)), day(props.today));
  const max = Math.max(...dated.map((t) => day(t.dueDate!)), day(props.today));
  const span = Math.max(1, max - min);
  const pct = (d: number) => `${((100 * (d - min)) / span).toFixed(2)}%`;
  return (
    <div class="gantt">
      <ul class="gantt__rows">
        <div class="gantt__today" style={`left:${pct(day(props.today))}`} aria-hidden="true" />
        {dated.map((t) => {
          const s = props.schedules.get(t.id);
          const width = ((100 * (day(t.dueDate!) - day(t.startDate!))) / span).toFixed(2);
          return (
            <li class="gantt__row" key={t.id}>
              <a class="gantt__label" href={`/workspace/tasks/${t.id}`}>
                {t.title}
              </a>
              <div class="gantt__track">
                <div
                  class={`gantt__bar gantt__bar--${s?.status ?? 'not_applicable'}`}
                  style={`left:${pct(day(t.startDate!))};width:${width}%`}
                  title={`${formatDate(t.startDate)} – ${formatDate(t.dueDate)}`}
                >
                  <div class="gantt__done" style={`width:${Math.min(100, t.progress)}%`} />
                </div>
              </div>
              <span class="gantt__dates">
                {formatDate(t.startDate)} – {formatDate(t.dueDate)}
                {s ? (
                  <>
                    {' '}
                    <ScheduleBadge ctx={ctx} s={s} />
                  </>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function BudgetFields(props: { ctx: PageContext; v: FormValues; errors?: FieldError[] }) {
  return (
    <fieldset>
      <legend>{props.ctx.t('ws.field.budget')}</legend>
      {(['central', 'local', 'oda', 'nonBudget', 'ppp', 'other'] as const).map((s) => (
        <TextField
          key={s}
          name={`budget.${s}`}
          type="number"
          label={props.ctx.t(`ws.budget.${s}`)}
          value={one(props.v, `budget.${s}`)}
          errors={props.errors}
        />
      ))}
    </fieldset>
  );
}

/** A form's values as posted: one string, or several for a multi-select. */
export type FormValues = Record<string, string | string[]>;

const one = (v: FormValues, k: string): string | undefined => {
  const x = v[k];
  return Array.isArray(x) ? x[0] : x;
};
const many = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
};

/** A <select multiple>: works without JavaScript; the hint says how to pick several. */
function MultiSelectField(props: {
  ctx: PageContext;
  name: string;
  label: string;
  options: Option[];
  selected: readonly string[];
  errors?: FieldError[];
}) {
  const id = fieldId(props.name);
  const error = props.errors?.find((e) => e.field === props.name || e.field.startsWith(`${props.name}.`));
  if (props.options.length === 0) return null;
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      <label for={id}>{props.label}</label>
      <span class="hint" id={`${id}-hint`}>
        {props.ctx.t('ws.form.multiHint')}
      </span>
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          {error.message}
        </span>
      ) : null}
      <select
        id={id}
        name={props.name}
        multiple
        size={Math.min(8, Math.max(3, props.options.length))}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={props.selected.includes(String(o.value))}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export type TaskFormChoices = {
  agencies: Option[];
  communes: Option[];
  links: Record<LinkType, Option[]>;
};

/** The fields of a task shared by the add and the edit forms. */
function TaskFields(props: {
  ctx: PageContext;
  v: FormValues;
  errors?: FieldError[];
  choices: TaskFormChoices;
}) {
  const { ctx, v, errors, choices } = props;
  const t = ctx.t;
  return (
    <>
      <TextField name="title" label={t('ws.field.title')} value={one(v, 'title')} errors={errors} required />
      <TextField
        name="description"
        multiline
        label={t('ws.field.description')}
        value={one(v, 'description')}
        errors={errors}
      />
      <SelectField
        name="leadAgencyId"
        label={t('ws.field.leadAgency')}
        value={one(v, 'leadAgencyId')}
        emptyLabel=""
        options={choices.agencies}
        errors={errors}
      />
      <MultiSelectField
        ctx={ctx}
        name="coordinatingAgencyIds"
        label={t('ws.field.coordinating')}
        options={choices.agencies}
        selected={many(v, 'coordinatingAgencyIds')}
        errors={errors}
      />
      <TextField
        name="product"
        label={t('ws.field.product')}
        hint={t('ws.field.productHint')}
        value={one(v, 'product')}
        errors={errors}
      />
      <TextField
        name="startDate"
        type="date"
        label={t('ws.field.startDate')}
        value={one(v, 'startDate')}
        errors={errors}
      />
      <TextField
        name="dueDate"
        type="date"
        label={t('ws.field.dueDate')}
        value={one(v, 'dueDate')}
        errors={errors}
      />
      <TextField
        name="weight"
        type="number"
        label={t('ws.field.weight')}
        hint={t('ws.field.weightHint')}
        value={one(v, 'weight') ?? '1'}
        errors={errors}
      />
      <TextField
        name="milestones"
        multiline
        label={t('ws.field.milestones')}
        hint={t('ws.field.milestonesHint')}
        value={one(v, 'milestones')}
        errors={errors}
      />
      <BudgetFields ctx={ctx} v={v} errors={errors} />
      <fieldset>
        <legend>{t('ws.field.place')}</legend>
        <CheckboxField
          name="wholeProvince"
          label={t('ws.field.wholeProvince')}
          checked={one(v, 'wholeProvince') === 'on'}
        />
        <MultiSelectField
          ctx={ctx}
          name="communeIds"
          label={t('ws.form.communes')}
          options={choices.communes}
          selected={many(v, 'communeIds')}
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>{t('ws.field.links')}</legend>
        {LINK_TYPES.map((type) => (
          <MultiSelectField
            key={type}
            ctx={ctx}
            name={`link.${type}`}
            label={t(`ws.link.${type}`)}
            options={choices.links[type]}
            selected={many(v, `link.${type}`)}
            errors={errors}
          />
        ))}
        {errors?.some((e) => e.field.startsWith('links')) ? (
          <p class="field-error">{t('ws.form.linkInvalid')}</p>
        ) : null}
      </fieldset>
      <CheckboxField name="isPublic" label={t('ws.field.isPublic')} checked={one(v, 'isPublic') === 'on'} />
    </>
  );
}

/** A task's stored values in the shape its edit form posts. */
export function taskFormValues(task: TaskDetail): FormValues {
  const str = (n: number | null) => (n === null ? '' : String(n));
  const v: FormValues = {
    title: task.title,
    description: task.description ?? '',
    leadAgencyId: String(task.leadAgencyId),
    coordinatingAgencyIds: task.coordinatingAgencyIds.map(String),
    communeIds: task.communeIds,
    product: task.product ?? '',
    startDate: task.startDate ?? '',
    dueDate: task.dueDate ?? '',
    weight: String(task.weight),
    milestones: task.milestones.map((m) => `${m.date} ${m.progress}`).join('\n'),
    status: task.status,
    'budget.central': str(task.budgetCentral),
    'budget.local': str(task.budgetLocal),
    'budget.oda': str(task.budgetOda),
    'budget.nonBudget': str(task.budgetNonBudget),
    'budget.ppp': str(task.budgetPpp),
    'budget.other': str(task.budgetOther),
    rowVersion: String(task.rowVersion),
  };
  if (task.wholeProvince) v.wholeProvince = 'on';
  if (task.isPublic) v.isPublic = 'on';
  for (const type of LINK_TYPES)
    v[`link.${type}`] = task.links.filter((l) => l.type === type).map((l) => l.key);
  return v;
}

export function TaskEditPage(props: {
  ctx: PageContext;
  task: TaskDetail;
  programme: ProgrammeRow;
  values: FormValues;
  choices: TaskFormChoices;
  errors?: FieldError[];
  /** Set when the task changed since the form was read (409). */
  stale?: boolean;
}) {
  const { ctx, task } = props;
  const t = ctx.t;
  const v = props.values;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('ws.edit.title', { title: task.title }),
        noindex: true,
        breadcrumbs: staffCrumbs(ctx, t('ws.edit.crumb'), {
          href: `/workspace/tasks/${task.id}`,
          label: task.title,
        }),
      }}
    >
      <h1>{t('ws.edit.title', { title: task.title })}</h1>
      {props.stale ? (
        <Notice tone="danger">
          {t('implementation.error.staleTask')}{' '}
          <a href={`/workspace/tasks/${task.id}/edit`}>{t('ws.edit.reload')}</a>
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <Form ctx={ctx} action={`/workspace/tasks/${task.id}/edit`}>
        <input type="hidden" name="rowVersion" value={one(v, 'rowVersion')} />
        <TaskFields ctx={ctx} v={v} errors={props.errors} choices={props.choices} />
        <SelectField
          name="status"
          label={t('ws.field.status')}
          hint={t('ws.edit.statusHint')}
          value={one(v, 'status')}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`ws.status.${s}`) }))}
          errors={props.errors}
        />
        <Button>{t('common.save')}</Button>
      </Form>
    </Layout>
  );
}

export function ProgrammePage(props: {
  ctx: PageContext;
  programme: ProgrammeRow;
  rollup: Rollup;
  tasks: TaskRow[];
  today: string;
  schedules: Map<number, Sched>;
  agencyNames: Map<number, string>;
  choices: TaskFormChoices;
  canAddTask: boolean;
  canImport: boolean;
  notice?: string;
  values?: FormValues;
  errors?: FieldError[];
}) {
  const { ctx, programme: p } = props;
  const t = ctx.t;
  const v = props.values ?? {};
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: p.title,
        noindex: true,
        breadcrumbs: staffCrumbs(ctx, p.title, {
          href: '/workspace/programmes',
          label: t('ws.programmes.title'),
        }),
      }}
    >
      <h1>
        {p.title} {p.isSample ? <SampleBadge ctx={ctx} /> : null}
      </h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      {p.description ? <p class="lead">{p.description}</p> : null}
      <RollupSummary ctx={ctx} rollup={props.rollup} />
      {props.canImport ? (
        <p>
          <LinkButton href={`/workspace/programmes/${p.id}/import`} variant="secondary">
            {t('ws.import.open')}
          </LinkButton>
        </p>
      ) : null}
      <h2>{t('ws.programme.timeline')}</h2>
      <Timeline ctx={ctx} tasks={props.tasks} today={props.today} schedules={props.schedules} />
      <h2>{t('ws.programme.tasks')}</h2>
      <TaskTable
        ctx={ctx}
        caption={t('ws.programme.tasks')}
        rows={props.tasks}
        schedules={props.schedules}
        agencyNames={props.agencyNames}
      />
      {props.canAddTask ? (
        <section aria-labelledby="add-task">
          <h2 id="add-task">{t('ws.programme.addTask')}</h2>
          <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
          <Form ctx={ctx} action={`/workspace/programmes/${p.id}/tasks`}>
            <TaskFields ctx={ctx} v={v} errors={props.errors} choices={props.choices} />
            <Button>{t('ws.programme.addTask')}</Button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

export type TimelineEvent = {
  id: number;
  at: Date;
  actorLabel: string;
  kind: string;
  details: Record<string, unknown>;
};

function describeEvent(e: TimelineEvent): ComponentChildren {
  const d = e.details;
  const parts: string[] = [];
  if (typeof d.period === 'string') parts.push(d.period);
  const changes = d.changes as Record<string, { from: unknown; to: unknown }> | undefined;
  if (changes)
    for (const [k, c] of Object.entries(changes))
      parts.push(`${k}: ${String(c.from ?? '—')} → ${String(c.to ?? '—')}`);
  if (typeof d.comment === 'string' && d.comment) parts.push(`“${d.comment}”`);
  if (typeof d.dueDate === 'string') parts.push(formatDate(d.dueDate));
  return parts.join('; ');
}

export function ReportForm(props: {
  ctx: PageContext;
  action: string;
  heading: string;
  v: Values;
  errors?: FieldError[];
  maxMb: number;
}) {
  const { ctx, v } = props;
  const t = ctx.t;
  return (
    <section aria-labelledby="report-form">
      <h2 id="report-form">{props.heading}</h2>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <UploadForm ctx={ctx} action={props.action}>
        {v.rowVersion ? <input type="hidden" name="rowVersion" value={v.rowVersion} /> : null}
        <TextField
          name="period"
          label={t('ws.report.period')}
          hint={t('ws.report.periodHint')}
          value={v.period}
          errors={props.errors}
          required
        />
        <TextField
          name="progress"
          type="number"
          label={t('ws.report.progress')}
          value={v.progress}
          errors={props.errors}
          required
        />
        <TextField
          name="narrative"
          multiline
          label={t('ws.report.narrative')}
          value={v.narrative}
          errors={props.errors}
          required
        />
        <TextField
          name="spend"
          type="number"
          label={t('ws.report.spend')}
          value={v.spend}
          errors={props.errors}
        />
        <TextField
          name="risks"
          multiline
          label={t('ws.report.risks')}
          value={v.risks}
          errors={props.errors}
        />
        <TextField
          name="requestedDueDate"
          type="date"
          label={t('ws.report.requestedDueDate')}
          value={v.requestedDueDate}
          errors={props.errors}
        />
        <TextField
          name="dueDateReason"
          label={t('ws.report.dueDateReason')}
          value={v.dueDateReason}
          errors={props.errors}
        />
        <FileField
          name="files"
          label={t('ws.report.files')}
          hint={t('ws.report.filesHint', { mb: props.maxMb })}
          accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.odt,.ods,.ppt,.pptx"
          multiple
        />
        <div class="button-group">
          <Button name="submit" value="true">
            {t('ws.report.submit')}
          </Button>
          <Button name="submit" value="false" variant="secondary">
            {t('ws.report.saveDraft')}
          </Button>
        </div>
      </UploadForm>
    </section>
  );
}

export type ReportView = ReportRow & { files: { id: number; fileName: string; size: number }[] };

function ReportCard(props: { ctx: PageContext; r: ReportView; canReview: boolean; taskId: number }) {
  const { ctx, r } = props;
  const t = ctx.t;
  const tone: BadgeTone =
    r.state === 'approved'
      ? 'success'
      : r.state === 'returned'
        ? 'danger'
        : r.state === 'submitted'
          ? 'info'
          : 'neutral';
  return (
    <article class="report" id={`report-${r.id}`}>
      <h3>
        {r.period} — {formatNumber(ctx.locale, r.progress)}%{' '}
        <Badge tone={tone}>{t(`ws.report.state.${r.state}`)}</Badge>{' '}
        {r.isSample ? <SampleBadge ctx={ctx} /> : null}
      </h3>
      <p>{r.narrative}</p>
      {r.risks ? (
        <p>
          <strong>{t('ws.report.risks')}:</strong> {r.risks}
        </p>
      ) : null}
      {r.spend !== null ? (
        <p>
          <strong>{t('ws.report.spend')}:</strong> {formatNumber(ctx.locale, r.spend)}
        </p>
      ) : null}
      {r.requestedDueDate ? (
        <p>
          {t('ws.report.requested', { date: formatDate(r.requestedDueDate), reason: r.dueDateReason ?? '' })}
        </p>
      ) : null}
      {r.files.length ? (
        <ul>
          {r.files.map((f) => (
            <li key={f.id}>
              <a href={`/workspace/files/${f.id}`}>{f.fileName}</a> (
              {formatNumber(ctx.locale, Math.ceil(f.size / 1024))} KB)
            </li>
          ))}
        </ul>
      ) : null}
      {r.reviewComment ? (
        <p>
          <strong>{t('ws.report.comment')}:</strong> {r.reviewComment}
        </p>
      ) : null}
      {props.canReview && r.state === 'submitted' ? (
        <div class="report__review">
          <Form ctx={ctx} action={`/workspace/reports/${r.id}/approve`}>
            <input type="hidden" name="rowVersion" value={String(r.rowVersion)} />
            {r.requestedDueDate ? (
              <CheckboxField name="acceptDueDate" label={t('ws.report.acceptDueDate')} checked value="true" />
            ) : null}
            <Button>{t('ws.report.approve')}</Button>
          </Form>
          <Form ctx={ctx} action={`/workspace/reports/${r.id}/return`}>
            <input type="hidden" name="rowVersion" value={String(r.rowVersion)} />
            <TextField name="comment" multiline label={t('ws.report.comment')} />
            <Button variant="secondary">{t('ws.report.return')}</Button>
          </Form>
        </div>
      ) : null}
    </article>
  );
}

export function TaskPage(props: {
  ctx: PageContext;
  task: TaskDetail;
  programme: ProgrammeRow;
  schedule: Sched;
  agencyNames: Map<number, string>;
  events: TimelineEvent[];
  reports: ReportView[];
  canReport: boolean;
  canReview: boolean;
  canEdit: boolean;
  maxMb: number;
  notice?: string;
  formValues?: Values;
  formErrors?: FieldError[];
  formMessage?: string;
}) {
  const { ctx, task } = props;
  const t = ctx.t;
  const money = (n: number | null) => (n === null ? <NoData ctx={ctx} /> : formatNumber(ctx.locale, n));
  const returned = props.reports.find((r) => r.state === 'returned' || r.state === 'draft');
  const values: Values =
    props.formValues ??
    (returned
      ? {
          period: returned.period,
          progress: String(returned.progress),
          narrative: returned.narrative,
          spend: returned.spend === null ? '' : String(returned.spend),
          risks: returned.risks ?? '',
          requestedDueDate: returned.requestedDueDate ?? '',
          dueDateReason: returned.dueDateReason ?? '',
          rowVersion: String(returned.rowVersion),
        }
      : {});
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: task.title,
        noindex: true,
        breadcrumbs: staffCrumbs(ctx, task.title, {
          href: `/workspace/programmes/${props.programme.id}`,
          label: props.programme.title,
        }),
      }}
    >
      <h1>
        {task.title} {task.isSample ? <SampleBadge ctx={ctx} /> : null}
      </h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      {props.formMessage ? <Notice tone="danger">{props.formMessage}</Notice> : null}
      {props.canEdit ? (
        <p>
          <LinkButton href={`/workspace/tasks/${task.id}/edit`} variant="secondary">
            {t('common.edit')}
          </LinkButton>
        </p>
      ) : null}
      <p>
        <ScheduleBadge ctx={ctx} s={props.schedule} />{' '}
        {props.schedule.expected !== null
          ? t('ws.schedule.detail', {
              expected: formatNumber(ctx.locale, props.schedule.expected, 1),
              progress: formatNumber(ctx.locale, task.progress, 1),
            })
          : null}
      </p>
      <SummaryList
        items={[
          { label: t('ws.field.progress'), value: <ProgressCell ctx={ctx} task={task} /> },
          { label: t('ws.field.status'), value: t(`ws.status.${task.status}`) },
          { label: t('ws.field.leadAgency'), value: props.agencyNames.get(task.leadAgencyId) ?? '' },
          {
            label: t('ws.field.coordinating'),
            value: task.coordinatingAgencyIds.length ? (
              task.coordinatingAgencyIds.map((id) => props.agencyNames.get(id) ?? id).join(', ')
            ) : (
              <NoData ctx={ctx} />
            ),
          },
          {
            label: t('ws.field.place'),
            value: task.wholeProvince ? (
              t('ws.field.wholeProvince')
            ) : task.communeIds.length ? (
              task.communeIds.join(', ')
            ) : (
              <NoData ctx={ctx} />
            ),
          },
          {
            label: t('ws.field.startDate'),
            value: task.startDate ? formatDate(task.startDate) : <NoData ctx={ctx} />,
          },
          {
            label: t('ws.field.dueDate'),
            value: task.dueDate ? formatDate(task.dueDate) : <NoData ctx={ctx} />,
          },
          { label: t('ws.field.product'), value: task.product ?? <NoData ctx={ctx} /> },
          { label: t('ws.field.weight'), value: formatNumber(ctx.locale, task.weight) },
          {
            label: t('ws.field.milestones'),
            value: task.milestones.length ? (
              task.milestones
                .map((m) => `${formatDate(m.date)}: ${formatNumber(ctx.locale, m.progress)}%`)
                .join('; ')
            ) : (
              <NoData ctx={ctx}>{t('ws.field.noMilestones')}</NoData>
            ),
          },
          ...(['central', 'local', 'oda', 'nonBudget', 'ppp', 'other'] as const).map((s) => ({
            label: `${t('ws.field.budget')} – ${t(`ws.budget.${s}`)}`,
            value: money(
              task[
                `budget${s[0]!.toUpperCase()}${s.slice(1)}` as
                  | 'budgetCentral'
                  | 'budgetLocal'
                  | 'budgetOda'
                  | 'budgetNonBudget'
                  | 'budgetPpp'
                  | 'budgetOther'
              ],
            ),
          })),
          { label: t('ws.field.spent'), value: money(task.spent) },
          {
            label: t('ws.field.links'),
            value: task.links.length ? (
              task.links.map((l) => `${l.type}: ${l.key}`).join(', ')
            ) : (
              <NoData ctx={ctx} />
            ),
          },
          { label: t('ws.field.isPublic'), value: t(task.isPublic ? 'common.yes' : 'common.no') },
        ]}
      />
      <h2>{t('ws.task.reports')}</h2>
      {props.reports.length === 0 ? <p class="no-data">{t('ws.task.noReports')}</p> : null}
      {props.reports.map((r) => (
        <ReportCard key={r.id} ctx={ctx} r={r} canReview={props.canReview} taskId={task.id} />
      ))}
      {props.canReport && task.status !== 'cancelled' ? (
        <ReportForm
          ctx={ctx}
          action={
            returned ? `/workspace/reports/${returned.id}/revise` : `/workspace/tasks/${task.id}/reports`
          }
          heading={returned ? t('ws.report.revise') : t('ws.report.new')}
          v={values}
          errors={props.formErrors}
          maxMb={props.maxMb}
        />
      ) : null}
      <h2>{t('ws.task.timeline')}</h2>
      <ol class="timeline">
        {props.events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time> —{' '}
            <strong>{t(`ws.event.${e.kind}`)}</strong> ({e.actorLabel}) {describeEvent(e)}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function ReviewQueuePage(props: {
  ctx: PageContext;
  rows: (ReportRow & { taskTitle: string })[];
  notice?: string;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('ws.review.title'),
        noindex: true,
        breadcrumbs: staffCrumbs(ctx, t('ws.review.title')),
      }}
    >
      <h1>{t('ws.review.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <Table
        caption={t('ws.review.title')}
        rows={props.rows}
        rowKey={(r) => r.id}
        empty={t('ws.review.empty')}
        columns={[
          {
            header: t('ws.field.title'),
            cell: (r) => (
              <>
                <a href={`/workspace/tasks/${r.taskId}#report-${r.id}`}>{r.taskTitle}</a>{' '}
                {r.isSample ? <SampleBadge ctx={ctx} /> : null}
              </>
            ),
          },
          { header: t('ws.report.period'), cell: (r) => r.period },
          {
            header: t('ws.report.progress'),
            numeric: true,
            cell: (r) => formatNumber(ctx.locale, r.progress),
          },
          { header: t('ws.outbox.col.when'), cell: (r) => formatDateTime(r.submittedAt) },
        ]}
      />
    </Layout>
  );
}

export type OutboxRow = {
  id: number;
  createdAt: Date;
  recipient: string;
  subject: string;
  body: string;
  status: string;
};

export function OutboxPage(props: { ctx: PageContext; rows: OutboxRow[]; notice?: string }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('implementation.outbox.title'),
        noindex: true,
        breadcrumbs: [
          { href: '/admin', label: t('layout.admin') },
          { label: t('implementation.outbox.title') },
        ],
      }}
    >
      <h1>{t('implementation.outbox.title')}</h1>
      <p class="lead">{t('implementation.outbox.intro')}</p>
      {props.notice ? <Notice tone="info">{props.notice}</Notice> : null}
      <Form ctx={ctx} action="/admin/outbox/run">
        <Button variant="secondary">{t('ws.outbox.runNow')}</Button>
      </Form>
      <Table
        caption={t('implementation.outbox.title')}
        rows={props.rows}
        rowKey={(r) => r.id}
        empty={t('layout.noData')}
        columns={[
          { header: t('ws.outbox.col.when'), cell: (r) => formatDateTime(r.createdAt) },
          { header: t('ws.outbox.col.to'), cell: (r) => r.recipient },
          {
            header: t('ws.outbox.col.subject'),
            cell: (r) => (
              <details>
                <summary>{r.subject}</summary>
                <pre class="outbox__body">{r.body}</pre>
              </details>
            ),
          },
          { header: t('ws.outbox.col.status'), cell: (r) => t(`ws.outbox.status.${r.status}`) },
        ]}
      />
    </Layout>
  );
}

/** The method page: docs/implementation-method.md rendered (a trusted file of the product). */
export function MethodPage(props: { ctx: PageContext; html: string }) {
  const t = props.ctx.t;
  return (
    <Layout
      ctx={props.ctx}
      meta={{ title: t('ws.rollup.method'), breadcrumbs: [{ label: t('ws.rollup.method') }] }}
    >
      <div class="prose" dangerouslySetInnerHTML={{ __html: props.html }} />
    </Layout>
  );
}

export type ImportErrorRow = { row: number; column: string; message: string };

/**
 * Import of tasks or progress updates into a programme: a plain multipart form.
 * With JavaScript, a large file shows its upload progress (client/enhance.ts,
 * "upload-progress"); without, the browser's own indicator does.
 */
export function ImportPage(props: {
  ctx: PageContext;
  programme: ProgrammeRow;
  kind: 'tasks' | 'progress';
  canImportTasks: boolean;
  message?: string;
  errors?: ImportErrorRow[];
}) {
  const { ctx, programme: p } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('ws.import.title'),
        noindex: true,
        breadcrumbs: staffCrumbs(ctx, t('ws.import.title'), {
          href: `/workspace/programmes/${p.id}`,
          label: p.title,
        }),
      }}
    >
      <h1>{t('ws.import.title')}</h1>
      <p class="lead">{p.title}</p>
      <ErrorSummary ctx={ctx} errors={[]} message={props.message} />
      {props.errors?.length ? (
        <Table
          caption={t('ws.import.errorsCaption')}
          rows={props.errors}
          rowKey={(e) => `${e.row}-${e.column}`}
          columns={[
            { header: t('ws.import.col.row'), cell: (e) => e.row, numeric: true },
            { header: t('ws.import.col.column'), cell: (e) => e.column },
            { header: t('ws.import.col.problem'), cell: (e) => e.message },
          ]}
        />
      ) : null}
      <form
        method="post"
        action={`/workspace/programmes/${p.id}/import`}
        encType="multipart/form-data"
        data-module="upload-progress"
        data-uploading={t('ws.import.uploading')}
        data-checking={t('ws.import.checking')}
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <fieldset>
          <legend>{t('ws.import.kind')}</legend>
          {(props.canImportTasks ? (['tasks', 'progress'] as const) : (['progress'] as const)).map((k) => (
            <div class="checkbox" key={k}>
              <input type="radio" id={`kind-${k}`} name="kind" value={k} checked={props.kind === k} />
              <label for={`kind-${k}`}>
                {t(`ws.import.kind.${k}`)} — <span class="hint">{t(`ws.import.columns.${k}`)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <FileField
          name="file"
          label={t('ws.import.file')}
          hint={t('ws.import.fileHint')}
          accept=".xlsx,.csv"
        />
        <div class="upload-progress" hidden>
          <label for="import-progress">{t('ws.import.progress')}</label>{' '}
          <progress id="import-progress" max={100} value={0} />{' '}
          <span aria-live="polite" data-upload-status="" />
        </div>
        <Button>{t('ws.import.run')}</Button>
      </form>
    </Layout>
  );
}
