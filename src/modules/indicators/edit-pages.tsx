// Staff pages where planners maintain the indicators: the description and targets of an
// indicator, and the review of draft observations (approved ones count in the status).
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  Form,
  LinkButton,
  Notice,
  SelectField,
  SourceLinks,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { indicatorName, targetText } from './pages.tsx';
import type { DraftRow, IndicatorRow, IndicatorView, TargetRow } from './queries.ts';
import { INDICATOR_CATEGORIES } from './schema.ts';
import { COMPARATORS, DIRECTIONS, INDICATOR_KINDS } from './status.ts';

export type FormValues = Partial<Record<string, string>>;

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export const INDICATOR_FIELDS = [
  'nameVi',
  'nameEn',
  'unit',
  'category',
  'direction',
  'kind',
  'additive',
  'weightIndicator',
  'baselineYear',
  'baselineValue',
  'baselineNote',
  'responsibleAgencyId',
  'dataSource',
  'scopeNote',
  'notes',
  'sources',
  'rowVersion',
] as const;

export const TARGET_FIELDS = [
  'year',
  'periodStart',
  'value',
  'minValue',
  'maxValue',
  'comparator',
  'note',
  'sources',
] as const;

/** The form's values from the stored indicator (first display of the edit page). */
export function indicatorValues(i: IndicatorRow, weightCode?: string): FormValues {
  return {
    nameVi: i.nameVi,
    nameEn: str(i.nameEn),
    unit: i.unit,
    category: i.category,
    direction: i.direction,
    kind: i.kind,
    additive: String(i.additive),
    weightIndicator: weightCode ?? '',
    baselineYear: str(i.baselineYear),
    baselineValue: str(i.baselineValue),
    baselineNote: str(i.baselineNote),
    responsibleAgencyId: str(i.responsibleAgencyId),
    dataSource: str(i.dataSource),
    scopeNote: str(i.scopeNote),
    notes: str(i.notes),
    sources: i.sources.join(' '),
    rowVersion: String(i.rowVersion),
  };
}

export function targetValues(t: TargetRow): FormValues {
  return {
    year: String(t.year),
    periodStart: str(t.periodStart),
    value: str(t.value),
    minValue: str(t.minValue),
    maxValue: str(t.maxValue),
    comparator: t.comparator,
    note: str(t.note),
    sources: t.sources.join(' '),
  };
}

function crumbs(ctx: PageContext, view: IndicatorView, last: string, editHref?: string) {
  const name = indicatorName(ctx, view.indicator);
  return [
    { href: '/indicators', label: ctx.t('indicators.list.title') },
    { href: `/indicators/${view.indicator.code}`, label: name },
    ...(editHref ? [{ href: editHref, label: ctx.t('indicators.edit.title', { name }) }] : []),
    { label: last },
  ];
}

