// The home page's small map of the province. The map bundle (MapLibre) is not
// loaded with the page: enhance.js imports it only when this block comes into
// view. Without JavaScript the block is a legend of links to the list pages and
// to the full map with its tables.
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { MapLayer } from '../plan/map-layers.ts';

export const MAP_BUNDLE = '/assets/client/map.js';

export function HomeMap(props: { ctx: PageContext; layers: readonly MapLayer[] }) {
  const { ctx } = props;
  const t = ctx.t;
  const layers = props.layers.filter((l) => l.home);
  return (
    <section class="home-map" aria-labelledby="home-map-h" data-module="lazy-script" data-src={MAP_BUNDLE}>
      <h2 id="home-map-h">{t('home.map.title')}</h2>
      <section
        id="home-map"
        class="map map--small"
        data-module="map"
        data-compact="true"
        data-zoom="7"
        data-on={layers.map((l) => l.id).join(',')}
        data-layers={JSON.stringify(
          layers.map(({ id, url, kind, color, radius }) => ({ id, url, kind, color, radius })),
        )}
        aria-label={t('map.canvasLabel')}
        data-attribution={t('map.attribution')}
        hidden
      />
      <ul class="map-legend">
        {layers.map((l) => (
          <li key={l.id}>
            <span
              class={`map-legend__swatch map-legend__swatch--${l.kind} map-swatch--${l.id}`}
              aria-hidden="true"
            />{' '}
            {l.listPath ? <a href={l.listPath}>{t(l.labelKey)}</a> : t(l.labelKey)}
          </li>
        ))}
      </ul>
      <p>
        <a href="/ban-do">{t('home.map.full')}</a>
      </p>
    </section>
  );
}
