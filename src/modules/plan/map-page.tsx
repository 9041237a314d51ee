// The map page: works without JavaScript as layer tables; with it, MapLibre draws
// the same features from the app's own GeoJSON API.
import { Button, DataText, NoData, Table } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import type { LayerRow, MapLayer } from './map-layers.ts';

export type { LayerRow };

export function MapPage(props: {
  ctx: PageContext;
  layers: readonly MapLayer[];
  on: string[];
  rows: Record<string, LayerRow[]>;
}) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('map.title'),
        description: t('map.description'),
        canonicalPath: '/ban-do',
        breadcrumbs: [{ href: '/', label: t('home.nav') }, { label: t('map.title') }],
        scripts: ['/assets/client/map.js'],
      }}
    >
      <h1>{t('map.title')}</h1>
      <p>{t('map.intro')}</p>
      <form method="get" action="/ban-do" class="map-layers no-print">
        <fieldset>
          <legend>{t('map.layers')}</legend>
          <ul class="map-legend">
            {props.layers.map((l) => (
              <li key={l.id}>
                <label>
                  <input type="checkbox" name="layers" value={l.id} checked={props.on.includes(l.id)} />{' '}
                  <span
                    class={`map-legend__swatch map-legend__swatch--${l.kind} map-swatch--${l.id}`}
                    aria-hidden="true"
                  />{' '}
                  {t(l.labelKey)}
                </label>
              </li>
            ))}
          </ul>
          <Button type="submit" variant="secondary">
            {t('map.apply')}
          </Button>
        </fieldset>
      </form>
      <section
        id="map"
        class="map"
        data-module="map"
        data-layers={JSON.stringify(
          props.layers.map(({ id, url, kind, color, radius }) => ({ id, url, kind, color, radius })),
        )}
        aria-label={t('map.canvasLabel')}
        data-attribution={t('map.attribution')}
        hidden
      />
      <p class="muted">{t('map.approxNote')}</p>
      <h2>{t('map.tables')}</h2>
      {props.layers.map((l) => {
        const rows = props.rows[l.id] ?? [];
        return (
          <details key={l.id} open={props.on.includes(l.id) && rows.length <= 20}>
            <summary>{`${t(l.labelKey)} (${rows.length})`}</summary>
            <Table
              caption={t(l.labelKey)}
              rows={rows}
              rowKey={(r) => r.id}
              empty={<NoData ctx={ctx} />}
              columns={[
                {
                  header: t('plan.field.name'),
                  cell: (r) =>
                    r.url ? (
                      <a href={r.url}>
                        <DataText ctx={ctx} value={r.name} />
                      </a>
                    ) : (
                      <DataText ctx={ctx} value={r.name} />
                    ),
                },
                {
                  header: t('map.column.detail'),
                  cell: (r) => <DataText ctx={ctx} value={r.detail ?? ''} />,
                },
              ]}
            />
          </details>
        );
      })}
    </Layout>
  );
}
