// shpjs ships no types; only the function used here is declared.
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  export function parseZip(buffer: Uint8Array): Promise<FeatureCollection | FeatureCollection[]>;
}
