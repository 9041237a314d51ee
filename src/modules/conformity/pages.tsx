// Pages of the conformity check: the form (map drawing, file, GeoJSON text)
// and the report.
import type { FieldError } from '../../kernel/http/errors.ts';
import { formatDateTime, formatNumber } from '../../kernel/i18n/index.ts';
import {
  Badge,
  type BadgeTone,
  Button,
  ErrorSummary,
  LinkButton,
  SelectField,
  SummaryList,
  Table,
  TextField,
} from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { PROVINCE_ZONES } from './crs.ts';
import type { LayerResult, Match, Outcome } from './engine.ts';
import type { CheckRow } from './queries.ts';
import type { ConformityReport } from './use-cases.ts';

const TONE: Record<Outcome, BadgeTone> = {
  compatible: 'success',
  needs_review: 'warning',
  conflict: 'danger',
};

export function OutcomeBadge(props: { ctx: PageContext; outcome: Outcome }) {
  return <Badge tone={TONE[props.outcome]}>{props.ctx.t(`conformity.outcome.${props.outcome}`)}</Badge>;
}

export function crsOptions(ctx: PageContext) {
  return [
    { value: 'wgs84', label: ctx.t('conformity.crs.wgs84') },
    ...PROVINCE_ZONES.map((z) => ({
      value: `vn2000:${z.key}`,
      label: `VN-2000 — ${ctx.locale === 'en' ? z.nameEn : z.nameVi}`,
    })),
  ];
}

export type CheckFormValues = { title?: string; crs?: string; geojson?: string };

export function ConformityFormPage(props: {
  ctx: PageContext;
  values: CheckFormValues;
  errors?: FieldError[];
  message?: string;
  recent: CheckRow[];
}) {
  const { ctx, values } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('conformity.title'),
        noindex: true,
        breadcrumbs: [{ label: t('conformity.title') }],
        scripts: ['/assets/client/conformity-map.js'],
      }}
    >
      <h1>{t('conformity.title')}</h1>
      <p class="lead">{t('conformity.intro')}</p>
      <ErrorSummary ctx={ctx} errors={props.errors ?? []} message={props.message} />
      <form method="post" action="/conformity/checks" enctype="multipart/form-data" class="conformity-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField
          name="title"
          label={t('conformity.form.title')}
          value={values.title}
          errors={props.errors}
        />
        <section class="conformity-map" aria-labelledby="conformity-map-title" hidden data-conformity-map>
          <h2 id="conformity-map-title">{t('conformity.form.map')}</h2>
          <p class="hint">{t('conformity.form.mapHint')}</p>
          <div
            class="conformity-map__canvas"
            data-map-canvas
            data-label-close={t('conformity.map.close')}
            data-label-clear={t('conformity.map.clear')}
          />
        </section>
        <SelectField
          name="crs"
          label={t('conformity.form.crs')}
          hint={t('conformity.form.crsHint')}
          value={values.crs ?? 'wgs84'}
          options={crsOptions(ctx)}
          errors={props.errors}
        />
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
        <TextField
          name="geojson"
          label={t('conformity.form.geojson')}
          hint={t('conformity.form.geojsonHint')}
          value={values.geojson}
          multiline
          errors={props.errors}
        />
        <Button>{t('conformity.form.submit')}</Button>
      </form>
      <h2>{t('conformity.recent')}</h2>
      <Table
        rows={props.recent}
        rowKey={(r) => r.id}
        empty={t('conformity.none')}
        columns={[
          {
            header: t('conformity.form.title'),
            cell: (r) => <a href={`/conformity/checks/${r.id}`}>{r.title}</a>,
          },
          {
            header: t('conformity.report.overall'),
            cell: (r) => <OutcomeBadge ctx={ctx} outcome={r.overall} />,
          },
          {
            header: t('conformity.report.siteArea'),
            numeric: true,
            cell: (r) => `${formatNumber(ctx.locale, r.siteAreaHa, 2)} ha`,
          },
          {
            header: t('conformity.report.requested'),
            cell: (r) => `${r.requestedByLabel}, ${formatDateTime(r.createdAt)}`,
          },
        ]}
      />
    </Layout>
  );
}

function layerName(ctx: PageContext, l: { nameVi: string; nameEn: string | null }) {
  return ctx.locale === 'en' && l.nameEn ? l.nameEn : l.nameVi;
}

function matchText(ctx: PageContext, m: Match): string {
  const name = ctx.locale === 'en' && m.nameEn ? m.nameEn : m.nameVi;
  if (m.kind === 'point_within') return `${name} (${ctx.t('conformity.report.pointWithin')})`;
  if (m.kind === 'point_near')
    return `${name} (${ctx.t('conformity.report.pointNear', { distance: formatNumber(ctx.locale, m.distanceM, 0) })})`;
  return `${name}: ${formatNumber(ctx.locale, m.overlapHa, 2)} ha (${formatNumber(ctx.locale, m.pctOfSite, 1)} %)`;
}

