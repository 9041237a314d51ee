// The map's layers. Other modules (e.g. projects) add theirs with
// registerMapLayer; each layer is a GeoJSON URL of the app's own API and a
// table of the same features for people who cannot use the map.
/** One row of a layer's accessible table (the same features as the map draws). */
export type LayerRow = { id: string | number; name: string; url?: string; detail?: string };

export type MapLayer = {
  id: string;
  labelKey: string;
  url: string;
  kind: 'fill' | 'line' | 'circle';
  color: string;
  radius?: number;
  /** Shown at first. */
  defaultOn: boolean;
  /** Also drawn on the home page's small map. */
  home?: boolean;
  /** The public list page of the same features (the home map's list alternative). */
  listPath?: string;
  /** The layer's table rows, for a layer another module registers (the map page has no query of its own for it). */
  tableRows?: (locale: 'vi' | 'en') => Promise<LayerRow[]>;
};

const layers: MapLayer[] = [
  {
    id: 'province',
    home: true,
    labelKey: 'map.layer.province',
    url: '/api/v1/areas?level=province&current=true',
    kind: 'fill',
    color: '#1d4f91',
    defaultOn: true,
  },
  {
    id: 'districts',
    labelKey: 'map.layer.districts',
    url: '/api/v1/areas?level=district',
    kind: 'line',
    color: '#5b6b7f',
    defaultOn: false,
  },
  {
    id: 'communes',
    labelKey: 'map.layer.communes',
    url: '/api/v1/areas?level=commune&current=true',
    kind: 'circle',
    color: '#2e7d32',
    radius: 3.5,
    defaultOn: true,
  },
  {
    id: 'industrial_park',
    home: true,
    labelKey: 'plan.kind.industrial_park',
    listPath: '/khu-cong-nghiep',
    url: '/api/v1/zones?type=industrial_park',
    kind: 'circle',
    color: '#c62828',
    radius: 7,
    defaultOn: true,
  },
  {
    id: 'industrial_cluster',
    home: true,
    labelKey: 'plan.kind.industrial_cluster',
    listPath: '/cum-cong-nghiep',
    url: '/api/v1/zones?type=industrial_cluster',
    kind: 'circle',
    color: '#ef6c00',
    radius: 6,
    defaultOn: true,
  },
  {
    id: 'urban_area',
    home: true,
    labelKey: 'plan.kind.urban_area',
    listPath: '/do-thi',
    url: '/api/v1/zones?type=urban_area',
    kind: 'circle',
    color: '#6a1b9a',
    radius: 6,
    defaultOn: true,
  },
  {
    id: 'zone',
    labelKey: 'plan.kind.zone',
    listPath: '/khu-chuc-nang',
    url: '/api/v1/zones?type=zone',
    kind: 'circle',
    color: '#00838f',
    radius: 6,
    defaultOn: false,
  },
];

export function registerMapLayer(layer: MapLayer): void {
  if (!layers.some((l) => l.id === layer.id)) layers.push(layer);
}
export function mapLayers(): readonly MapLayer[] {
  return layers;
}
