import L from 'leaflet';
import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import { get } from './api.ts';
import { t } from './i18n.ts';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  isSelected?: boolean;
}

let tileUrlPromise: Promise<string | null> | null = null;

/** The self-hosted tile URL from the server's settings; null means a blank map (no tiles). */
export function tileUrl(): Promise<string | null> {
  tileUrlPromise ??= get<{ mapTileUrl: string | null }>('/app/settings')
    .then((settings) => settings.mapTileUrl)
    .catch(() => null);
  return tileUrlPromise;
}

/**
 * A Leaflet map in `container` for the lifetime of the component, on the default view, with the
 * self-hosted tiles once their URL is known. `setUp` adds the component's layers and handlers.
 */
export function useLeafletMap(
  container: RefObject<HTMLDivElement>,
  options: L.MapOptions,
  setUp: (map: L.Map) => void,
): RefObject<L.Map | null> {
  const map = useRef<L.Map | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const created = L.map(container.current, {
      attributionControl: false,
      // Animations outlive a quick page change and then touch a removed map.
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
      ...options,
    });
    created.setView([41.85, -87.65], 11);
    setUp(created);
    map.current = created;
    void tileUrl().then((url) => {
      if (url && map.current === created) L.tileLayer(url, { maxZoom: 18 }).addTo(created);
    });
    return () => {
      created.remove();
      map.current = null;
    };
  }, []);
  return map;
}

/**
 * Incidents as circles on a Leaflet map. With no tiles configured the map is a blank canvas that
 * still shows where incidents are relative to each other; the list beside it stays the main tool.
 */
export function IncidentMap(props: { points: MapPoint[]; onSelect?: (id: string) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  const map = useLeafletMap(container, { zoomControl: true }, (created) => {
    layer.current = L.layerGroup().addTo(created);
  });

  useEffect(() => {
    const group = layer.current;
    const created = map.current;
    if (!group || !created) return;
    group.clearLayers();
    for (const point of props.points) {
      L.circleMarker([point.lat, point.lon], {
        radius: point.isSelected ? 11 : 8,
        color: point.isSelected ? '#8a1c1c' : '#1d3b53',
        weight: 2,
        fillOpacity: 0.6,
      })
        .bindTooltip(point.label)
        .on('click', () => onSelect.current?.(point.id))
        .addTo(group);
    }
    if (props.points.length > 0) {
      const bounds = L.latLngBounds(props.points.map((point) => [point.lat, point.lon] as [number, number]));
      created.fitBounds(bounds.pad(0.3), { maxZoom: 14, animate: false });
    }
  }, [props.points]);

  return h('div', { class: 'map', ref: container, role: 'region', 'aria-label': t('map.label') });
}
