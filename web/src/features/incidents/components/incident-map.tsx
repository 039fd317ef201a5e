import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { useLeafletMap } from '../../../lib/map/use-leaflet-map.ts';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  isSelected?: boolean;
}

function drawPoints(group: L.LayerGroup, points: MapPoint[], onSelect: (id: string) => void): void {
  group.clearLayers();
  for (const point of points) {
    L.circleMarker([point.lat, point.lon], {
      radius: point.isSelected ? 11 : 8,
      color: point.isSelected ? '#8a1c1c' : '#1d3b53',
      weight: 2,
      fillOpacity: 0.6,
    })
      .bindTooltip(point.label)
      .on('click', () => onSelect(point.id))
      .addTo(group);
  }
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
    drawPoints(group, props.points, (id) => onSelect.current?.(id));
    if (props.points.length > 0) {
      const bounds = L.latLngBounds(props.points.map((point) => [point.lat, point.lon] as [number, number]));
      created.fitBounds(bounds.pad(0.3), { maxZoom: 14, animate: false });
    }
  }, [props.points]);

  return <div class="map" ref={container} role="region" aria-label={t('map.label')} />;
}