export function IndicatorEditPage(props: {
  ctx: PageContext;
  view: IndicatorView;
  values: FormValues;
  agencies: { value: number; label: string }[];
  /** the additive indicators that may weigh this one's mean by place */
  weights: { code: string; nameVi: string; unit: string }[];
  errors?: FieldError[];
  message?: string;
  notice?: string;
}) {
  const { ctx, view, values } = props;
  const t = ctx.t;
  const i = view.indicator;
  const title = t('indicators.edit.title', { name: indicatorName(ctx, i) });
  const text = (
    name: (typeof INDICATOR_FIELDS)[number],
    extra: { hint?: string; multiline?: boolean } = {},
  ) => (
    <TextField
      name={name}
      label={t(`indicators.field.${name}`)}
      value={values[name]}
      errors={props.errors}
      {...extra}
    />
  );
  return (
    <Layout ctx={ctx} meta={{ title, noindex: true, breadcrumbs: crumbs(ctx, view, title) }}>
      <h1>{title}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <p>
        {t('indicators.field.code')}: <code>{i.code}</code> ·{' '}
        {ctx.locale === 'en' && view.plan.nameEn ? view.plan.nameEn : view.plan.nameVi}
      </p>
      <Form ctx={ctx} action={`/indicators/${i.code}/edit`} novalidate>
        <input type="hidden" name="rowVersion" value={values.rowVersion} />
        <TextField
          name="nameVi"
          label={t('indicators.field.nameVi')}
          value={values.nameVi}
          errors={props.errors}
          required
        />
        {text('nameEn')}
        <TextField
          name="unit"
          label={t('indicators.field.unit')}
          value={values.unit}
          errors={props.errors}
          required
        />
        <SelectField
          name="category"
          label={t('indicators.field.category')}
          value={values.category}
          options={INDICATOR_CATEGORIES.map((c) => ({ value: c, label: t(`indicators.category.${c}`) }))}
          errors={props.errors}
        />
        <SelectField
          name="direction"
          label={t('indicators.field.direction')}
          value={values.direction}
          options={DIRECTIONS.map((d) => ({ value: d, label: t(`indicators.direction.${d}`) }))}
          errors={props.errors}
        />
        <SelectField
          name="kind"
          label={t('indicators.field.kind')}
          hint={t('indicators.edit.kindHint')}
          value={values.kind}
          options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`indicators.kind.${k}`) }))}
          errors={props.errors}
        />
        <SelectField
          name="additive"
          label={t('indicators.field.additive')}
          hint={t('indicators.edit.additiveHint')}
          value={values.additive}
          options={['true', 'false'].map((v) => ({ value: v, label: t(`indicators.additive.${v}`) }))}
          errors={props.errors}
        />
        <SelectField
          name="weightIndicator"
          label={t('indicators.field.weightIndicator')}
          hint={t('indicators.edit.weightHint')}
          value={values.weightIndicator}
          emptyLabel={t('indicators.edit.noWeight')}
          options={props.weights.map((w) => ({ value: w.code, label: `${w.nameVi} (${w.unit})` }))}
          errors={props.errors}
        />
        {text('baselineYear', { hint: t('indicators.edit.baselineHint') })}
        {text('baselineValue', { hint: t('indicators.field.valueHint') })}
        {text('baselineNote')}
        <SelectField
          name="responsibleAgencyId"
          label={t('indicators.field.agency')}
          hint={t('indicators.edit.agencyHint')}
          value={values.responsibleAgencyId}
          emptyLabel={t('indicators.dash.noAgency')}
          options={props.agencies}
          errors={props.errors}
        />
        {text('dataSource')}
        {text('scopeNote', { multiline: true })}
        {text('notes', { multiline: true })}
        {text('sources', { hint: t('indicators.field.sourcesHint'), multiline: true })}
        <Button>{t('indicators.edit.submit')}</Button>
      </Form>

      <h2>{t('indicators.detail.targets')}</h2>
      <p>
        <LinkButton href={`/indicators/${i.code}/targets/new`} variant="secondary">
          {t('indicators.target.add')}
        </LinkButton>
      </p>
      <Table
        caption={t('indicators.target.caption')}
        rows={view.targets}
        rowKey={(tg) => tg.id}
        empty={t('indicators.detail.noTargets')}
        columns={[
          { header: t('indicators.field.target'), cell: (tg) => targetText(ctx, tg, i.unit) },
          { header: t('indicators.field.note'), cell: (tg) => tg.note ?? '' },
          { header: t('layout.sources'), cell: (tg) => <SourceLinks ctx={ctx} sources={tg.sources} /> },
          {
            header: t('indicators.target.actions'),
            cell: (tg) => (
              <>
                <a href={`/indicators/${i.code}/targets/${tg.id}`}>
                  {t('indicators.target.edit')}
                  <span class="visually-hidden"> {targetText(ctx, tg, i.unit)}</span>
                </a>
                <Form ctx={ctx} action={`/indicators/${i.code}/targets/${tg.id}/delete`}>
                  <Button variant="danger">
                    {t('indicators.target.delete')}
                    <span class="visually-hidden"> {targetText(ctx, tg, i.unit)}</span>
                  </Button>
                </Form>
              </>
            ),
          },
        ]}
      />
    </Layout>
  );
}

