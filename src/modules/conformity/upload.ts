// Turns an uploaded file (GeoJSON, KML, zipped Shapefile) into GeoJSON. A zip
// is inspected before anything is extracted: number of entries, total
// uncompressed size, and names that would escape the folder are refused.

import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { parseZip } from 'shpjs';
import { GeometryProblem } from './geometry.ts';

export const MAX_ZIP_ENTRIES = 50;
export const MAX_ZIP_UNCOMPRESSED = 50 * 1024 * 1024;

export type UploadFormat = 'geojson' | 'kml' | 'shapefile';

export type ReadUpload = {
  format: UploadFormat;
  geojson: unknown;
  /** True when the file carried its own projection (.prj) and was already converted to WGS84. */
  reprojected: boolean;
};

export function formatOf(filename: string, bytes: Uint8Array): UploadFormat | null {
  const name = filename.toLowerCase();
  if (name.endsWith('.zip') || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return 'shapefile';
  if (name.endsWith('.kml')) return 'kml';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  const head = new TextDecoder().decode(bytes.subarray(0, 200)).trimStart();
  if (head.startsWith('<')) return 'kml';
  if (head.startsWith('{')) return 'geojson';
  return null;
}

function unsafeEntryName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split(/[\\/]/).some((part) => part === '..')
  );
}

/** Looks at the zip's directory without extracting anything; throws on a bomb or a path escape. */
export function inspectZip(bytes: Uint8Array): { names: string[] } {
  const names: string[] = [];
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        total += file.originalSize;
        if (unsafeEntryName(file.name))
          throw new GeometryProblem('conformity.upload.zipPath', { name: file.name });
        if (names.length > MAX_ZIP_ENTRIES) {
          throw new GeometryProblem('conformity.upload.zipEntries', { max: MAX_ZIP_ENTRIES });
        }
        if (total > MAX_ZIP_UNCOMPRESSED) {
          throw new GeometryProblem('conformity.upload.zipSize', { max: MAX_ZIP_UNCOMPRESSED / 1024 / 1024 });
        }
        return false;
      },
    });
  } catch (error) {
    if (error instanceof GeometryProblem) throw error;
    throw new GeometryProblem('conformity.upload.zipBroken');
  }
  return { names };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GeometryProblem('conformity.upload.badJson');
  }
}

export async function readUpload(filename: string, bytes: Uint8Array): Promise<ReadUpload> {
  const format = formatOf(filename, bytes);
  if (!format) throw new GeometryProblem('conformity.upload.unknownFormat');
  if (format === 'geojson') {
    return { format, geojson: parseJson(new TextDecoder().decode(bytes)), reprojected: false };
  }
  if (format === 'kml') {
    const text = new TextDecoder().decode(bytes);
    let doc: unknown;
    const errors: string[] = [];
    try {
      doc = new DOMParser({
        onError: (level, msg) => level !== 'warning' && errors.push(msg),
      }).parseFromString(text, 'text/xml');
    } catch {
      throw new GeometryProblem('conformity.upload.badKml');
    }
    if (errors.length) throw new GeometryProblem('conformity.upload.badKml');
    // KML coordinates are always WGS84 lon,lat (OGC KML 2.2).
    return { format, geojson: kml(doc as Parameters<typeof kml>[0]), reprojected: false };
  }
  const { names } = inspectZip(bytes);
  if (!names.some((n) => n.toLowerCase().endsWith('.shp')))
    throw new GeometryProblem('conformity.upload.noShp');
  const hasPrj = names.some((n) => n.toLowerCase().endsWith('.prj'));
  let geojson: unknown;
  try {
    geojson = await parseZip(bytes);
  } catch {
    throw new GeometryProblem('conformity.upload.badShapefile');
  }
  if (Array.isArray(geojson)) {
    geojson = { type: 'FeatureCollection', features: geojson.flatMap((fc) => fc.features ?? []) };
  }
  return { format, geojson, reprojected: hasPrj };
}
