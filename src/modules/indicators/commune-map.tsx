// A map of communes drawn on the server as SVG (no JavaScript, no tiles): the
// province outline, and one circle per commune at its point, sized and coloured by
// the chosen measure. Each circle links to the commune's drill-down; the table next
// to the map gives the same figures in text.
import { formatNumber } from '../../kernel/i18n/index.ts';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { GeoJsonGeometry } from '../geo/schema.ts';

export type MapPoint = {
  unitId: string;
  name: string;
  lon: number;
  lat: number;
  value: number;
  href: string;
  selected?: boolean;
};

/** Five classes, light to dark (ColorBrewer YlGnBu, readable by colour-blind readers). */
export const MAP_COLOURS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

/** Class breaks at the quintiles of the values: class i holds values up to breaks[i]. */
export function classBreaks(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return MAP_COLOURS.map(
    (_, i) => sorted[Math.min(sorted.length - 1, Math.ceil(((i + 1) * sorted.length) / 5) - 1)]!,
  );
}

export function classOf(value: number, breaks: readonly number[]): number {
  const i = breaks.findIndex((b) => value <= b);
  return i < 0 ? breaks.length - 1 : i;
}

type Ring = number[][];

function rings(g: GeoJsonGeometry | null): Ring[] {
  if (!g) return [];
  const c = (g as { coordinates: unknown }).coordinates;
  if (g.type === 'Polygon') return c as Ring[];
  if (g.type === 'MultiPolygon') return (c as Ring[][]).flat();
  return [];
}

const WIDTH = 640;
const PAD = 16;

export function CommuneMap(props: {
  ctx: PageContext;
  title: string;
  unit: string;
  outline: GeoJsonGeometry | null;
  points: MapPoint[];
}) {
  const { ctx, points } = props;
  const outline = rings(props.outline);
  const coords = [...outline.flat(), ...points.map((p) => [p.lon, p.lat])];
  if (coords.length === 0) return null;
  const lons = coords.map((c) => c[0]!);
  const lats = coords.map((c) => c[1]!);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  // Equirectangular, with longitudes shortened by the cosine of the mid latitude.
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (WIDTH - 2 * PAD) / Math.max((maxLon - minLon) * kx, 1e-9);
  const height = Math.round((maxLat - minLat) * scale + 2 * PAD);
  const x = (lon: number) => PAD + (lon - minLon) * kx * scale;
  const y = (lat: number) => PAD + (maxLat - lat) * scale;
  const path = outline
    .map((ring) => {
      // Every 4th vertex is plenty at this size.
      const pts = ring.filter((_, i) => i % 4 === 0 || i === ring.length - 1);
      return `M${pts.map((p) => `${x(p[0]!).toFixed(1)},${y(p[1]!).toFixed(1)}`).join('L')}Z`;
    })
    .join('');
  const values = points.map((p) => p.value);
  const max = Math.max(...values.map(Math.abs), 0);
  const breaks = classBreaks(values);
  const radius = (v: number) => 3 + 11 * Math.sqrt(max === 0 ? 0 : Math.abs(v) / max);
  const fmt = (v: number) => formatNumber(ctx.locale, v);
  // Largest first, so small circles stay on top and clickable.
  const ordered = [...points].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  return (
    <figure class="commune-map">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" class="commune-map__svg">
        <title>{props.title}</title>
        <path d={path} class="commune-map__outline" />
        {ordered.map((p) => {
          const label = `${p.name}: ${fmt(p.value)} ${props.unit}`;
          return (
            <a key={p.unitId} href={p.href} aria-label={label}>
              <circle
                cx={x(p.lon).toFixed(1)}
                cy={y(p.lat).toFixed(1)}
                r={radius(p.value).toFixed(1)}
                fill={MAP_COLOURS[classOf(p.value, breaks)]}
                class={p.selected ? 'commune-map__dot commune-map__dot--selected' : 'commune-map__dot'}
              >
                <title>{label}</title>
              </circle>
            </a>
          );
        })}
      </svg>
      <figcaption>
        {props.title}
        <ul class="commune-map__legend">
          {breaks.map((b, i) => (
            <li key={`${i}-${b}`}>
              <span class="commune-map__swatch" style={{ background: MAP_COLOURS[i] }} aria-hidden="true" />
              {i === 0
                ? ctx.t('indicators.map.upTo', { value: fmt(b), unit: props.unit })
                : ctx.t('indicators.map.range', { from: fmt(breaks[i - 1]!), to: fmt(b), unit: props.unit })}
            </li>
          ))}
        </ul>
        <span class="hint">{ctx.t('indicators.map.hint')}</span>
      </figcaption>
    </figure>
  );
}