export function ConformityReportPage(props: { ctx: PageContext; check: CheckRow }) {
  const { ctx, check } = props;
  const t = ctx.t;
  const report = check.report as unknown as ConformityReport;
  const layers = report.layers;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('conformity.report.title', { title: check.title }),
        noindex: true,
        breadcrumbs: [{ href: '/conformity', label: t('conformity.title') }, { label: check.title }],
      }}
    >
      <h1>{t('conformity.report.title', { title: check.title })}</h1>
      <SummaryList
        items={[
          {
            label: t('conformity.report.overall'),
            value: <OutcomeBadge ctx={ctx} outcome={check.overall} />,
          },
          {
            label: t('conformity.report.siteArea'),
            value: `${formatNumber(ctx.locale, check.siteAreaHa, 2)} ha`,
          },
          {
            label: t('conformity.report.requested'),
            value: `${check.requestedByLabel}, ${formatDateTime(check.createdAt)}`,
          },
          { label: t('conformity.report.input'), value: `${check.inputFormat}, ${check.inputCrs}` },
        ]}
      />
      <div class="button-group">
        <LinkButton href={`/conformity/checks/${check.id}.pdf${ctx.locale === 'en' ? '?lang=en' : ''}`}>
          {t('conformity.report.pdf')}
        </LinkButton>
        <LinkButton variant="secondary" href={`/api/v1/conformity/checks/${check.id}`}>
          {t('conformity.report.json')}
        </LinkButton>
        <LinkButton variant="secondary" href="/conformity">
          {t('conformity.report.newCheck')}
        </LinkButton>
      </div>
      <h2>{t('conformity.report.layers')}</h2>
      <Table<LayerResult>
        caption={t('conformity.report.layersCaption')}
        rows={layers}
        rowKey={(l) => l.layerId}
        empty={t('conformity.report.noLayers')}
        columns={[
          {
            header: t('conformity.report.layer'),
            cell: (l) => (
              <>
                <strong>{layerName(ctx, l)}</strong>
                <br />
                <span class="muted">
                  {t(`conformity.layerType.${l.layerType}`)}
                  {l.bufferMeters > 0
                    ? `, ${t('conformity.report.buffer', { buffer: formatNumber(ctx.locale, l.bufferMeters, 0) })}`
                    : ''}
                </span>
              </>
            ),
          },
          {
            header: t('conformity.report.feature'),
            cell: (l) => (
              <ul class="conformity-matches">
                {l.matches.map((m) => (
                  <li key={m.featureId}>{matchText(ctx, m)}</li>
                ))}
              </ul>
            ),
          },
          {
            header: t('conformity.report.overlapHa'),
            numeric: true,
            cell: (l) => (l.overlapHa > 0 ? formatNumber(ctx.locale, l.overlapHa, 2) : '—'),
          },
          {
            header: t('conformity.report.pct'),
            numeric: true,
            cell: (l) => (l.overlapHa > 0 ? formatNumber(ctx.locale, l.pctOfSite, 1) : '—'),
          },
          {
            header: t('conformity.report.outcome'),
            cell: (l) => (
              <>
                <OutcomeBadge ctx={ctx} outcome={l.outcome} />
                {l.touched ? (
                  <p class="conformity-reason">{ctx.locale === 'en' ? l.reasonEn : l.reasonVi}</p>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <h2>{t('conformity.report.units')}</h2>
      <h3>{t('conformity.report.oldDistricts')}</h3>
      <UnitList
        ctx={ctx}
        items={report.admin.oldDistricts.map(
          (d) => `${d.nameVi}: ${formatNumber(ctx.locale, d.overlapHa, 2)} ha`,
        )}
      />
      <h3>{t('conformity.report.communesWithin')}</h3>
      <UnitList ctx={ctx} items={report.admin.communesWithin.map((c) => c.nameVi)} />
      <h3>{t('conformity.report.derived')}</h3>
      <p class="hint">{t('conformity.report.derivedHint')}</p>
      <UnitList
        ctx={ctx}
        items={report.admin.derivedCommunes.map((c) => `${c.nameVi} (${c.fromNames.join(', ')})`)}
      />
      {report.notes.length ? (
        <>
          <h2>{t('conformity.report.notes')}</h2>
          <ul>
            {report.notes.map((n) => (
              <li key={n}>{t(n)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="hint">{t('conformity.report.method')}</p>
    </Layout>
  );
}

function UnitList(props: { ctx: PageContext; items: string[] }) {
  if (props.items.length === 0) return <p class="no-data">{props.ctx.t('layout.noData')}</p>;
  return (
    <ul class="conformity-units">
      {props.items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}
