// One dataset in each download format: CSV (UTF-8 with BOM), XLSX, JSON,
// GeoJSON; and every dataset in every format in one zip.
import { strToU8, zipSync } from 'fflate';
import { type Table, tablesToXlsx, tableToCsv } from '../indicators/spreadsheet.ts';
import type { Cell, DatasetData } from './datasets.ts';

export const FORMATS = ['csv', 'xlsx', 'json', 'geojson'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format | 'zip', string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  zip: 'application/zip',
};

/** What a client is told about a dataset (the catalogue entry). */
export type DatasetMeta = {
  id: string;
  title: string;
  description: string;
  licence: string;
  licenceUrl: string | null;
  source: string;
  updatedAt: string | null;
  rowCount: number;
  spatial: boolean;
  downloads: Partial<Record<Format, string>>;
};

const flat = (v: Cell): string | number | null => (typeof v === 'boolean' ? String(v) : v);

function table(id: string, d: DatasetData): Table {
  return { name: id, headers: d.columns, rows: d.rows.map((r) => d.columns.map((c) => flat(r[c] ?? null))) };
}

export function toCsv(id: string, d: DatasetData): string {
  return tableToCsv(table(id, d));
}

export function toXlsx(id: string, d: DatasetData): Promise<Buffer> {
  return tablesToXlsx([table(id, d)]);
}

export function toJson(meta: DatasetMeta, d: DatasetData): string {
  return JSON.stringify({ dataset: meta, rows: d.rows });
}

export function toGeoJson(meta: DatasetMeta, d: DatasetData): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    name: meta.id,
    features: d.rows.map((properties, i) => ({
      type: 'Feature',
      geometry: d.geometries?.[i] ?? null,
      properties,
    })),
  });
}

/** Every dataset in every format it has, with the catalogue as catalogue.json. */
export async function zipAll(entries: { meta: DatasetMeta; data: DatasetData }[]): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {
    'catalogue.json': strToU8(
      JSON.stringify(
        entries.map((e) => e.meta),
        null,
        2,
      ),
    ),
  };
  for (const { meta, data } of entries) {
    files[`${meta.id}.csv`] = strToU8(toCsv(meta.id, data));
    files[`${meta.id}.xlsx`] = new Uint8Array(await toXlsx(meta.id, data));
    files[`${meta.id}.json`] = strToU8(toJson(meta, data));
    if (meta.spatial) files[`${meta.id}.geojson`] = strToU8(toGeoJson(meta, data));
  }
  return zipSync(files, { level: 6 });
}
