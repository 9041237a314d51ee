// Administrators' page of the conformity check: the layers (and loading a new
// one from a file) and the rules table.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatNumber } from '../../kernel/i18n/index.ts';
import {
  Button,
  CheckboxField,
  ErrorSummary,
  Notice,
  SampleBadge,
  SelectField,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { LAYER_TYPES, OUTCOMES } from './engine.ts';
import { crsOptions } from './pages.tsx';
import type { LayerRow, RuleRow } from './queries.ts';

export function ConformityAdminPage(props: {
  ctx: PageContext;
  layers: (LayerRow & { featureCount: number | null })[];
  rules: RuleRow[];
  errors?: FieldError[];
  message?: string;
  notice?: string;
  values?: Record<string, string>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  const v = props.values ?? {};
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('conformity.admin.title'),
        noindex: true,
        breadcrumbs: [{ href: '/admin', label: t('layout.admin') }, { label: t('conformity.admin.title') }],
      }}
    >
      <h1>{t('conformity.admin.title')}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <h2>{t('conformity.admin.rules')}</h2>
      <p>{t('conformity.admin.rulesIntro')}</p>
      {props.rules.map((r) => (
        <form
          method="post"
          action={`/admin/conformity/rules/${r.layerType}`}
          class="conformity-rule"
          key={r.layerType}
        >
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <input type="hidden" name="rowVersion" value={String(r.rowVersion)} />
          <h3>{t(`conformity.layerType.${r.layerType}`)}</h3>
          <SelectField
            name={`outcome-${r.layerType}`}
            label={t('conformity.report.outcome')}
            value={r.outcome}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`conformity.outcome.${o}`) }))}
          />
          <TextField
            name={`reasonVi-${r.layerType}`}
            label={t('conformity.admin.reasonVi')}
            value={r.reasonVi}
          />
          <TextField
            name={`reasonEn-${r.layerType}`}
            label={t('conformity.admin.reasonEn')}
            value={r.reasonEn}
          />
          <Button variant="secondary">{t('conformity.admin.saveRule')}</Button>
        </form>
      ))}
      <h2>{t('conformity.admin.layers')}</h2>
      <Table
        caption={t('conformity.admin.layersCaption')}
        rows={props.layers}
        rowKey={(l) => l.id}
        columns={[
          {
            header: t('conformity.report.layer'),
            cell: (l) => (
              <>
                {ctx.locale === 'en' && l.nameEn ? l.nameEn : l.nameVi} <code>{l.id}</code>
                {l.isSample ? (
                  <>
                    {' '}
                    <SampleBadge ctx={ctx} />
                  </>
                ) : null}
              </>
            ),
          },
          { header: t('conformity.admin.type'), cell: (l) => t(`conformity.layerType.${l.type}`) },
          {
            header: t('conformity.admin.features'),
            numeric: true,
            cell: (l) =>
              l.featureCount === null
                ? t('conformity.admin.builtin')
                : formatNumber(ctx.locale, l.featureCount, 0),
          },
          { header: t('conformity.admin.source'), cell: (l) => l.source ?? '' },
        ]}
      />
      <h2>{t('conformity.admin.load')}</h2>
      <form method="post" action="/admin/conformity/layers" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField
          name="id"
          label={t('conformity.admin.id')}
          hint={t('conformity.error.layerId')}
          value={v.id}
          errors={props.errors}
        />
        <SelectField
          name="type"
          label={t('conformity.admin.type')}
          value={v.type}
          options={LAYER_TYPES.filter((x) => !x.startsWith('admin_units')).map((x) => ({
            value: x,
            label: t(`conformity.layerType.${x}`),
          }))}
          errors={props.errors}
        />
        <TextField
          name="nameVi"
          label={t('conformity.admin.nameVi')}
          value={v.nameVi}
          errors={props.errors}
        />
        <TextField
          name="nameEn"
          label={t('conformity.admin.nameEn')}
          value={v.nameEn}
          errors={props.errors}
        />
        <TextField
          name="source"
          label={t('conformity.admin.source')}
          value={v.source}
          errors={props.errors}
        />
        <TextField
          name="sourceUrl"
          type="url"
          label={t('conformity.admin.sourceUrl')}
          value={v.sourceUrl}
          errors={props.errors}
        />
        <TextField
          name="bufferMeters"
          type="number"
          label={t('conformity.admin.buffer')}
          value={v.bufferMeters ?? '0'}
          errors={props.errors}
        />
        <SelectField
          name="crs"
          label={t('conformity.form.crs')}
          value={v.crs ?? 'wgs84'}
          options={crsOptions(ctx)}
        />
        <CheckboxField name="isSample" label={t('conformity.admin.isSample')} checked={v.isSample === 'on'} />
        <div class="form-group">
          <label for="f-file">{t('conformity.form.file')}</label>
          <span class="hint" id="f-file-hint">
            {t('conformity.form.fileHint')}
          </span>
          <input
            type="file"
            id="f-file"
            name="file"
            accept=".geojson,.json,.kml,.zip"
            aria-describedby="f-file-hint"
          />
        </div>
        <Button>{t('conformity.admin.loadButton')}</Button>
      </form>
    </Layout>
  );
}
