// Administrators' page of the roll-up across the 2025 reorganisation: the default
// rule for partial links and the share_ratio of each split unit's links.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { PartialLink } from './lineage-admin.ts';
import { DEFAULT_SHARE_RULES, type DefaultShareRule } from './schema.ts';

export const LINEAGE_ADMIN_PATH = '/admin/lineage';

export function LineageAdminPage(props: {
  ctx: PageContext;
  rule: DefaultShareRule;
  predecessors: { id: string; code: string; name: string; level: string }[];
  ratioCount: number;
  selected?: { id: string; name: string; links: PartialLink[] };
  values?: Record<string, string>;
  errors?: FieldError[];
  message?: string;
  notice?: string;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const sel = props.selected;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('geo.lineage.title'),
        noindex: true,
        breadcrumbs: [{ label: t('geo.lineage.title') }],
      }}
    >
      <h1>{t('geo.lineage.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <p class="lead">{t('geo.lineage.intro')}</p>
      <h2>{t('geo.lineage.rule.title')}</h2>
      <p>{t('geo.lineage.rule.current', { rule: t(`geo.lineage.rule.${props.rule}`) })}</p>
      <Form ctx={ctx} action={`${LINEAGE_ADMIN_PATH}/default-share`}>
        <SelectField
          name="defaultShareRule"
          label={t('geo.lineage.rule.label')}
          hint={t('geo.lineage.rule.hint')}
          value={props.rule}
          options={DEFAULT_SHARE_RULES.map((r) => ({ value: r, label: t(`geo.lineage.rule.${r}`) }))}
          errors={props.errors}
        />
        <Button>{t('geo.lineage.rule.submit')}</Button>
      </Form>
      <h2>{t('geo.lineage.links.title')}</h2>
      <p>{t('geo.lineage.links.summary', { count: props.predecessors.length, ratios: props.ratioCount })}</p>
      <form method="get" action={LINEAGE_ADMIN_PATH} class="filters">
        <SelectField
          name="predecessor"
          label={t('geo.lineage.links.choose')}
          value={sel?.id}
          options={props.predecessors.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
        />
        <Button variant="secondary">{t('geo.lineage.links.show')}</Button>
      </form>
      {sel ? (
        <Form ctx={ctx} action={`${LINEAGE_ADMIN_PATH}/predecessors/${encodeURIComponent(sel.id)}`}>
          <fieldset>
            <legend>{t('geo.lineage.links.caption', { unit: sel.name })}</legend>
            <p class="hint">{t('geo.lineage.links.hint')}</p>
            {sel.links.map((l) => (
              <TextField
                key={l.successorId}
                name={`ratio:${l.successorId}`}
                label={t('geo.lineage.links.ratio', { unit: `${l.successorName} (${l.successorCode})` })}
                value={
                  props.values?.[`ratio:${l.successorId}`] ??
                  (l.shareRatio === null ? '' : formatNumber(ctx.locale, l.shareRatio, 4))
                }
                errors={props.errors}
              />
            ))}
          </fieldset>
          <Button>{t('geo.lineage.links.submit')}</Button>
        </Form>
      ) : null}
    </Layout>
  );
}
