import { Button, Form, LinkButton, Notice, TextField } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { ReportTemplateDefinition } from './template.ts';
import type { DraftRow } from './use-cases.ts';

export function ReportEditPage(props: {
  ctx: PageContext;
  period: string;
  template: { nameVi: string; definition: ReportTemplateDefinition };
  draft: DraftRow | null;
  canEdit: boolean;
  notice?: string;
}) {
  const { ctx, period, template, draft } = props;
  const t = ctx.t;
  const d = template.definition;
  const p = { ...d.defaults, ...(draft?.particulars ?? {}) };
  const base = `/reports/assessment/${period}`;
  return (
    <Layout
      ctx={ctx}
      meta={{ title: t('reports.title'), noindex: true, breadcrumbs: [{ label: t('reports.title') }] }}
    >
      <h1>{t('reports.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <p class="lead">{t('reports.intro')}</p>
      <form method="get" action="/reports/assessment" class="filters">
        <TextField name="period" label={t('reports.period')} hint={t('reports.periodHint')} value={period} />
        <Button variant="secondary">{t('reports.choosePeriod')}</Button>
      </form>
      <h2>{t('reports.download', { period })}</h2>
      <div class="button-group">
        <LinkButton href={`${base}/report.docx`}>{t('reports.docx')}</LinkButton>
        <LinkButton href={`${base}/report.pdf`} variant="secondary">
          {t('reports.pdf')}
        </LinkButton>
        <LinkButton href={`${base}/annex.xlsx`} variant="secondary">
          {t('reports.xlsx')}
        </LinkButton>
      </div>
      {props.canEdit ? (
        <>
          <h2>{t('reports.edit')}</h2>
          <Form ctx={ctx} action={base}>
            <input type="hidden" name="rowVersion" value={draft ? String(draft.rowVersion) : ''} />
            <TextField name="p_issuingParent" label={t('reports.p.issuingParent')} value={p.issuingParent} />
            <TextField name="p_issuingBody" label={t('reports.p.issuingBody')} value={p.issuingBody} />
            <TextField name="p_number" label={t('reports.p.number')} value={p.number} />
            <TextField name="p_place" label={t('reports.p.place')} value={p.place} />
            <TextField name="p_date" type="date" label={t('reports.p.date')} value={p.date} />
            <TextField name="p_signerTitle" label={t('reports.p.signerTitle')} value={p.signerTitle} />
            <TextField name="p_signerName" label={t('reports.p.signerName')} value={p.signerName} />
            {d.sections.map((s) => (
              <TextField
                key={s.key}
                name={`n_${s.key}`}
                label={ctx.locale === 'en' ? s.headingEn : s.headingVi}
                hint={s.kind === 'narrative' ? s.hintVi : t('reports.extraHint')}
                value={draft?.narratives[s.key] ?? ''}
                multiline
              />
            ))}
            <Button>{t('reports.save')}</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