export function TargetFormPage(props: {
  ctx: PageContext;
  view: IndicatorView;
  targetId?: number;
  values: FormValues;
  errors?: FieldError[];
  message?: string;
}) {
  const { ctx, view, values } = props;
  const t = ctx.t;
  const i = view.indicator;
  const title = props.targetId ? t('indicators.target.editTitle') : t('indicators.target.add');
  const action = props.targetId
    ? `/indicators/${i.code}/targets/${props.targetId}`
    : `/indicators/${i.code}/targets`;
  const text = (name: (typeof TARGET_FIELDS)[number], hint?: string, required?: boolean) => (
    <TextField
      name={name}
      label={
        name === 'value' || name === 'minValue' || name === 'maxValue'
          ? `${t(`indicators.field.${name}`)} (${i.unit})`
          : t(`indicators.field.${name}`)
      }
      hint={hint}
      value={values[name]}
      errors={props.errors}
      required={required}
    />
  );
  return (
    <Layout
      ctx={ctx}
      meta={{ title, noindex: true, breadcrumbs: crumbs(ctx, view, title, `/indicators/${i.code}/edit`) }}
    >
      <h1>
        {title}: {indicatorName(ctx, i)}
      </h1>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <Form ctx={ctx} action={action} novalidate>
        {text('year', t('indicators.target.yearHint'), true)}
        {text('periodStart', t('indicators.target.periodHint'))}
        <SelectField
          name="comparator"
          label={t('indicators.field.comparator')}
          value={values.comparator ?? 'eq'}
          options={COMPARATORS.map((c) => ({ value: c, label: t(`indicators.comparator.${c}`) }))}
          errors={props.errors}
        />
        {text('value', t('indicators.field.valueHint'))}
        {text('minValue', t('indicators.target.bandHint'))}
        {text('maxValue', t('indicators.target.bandHint'))}
        <TextField
          name="note"
          label={t('indicators.field.note')}
          value={values.note}
          errors={props.errors}
          multiline
        />
        <TextField
          name="sources"
          label={t('indicators.field.sources')}
          hint={t('indicators.field.sourcesHint')}
          value={values.sources}
          errors={props.errors}
          multiline
        />
        <Button>{t('indicators.target.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function DraftsPage(props: { ctx: PageContext; rows: DraftRow[]; notice?: string; message?: string }) {
  const { ctx } = props;
  const t = ctx.t;
  const title = t('indicators.drafts.title');
  return (
    <Layout
      ctx={ctx}
      meta={{
        title,
        noindex: true,
        breadcrumbs: [{ href: '/indicators', label: t('indicators.list.title') }, { label: title }],
      }}
    >
      <h1>{title}</h1>
      <p class="lead">{t('indicators.drafts.intro')}</p>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={[]} message={props.message} />
      <Table
        caption={t('indicators.drafts.caption')}
        rows={props.rows}
        rowKey={(r) => r.observation.id}
        empty={t('indicators.drafts.none')}
        columns={[
          {
            header: t('indicators.field.name'),
            cell: (r) => <a href={`/indicators/${r.indicator.code}`}>{indicatorName(ctx, r.indicator)}</a>,
          },
          {
            header: t('indicators.field.year'),
            cell: (r) =>
              r.observation.quarter ? `${r.observation.year} Q${r.observation.quarter}` : r.observation.year,
          },
          { header: t('indicators.field.unitId'), cell: (r) => r.unitName },
          {
            header: t('indicators.field.value'),
            cell: (r) => `${formatNumber(ctx.locale, r.observation.value, 3)} ${r.indicator.unit}`,
            numeric: true,
          },
          { header: t('indicators.drafts.enteredBy'), cell: (r) => r.enteredBy ?? '' },
          {
            header: t('indicators.field.note'),
            cell: (r) => (
              <>
                {r.observation.note ?? ''}
                <SourceLinks ctx={ctx} sources={r.observation.sources} />
              </>
            ),
          },
          {
            header: t('indicators.drafts.decision'),
            cell: (r) => {
              const id = r.observation.id;
              return (
                <div class="review-actions">
                  <Form ctx={ctx} action={`/indicators/drafts/${id}/approve`}>
                    <input type="hidden" name="rowVersion" value={r.observation.rowVersion} />
                    <Button>
                      {t('indicators.drafts.approve')}
                      <span class="visually-hidden">
                        {' '}
                        {indicatorName(ctx, r.indicator)} {r.observation.year}
                      </span>
                    </Button>
                  </Form>
                  <Form ctx={ctx} action={`/indicators/drafts/${id}/reject`}>
                    <input type="hidden" name="rowVersion" value={r.observation.rowVersion} />
                    <label for={`reason-${id}`}>{t('indicators.drafts.reason')}</label>
                    <input type="text" id={`reason-${id}`} name="reason" maxLength={1000} />
                    <Button variant="danger">
                      {t('indicators.drafts.reject')}
                      <span class="visually-hidden">
                        {' '}
                        {indicatorName(ctx, r.indicator)} {r.observation.year}
                      </span>
                    </Button>
                  </Form>
                </div>
              );
            },
          },
        ]}
      />
    </Layout>
  );
}
