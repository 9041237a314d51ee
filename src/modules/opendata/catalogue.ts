// The catalogue: each dataset's metadata (title, description, licence, source,
// last update, row count, download URLs) in the reader's language.
import type { DbOrTx } from '../../kernel/db/types.ts';
import type { Translate } from '../../kernel/i18n/index.ts';
import { todayInVietnam } from '../geo/queries.ts';
import { DATASETS, type DatasetData, type DatasetDef } from './datasets.ts';
import { type DatasetMeta, FORMATS } from './formats.ts';

export const CATALOGUE_PATH = '/du-lieu-mo';
export const ZIP_NAME = 'tat-ca.zip';

const LICENCE_URLS: Record<string, string> = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'ODbL-1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
};

export type CatalogueContext = { t: Translate; baseUrl: string; licence: string };

export const downloadPath = (id: string, format: string) => `${CATALOGUE_PATH}/${id}.${format}`;

export function metaOf(def: DatasetDef, d: DatasetData, ctx: CatalogueContext): DatasetMeta {
  const { t } = ctx;
  const formats = FORMATS.filter((f) => f !== 'geojson' || def.spatial);
  const publisher = def.licence === 'publisher';
  return {
    id: def.id,
    title: t(`opendata.ds.${def.id}.title`),
    description: t(`opendata.ds.${def.id}.description`),
    licence: publisher ? ctx.licence : t('opendata.licence.boundaries'),
    licenceUrl: publisher ? (LICENCE_URLS[ctx.licence] ?? null) : null,
    source: t(`opendata.ds.${def.id}.source`),
    updatedAt: d.updatedAt ? d.updatedAt.toISOString() : null,
    rowCount: d.rows.length,
    spatial: def.spatial,
    downloads: Object.fromEntries(formats.map((f) => [f, `${ctx.baseUrl}${downloadPath(def.id, f)}`])),
  };
}

export async function loadDataset(db: DbOrTx, def: DatasetDef, ctx: CatalogueContext) {
  const data = await def.load(db, { baseUrl: ctx.baseUrl, today: todayInVietnam() });
  return { meta: metaOf(def, data, ctx), data };
}

/** Every dataset, loaded (sequentially: one connection is enough and the pool is shared). */
export async function loadCatalogue(db: DbOrTx, ctx: CatalogueContext) {
  const out: Awaited<ReturnType<typeof loadDataset>>[] = [];
  for (const def of DATASETS) out.push(await loadDataset(db, def, ctx));
  return out;
}
