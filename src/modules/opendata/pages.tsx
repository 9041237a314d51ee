// The public data catalogue page.
import { formatDateTime, formatNumber } from '../../kernel/i18n/index.ts';
import { NoData, Table } from '../../kernel/ui/components.tsx';
import { Layout } from '../../kernel/ui/layout.tsx';
import type { PageContext } from '../../kernel/ui/page-context.ts';
import { CATALOGUE_PATH, ZIP_NAME } from './catalogue.ts';
import type { DatasetMeta, Format } from './formats.ts';

const FORMAT_LABELS: Record<Format, string> = { csv: 'CSV', xlsx: 'XLSX', json: 'JSON', geojson: 'GeoJSON' };

export function CataloguePage(props: { ctx: PageContext; datasets: DatasetMeta[] }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      meta={{
        title: t('opendata.title'),
        description: t('opendata.description'),
        canonicalPath: CATALOGUE_PATH,
        breadcrumbs: [{ href: '/', label: t('home.nav') }, { label: t('opendata.title') }],
      }}
    >
      <h1>{t('opendata.title')}</h1>
      <p class="lead">{t('opendata.intro')}</p>
      <p>
        <a href={`${CATALOGUE_PATH}/${ZIP_NAME}`} download>
          {t('opendata.zip', { count: props.datasets.length })}
        </a>
        {' · '}
        <a href="/api/v1/datasets">{t('opendata.api')}</a>
      </p>
      <Table
        caption={t('opendata.caption')}
        rows={props.datasets}
        rowKey={(d) => d.id}
        columns={[
          {
            header: t('opendata.col.dataset'),
            cell: (d) => (
              <div id={d.id}>
                <strong>{d.title}</strong>
                <p>{d.description}</p>
              </div>
            ),
          },
          {
            header: t('opendata.col.licence'),
            cell: (d) =>
              d.licenceUrl ? (
                <a href={d.licenceUrl} rel="license noopener noreferrer external">
                  {d.licence}
                </a>
              ) : (
                d.licence
              ),
          },
          { header: t('opendata.col.source'), cell: (d) => d.source },
          {
            header: t('opendata.col.updated'),
            cell: (d) =>
              d.updatedAt ? formatDateTime(d.updatedAt) : <NoData ctx={ctx}>{t('opendata.never')}</NoData>,
          },
          {
            header: t('opendata.col.rows'),
            numeric: true,
            cell: (d) => formatNumber(ctx.locale, d.rowCount),
          },
          {
            header: t('opendata.col.download'),
            cell: (d) => (
              <ul class="chip-list">
                {(Object.keys(d.downloads) as Format[]).map((f) => (
                  <li key={f}>
                    <a
                      href={new URL(d.downloads[f]!).pathname}
                      download
                      aria-label={t('opendata.download', { title: d.title, format: FORMAT_LABELS[f] })}
                    >
                      {FORMAT_LABELS[f]}
                    </a>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Layout>
  );
}
