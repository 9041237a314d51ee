// The map's layers. Other modules (e.g. projects) add theirs with
// registerMapLayer; each layer is a GeoJSON URL of the app's own API and a
// table of the same features for people who cannot use the map.
export type MapLayer = {
  id: string;
  labelKey: string;
  url: string;
  kind: 'fill' | 'line' | 'circle';
  color: string;
  radius?: number;
  /** Shown at first. */
  defaultOn: boolean;
};

const layers: MapLayer[] = [
  {
    id: 'province',
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
    labelKey: 'plan.kind.industrial_park',
    url: '/api/v1/zones?type=industrial_park',
    kind: 'circle',
    color: '#c62828',
    radius: 7,
    defaultOn: true,
  },
  {
    id: 'industrial_cluster',
    labelKey: 'plan.kind.industrial_cluster',
    url: '/api/v1/zones?type=industrial_cluster',
    kind: 'circle',
    color: '#ef6c00',
    radius: 6,
    defaultOn: true,
  },
  {
    id: 'urban_area',
    labelKey: 'plan.kind.urban_area',
    url: '/api/v1/zones?type=urban_area',
    kind: 'circle',
    color: '#6a1b9a',
    radius: 6,
    defaultOn: true,
  },
  {
    id: 'zone',
    labelKey: 'plan.kind.zone',
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
