// The conformity form's map: the app's own boundary layers (no remote tiles)
// and drawing a site by clicking its corners. The drawn polygon is written into
// the GeoJSON textarea, so the form posts exactly what a user without
// JavaScript would paste.
import { type GeoJSONSource, Map as MapLibreMap, type MapMouseEvent, NavigationControl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';

type Position = [number, number];

function setup(section: HTMLElement): void {
  const canvas = section.querySelector<HTMLElement>('[data-map-canvas]');
  const form = section.closest('form');
  const textarea = form?.querySelector<HTMLTextAreaElement>('textarea[name="geojson"]');
  const crs = form?.querySelector<HTMLSelectElement>('select[name="crs"]');
  if (!canvas || !textarea) return;
  // vite emits the imported MapLibre stylesheet next to this script.
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/assets/client/conformity-map.css';
  document.head.append(css);
  section.hidden = false;

  const map = new MapLibreMap({
    container: canvas,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f5f7' } }],
    },
    center: [105.95, 21.85],
    zoom: 7.6,
    attributionControl: false,
    doubleClickZoom: false,
  });
  map.addControl(new NavigationControl({ showCompass: false }));

  const vertices: Position[] = [];
  let closed = false;

  const drawing = () => {
    const features: GeoJSON.Feature[] = vertices.map((p) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: p },
    }));
    if (closed && vertices.length >= 3) {
      features.push({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [[...vertices, vertices[0]!]] },
      });
    } else if (vertices.length >= 2) {
      features.push({
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: vertices },
      });
    }
    return { type: 'FeatureCollection' as const, features };
  };
  const redraw = () => (map.getSource('drawing') as GeoJSONSource | undefined)?.setData(drawing());

  const close = () => {
    if (vertices.length < 3) return;
    closed = true;
    const polygon = { type: 'Polygon', coordinates: [[...vertices, vertices[0]!]] };
    textarea.value = JSON.stringify(polygon);
    if (crs) crs.value = 'wgs84';
    redraw();
  };

  map.on('load', async () => {
    map.addSource('drawing', { type: 'geojson', data: drawing() });
    try {
      const res = await fetch('/api/v1/conformity/map-layers', { credentials: 'same-origin' });
      if (res.ok) {
        map.addSource('plan', { type: 'geojson', data: await res.json() });
        map.addLayer({
          id: 'plan-fill',
          type: 'fill',
          source: 'plan',
          filter: ['==', ['geometry-type'], 'Polygon'],
          paint: {
            'fill-color': ['match', ['get', 'layerType'], 'admin_units_old', '#e6f0fa', '#fff3d6'],
            'fill-opacity': 0.5,
          },
        });
        map.addLayer({
          id: 'plan-line',
          type: 'line',
          source: 'plan',
          filter: ['!=', ['geometry-type'], 'Point'],
          paint: { 'line-color': '#0b4f8a', 'line-width': 1 },
        });
        map.addLayer({
          id: 'plan-points',
          type: 'circle',
          source: 'plan',
          filter: ['==', ['geometry-type'], 'Point'],
          paint: { 'circle-radius': 3, 'circle-color': '#505a64' },
        });
      }
    } catch {
      // The boundaries are a help for drawing; the form works without them.
    }
    map.addLayer({
      id: 'drawing-fill',
      type: 'fill',
      source: 'drawing',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#a4161a', 'fill-opacity': 0.3 },
    });
    map.addLayer({
      id: 'drawing-line',
      type: 'line',
      source: 'drawing',
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': '#a4161a', 'line-width': 2 },
    });
    map.addLayer({
      id: 'drawing-points',
      type: 'circle',
      source: 'drawing',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 5, 'circle-color': '#a4161a' },
    });
    section.dataset.ready = 'true';
  });

  map.on('click', (e: MapMouseEvent) => {
    if (closed) return;
    const first = vertices[0];
    if (first && vertices.length >= 3) {
      const p = map.project(first);
      if (Math.hypot(p.x - e.point.x, p.y - e.point.y) < 10) {
        close();
        return;
      }
    }
    vertices.push([Math.round(e.lngLat.lng * 1e6) / 1e6, Math.round(e.lngLat.lat * 1e6) / 1e6]);
    redraw();
  });

  const buttons = document.createElement('div');
  buttons.className = 'button-group';
  const button = (label: string, onClick: () => void, secondary = false) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = secondary ? 'button button--secondary' : 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    buttons.append(b);
  };
  button(canvas.dataset.labelClose ?? 'Close', close);
  button(
    canvas.dataset.labelClear ?? 'Clear',
    () => {
      vertices.length = 0;
      closed = false;
      textarea.value = '';
      redraw();
    },
    true,
  );
  section.append(buttons);
}

for (const section of document.querySelectorAll<HTMLElement>('[data-conformity-map]')) setup(section);
