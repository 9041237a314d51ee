// The map page's enhancement: MapLibre over the app's own GeoJSON (province
// outline, pre-2025 districts, 2025 commune points, plan items and projects as
// points). No remote tiles or fonts: the style has no glyphs and draws no text.
// On the map page the view and the visible layers live in the URL hash
// (#map=zoom/lat/lng&layers=a,b) and follow the layer checkboxes. A compact map
// (data-compact, e.g. the home page's) shows the layers in data-on and leaves
// the URL alone; the home page loads this bundle only when its map is in view.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
// Built as /assets/client/maplibre-gl.css (the chunk shared with the conformity map).
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

type LayerDef = { id: string; url: string; kind: 'fill' | 'line' | 'circle'; color: string; radius?: number };

function readHash(): { zoom?: number; lat?: number; lng?: number; layers?: string[] } {
  const params = new URLSearchParams(location.hash.slice(1));
  const [z, lat, lng] = (params.get('map') ?? '').split('/').map(Number);
  const layers = params.get('layers');
  return {
    ...(Number.isFinite(z) && Number.isFinite(lat) && Number.isFinite(lng) ? { zoom: z, lat, lng } : {}),
    ...(layers !== null ? { layers: layers.split(',').filter(Boolean) } : {}),
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function start(container: HTMLElement): void {
  const defs = JSON.parse(container.dataset.layers ?? '[]') as LayerDef[];
  const compact = container.dataset.compact === 'true';
  const toggles = compact ? [] : [...document.querySelectorAll<HTMLInputElement>('input[name="layers"]')];
  const fixedOn = (container.dataset.on ?? '').split(',').filter(Boolean);
  const hash = compact ? {} : readHash();
  if (hash.layers) for (const t of toggles) t.checked = hash.layers.includes(t.value);
  if (!document.querySelector('link[href="/assets/client/maplibre-gl.css"]')) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/assets/client/maplibre-gl.css';
    document.head.append(css);
  }
  container.hidden = false;

  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }],
    },
    center: [hash.lng ?? 105.85, hash.lat ?? 22.0],
    zoom: hash.zoom ?? Number(container.dataset.zoom ?? 7.6),
    attributionControl: {
      compact: true,
      customAttribution:
        container.dataset.attribution ?? 'Ranh giới: dvhcvn (GPL-3.0), open-admin-data (CC-BY-4.0)',
    },
    cooperativeGestures: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));

  const visible = () => (compact ? fixedOn : toggles.filter((t) => t.checked).map((t) => t.value));
  const writeHash = () => {
    if (compact) return;
    const c = map.getCenter();
    const h = `map=${map.getZoom().toFixed(2)}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}&layers=${visible().join(',')}`;
    history.replaceState(null, '', `${location.pathname}${location.search}#${h}`);
  };
  const applyVisibility = () => {
    for (const d of defs) {
      if (map.getLayer(d.id))
        map.setLayoutProperty(d.id, 'visibility', visible().includes(d.id) ? 'visible' : 'none');
    }
    writeHash();
  };

  map.on('load', async () => {
    for (const d of defs) {
      const data = await (await fetch(d.url)).json();
      map.addSource(d.id, { type: 'geojson', data });
      if (d.kind === 'fill') {
        map.addLayer({
          id: d.id,
          type: 'fill',
          source: d.id,
          paint: { 'fill-color': d.color, 'fill-opacity': 0.12, 'fill-outline-color': d.color },
        });
        map.addLayer({
          id: `${d.id}-outline`,
          type: 'line',
          source: d.id,
          paint: { 'line-color': d.color, 'line-width': 2.5 },
        });
      } else if (d.kind === 'line') {
        map.addLayer({
          id: d.id,
          type: 'line',
          source: d.id,
          paint: { 'line-color': d.color, 'line-width': 1, 'line-dasharray': [2, 2] },
        });
      } else {
        map.addLayer({
          id: d.id,
          type: 'circle',
          source: d.id,
          paint: {
            'circle-color': d.color,
            'circle-radius': d.radius ?? 5,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1,
          },
        });
        map.on('click', d.id, (e) => {
          const f = e.features?.[0];
          if (!f) return;
          const p = f.properties as { name?: string; url?: string };
          const name = escapeHtml(String(p.name ?? ''));
          const html = p.url ? `<a href="${escapeHtml(String(p.url))}">${name}</a>` : name;
          new maplibregl.Popup().setLngLat(e.lngLat).setHTML(html).addTo(map);
        });
        map.on('mouseenter', d.id, () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', d.id, () => (map.getCanvas().style.cursor = ''));
      }
    }
    // Outlines follow their fill's toggle.
    for (const d of defs.filter((x) => x.kind === 'fill')) {
      const sync = () =>
        map.setLayoutProperty(`${d.id}-outline`, 'visibility', visible().includes(d.id) ? 'visible' : 'none');
      for (const t of toggles) t.addEventListener('change', sync);
      sync();
    }
    applyVisibility();
    map.once('idle', () => {
      // What the map drew, for tests and assistive summaries.
      for (const d of defs) {
        const layer = d.kind === 'fill' ? `${d.id}-outline` : d.id;
        container.dataset[`rendered_${d.id.replace(/-/g, '_')}`] = String(
          map.queryRenderedFeatures({ layers: [layer] }).length,
        );
      }
      container.dataset.state = 'ready';
    });
  });
  map.on('moveend', writeHash);
  for (const t of toggles) t.addEventListener('change', applyVisibility);
  (window as unknown as { qhMap: maplibregl.Map }).qhMap = map;
}

for (const el of document.querySelectorAll<HTMLElement>('[data-module="map"]')) {
  if (el.dataset.state === undefined) {
    el.dataset.state = 'loading';
    start(el);
  }
}
