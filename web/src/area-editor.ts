import L from 'leaflet';
import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n.ts';
import { useLeafletMap } from './map.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

/** An existing area drawn in grey behind the one being edited. */
export interface ShownArea {
  id: string;
  name: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export type DrawMode = 'polygon' | 'circle' | 'none';

export interface AreaEditorProps {
  mode: DrawMode;
  areas: ShownArea[];
  /** Corners of the polygon being drawn, in click order. */
  vertices: LatLon[];
  isClosed: boolean;
  center: LatLon | null;
  radiusMeters: number;
  /** A click on the map: a new corner (polygon) or the centre (circle). */
  onMapClick: (point: LatLon) => void;
}

const drawColor = '#8a1c1c';
const areaColor = '#1d3b53';

/**
 * The map of the areas screen. Clicks add polygon corners or set a circle's centre; with no tile
 * server configured the map is a blank canvas that still takes clicks and shows the shapes, and the
 * form beside it accepts coordinates typed by hand.
 */
export function AreaEditorMap(props: AreaEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const areasLayer = useRef<L.LayerGroup | null>(null);
  const drawLayer = useRef<L.LayerGroup | null>(null);
  const onMapClick = useRef(props.onMapClick);
  onMapClick.current = props.onMapClick;
  const mode = useRef(props.mode);
  mode.current = props.mode;
  // Quick clicks place corners; they must not zoom the map as well.
  const map = useLeafletMap(container, { doubleClickZoom: false }, (created) => {
    areasLayer.current = L.layerGroup().addTo(created);
    drawLayer.current = L.layerGroup().addTo(created);
    created.on('click', (event: L.LeafletMouseEvent) => {
      if (mode.current === 'none') return;
      onMapClick.current({ lat: round(event.latlng.lat), lon: round(event.latlng.lng) });
    });
  });

  useEffect(() => {
    const group = areasLayer.current;
    const created = map.current;
    if (!group || !created) return;
    group.clearLayers();
    for (const area of props.areas) {
      L.geoJSON(area.geometry, { style: { color: areaColor, weight: 2, fillOpacity: 0.12 } })
        .bindTooltip(area.name)
        .addTo(group);
    }
    const bounds = L.featureGroup(group.getLayers()).getBounds();
    if (bounds.isValid()) created.fitBounds(bounds.pad(0.2), { maxZoom: 14, animate: false });
  }, [props.areas]);

  useEffect(() => {
    const group = drawLayer.current;
    if (!group) return;
    group.clearLayers();
    if (props.mode === 'polygon' && props.vertices.length > 0) {
      const points = props.vertices.map((vertex) => [vertex.lat, vertex.lon] as [number, number]);
      const style = { color: drawColor, weight: 3, fillOpacity: 0.2 };
      (props.isClosed ? L.polygon(points, style) : L.polyline(points, style)).addTo(group);
      for (const point of points) {
        L.circleMarker(point, { radius: 5, color: drawColor, fillOpacity: 1, interactive: false }).addTo(
          group,
        );
      }
    }
    if (props.mode === 'circle' && props.center) {
      const center: [number, number] = [props.center.lat, props.center.lon];
      L.circle(center, {
        radius: props.radiusMeters,
        color: drawColor,
        weight: 3,
        fillOpacity: 0.2,
        interactive: false,
      }).addTo(group);
      L.circleMarker(center, { radius: 5, color: drawColor, fillOpacity: 1, interactive: false }).addTo(
        group,
      );
    }
  }, [props.mode, props.vertices, props.isClosed, props.center, props.radiusMeters]);

  return h('div', {
    class: 'map area-map',
    ref: container,
    role: 'region',
    'aria-label': t(props.mode === 'none' ? 'adminAreas.overviewLabel' : 'adminAreas.mapLabel'),
    'data-draw-mode': props.mode,
  });
}

/** Six decimals are about 10 cm: enough for an area, and short in the audit-free definition. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The GeoJSON polygon of closed corners: [longitude, latitude] positions, first repeated last. */
export function polygonOf(vertices: LatLon[]): GeoJSON.Polygon {
  const ring = vertices.map((vertex) => [vertex.lon, vertex.lat]);
  const first = ring[0];
  return { type: 'Polygon', coordinates: [first ? [...ring, first] : ring] };
}

/** The corners of a stored polygon's outer ring (without the repeated last position). */
export function verticesOf(geojson: unknown): LatLon[] {
  const geometry = geojson as { type?: string; coordinates?: unknown } | null;
  const rings =
    geometry?.type === 'Polygon'
      ? (geometry.coordinates as number[][][])
      : geometry?.type === 'MultiPolygon'
        ? (geometry.coordinates as number[][][][])[0]
        : undefined;
  const ring = rings?.[0] ?? [];
  const positions = ring.slice(0, -1).filter((position) => position.length >= 2);
  return positions.map((position) => ({ lat: position[1]!, lon: position[0]! }));
}

/** "lat, lon" per line ⇄ corners, for people who type coordinates instead of clicking. */
export function verticesToText(vertices: LatLon[]): string {
  return vertices.map((vertex) => `${vertex.lat}, ${vertex.lon}`).join('\n');
}

export function verticesFromText(text: string): LatLon[] | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const vertices: LatLon[] = [];
  for (const line of lines) {
    const parts = line
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
    const [lat, lon] = parts;
    if (parts.length !== 2 || lat === undefined || lon === undefined) return null;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
    vertices.push({ lat, lon });
  }
  return vertices;
}
