// An indicator's figures by place, as the indicator page and the dashboard show them:
// the choice of new or old units (a plain GET form, works without JavaScript), the map,
// and the table with where each figure came from.
import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../kernel/i18n/index.ts';
import { Button, Notice, SampleBadge, SelectField, Table } from '../../kernel/ui/components.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { GeoJsonGeometry } from '../geo/schema.ts';
import { type ByPlace, PLACE_VINTAGES, type PlaceRow, type PlaceVintage } from './by-place.ts';
import { CommuneMap } from './commune-map.tsx';

/** The units choice (and year, when several): the form keeps the other query parameters as hidden fields. */
export function PlaceChoice(props: {
  ctx: PageContext;
  action: string;
  vintage: PlaceVintage;
  years?: number[];
  year?: number | null;
  hidden?: Record<string, string | number | undefined>;
  children?: ComponentChildren;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <form method="get" action={props.action} class="filters">
      {ctx.locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      {Object.entries(props.hidden ?? {}).map(([name, value]) =>
        value === undefined || value === '' ? null : (
          <input key={name} type="hidden" name={name} value={String(value)} />
        ),
      )}
      {props.children}
      <SelectField
        name="units"
        label={t('indicators.place.units')}
        value={props.vintage}
        options={PLACE_VINTAGES.map((v) => ({ value: v, label: t(`indicators.place.${v}`) }))}
      />
      {props.years && props.years.length > 1 ? (
        <SelectField
          name="year"
          label={t('indicators.place.year')}
          value={props.year ?? undefined}
          options={props.years.map((y) => ({ value: y, label: String(y) }))}
        />
      ) : null}
      <Button variant="secondary">{t('indicators.place.show')}</Button>
    </form>
  );
}

const ratioText = (ctx: PageContext, r: number) =>
  r === 1 ? '1' : formatNumber(ctx.locale, Math.round(r * 1000) / 1000, 3);

/** How a row's figure was made: recorded directly, or the units and parts it came from. */
export function placeOrigin(ctx: PageContext, row: PlaceRow): string {
  if (row.direct) return ctx.t('indicators.place.direct');
  return row.from
    .map((f) => ctx.t('indicators.place.part', { name: f.name, ratio: ratioText(ctx, f.ratio) }))
    .join('; ');
}

/** Which method made the figures: sum, weighted mean, or none, and for the old units how they were kept. */
export function PlaceMethod(props: { ctx: PageContext; data: ByPlace }) {
  const { ctx, data } = props;
  const t = ctx.t;
  const weight = data.weight ? (ctx.locale === 'en' && data.weight.nameEn) || data.weight.nameVi : null;
  return (
    <p class="hint">
      {data.additive
        ? t('indicators.place.methodSum')
        : weight
          ? t('indicators.place.methodMean', { weight })
          : t('indicators.place.methodNone')}{' '}
      {data.vintage === 'old' ? t('indicators.place.methodOld') : null}{' '}
      <a href="/indicators/method">{t('indicators.how.docs')}</a>
    </p>
  );
}

export function PlaceFigures(props: {
  ctx: PageContext;
  data: ByPlace;
  name: string;
  unit: string;
  outline: GeoJsonGeometry | null;
  /** where a unit's name and dot link to (the dashboard's drill-down) */
  hrefOf?: (row: PlaceRow) => string;
  selected?: string;
}) {
  const { ctx, data } = props;
  const t = ctx.t;
  if (data.year === null || data.rows.length === 0)
    return <p class="no-data">{t('indicators.place.none')}</p>;
  const caption = t(data.vintage === 'new' ? 'indicators.place.captionNew' : 'indicators.place.captionOld', {
    name: props.name,
    year: data.year,
  });
  const mapTitle = t(data.vintage === 'new' ? 'indicators.map.title' : 'indicators.map.titleOld', {
    measure: `${props.name} (${props.unit})`,
    year: data.year,
  });
  const fmt = (v: number) => formatNumber(ctx.locale, v);
  const shown = data.rows.filter((r) => r.value !== null && r.lon !== null && r.lat !== null);
  return (
    <>
      <PlaceMethod ctx={ctx} data={data} />
      {data.rows.some((r) => r.isSample) ? (
        <Notice>
          <SampleBadge ctx={ctx} /> {t('indicators.map.sampleNote')}
        </Notice>
      ) : null}
      <CommuneMap
        ctx={ctx}
        title={mapTitle}
        unit={props.unit}
        outline={props.outline}
        points={shown.map((r) => ({
          unitId: r.unitId,
          name: r.name,
          lon: r.lon!,
          lat: r.lat!,
          value: r.value!,
          href: props.hrefOf ? props.hrefOf(r) : `#place-${r.unitId}`,
          selected: r.unitId === props.selected,
        }))}
      />
      <Table
        caption={caption}
        rows={data.rows}
        rowKey={(r) => r.unitId}
        columns={[
          {
            header: t('indicators.place.unit'),
            cell: (r) =>
              props.hrefOf ? (
                <a id={`place-${r.unitId}`} href={props.hrefOf(r)}>
                  {r.name}
                </a>
              ) : (
                <span id={`place-${r.unitId}`}>{r.name}</span>
              ),
          },
          {
            header: `${t('indicators.field.value')} (${props.unit})`,
            cell: (r) =>
              r.value === null ? (
                t(`indicators.place.refused.${r.refused}`)
              ) : (
                <>
                  {fmt(r.value)} {r.isSample ? <SampleBadge ctx={ctx} /> : null}
                </>
              ),
            numeric: true,
          },
          { header: t('indicators.place.how'), cell: (r) => placeOrigin(ctx, r) },
        ]}
      />
      {data.unassigned.length ? (
        <p class="hint">
          {t('indicators.place.unassigned', {
            list: data.unassigned.map((u) => `${u.name}: ${fmt(u.value)} ${props.unit}`).join('; '),
          })}
        </p>
      ) : null}
    </>
  );
}

/** The rows of a by-place table for exports and the API. */
export function placeTable(data: ByPlace, code: string) {
  return {
    headers: [
      'admin_unit_id',
      'name',
      'level',
      'indicator_code',
      'year',
      'units',
      'value',
      'refused',
      'from',
      'is_sample',
    ],
    rows: data.rows.map((r) => [
      r.unitId,
      r.name,
      r.level,
      code,
      data.year,
      data.vintage,
      r.value,
      r.refused,
      r.direct ? 'direct' : r.from.map((f) => `${f.unitId}×${f.ratio}`).join(' '),
      r.isSample ? 'true' : 'false',
    ]),
  };
}
