import L from 'leaflet';
import type { Area, LatLon } from '../api/types.ts';

const drawColor = '#8a1c1c';
const areaColor = '#1d3b53';

/** The network's other areas in the map's colour, the view fitted around them. */
export function drawAreas(group: L.LayerGroup, map: L.Map, areas: Pick<Area, 'name' | 'geometry'>[]): void {
  group.clearLayers();
  for (const area of areas) {
    L.geoJSON(area.geometry, { style: { color: areaColor, weight: 2, fillOpacity: 0.12 } })
      .bindTooltip(area.name)
      .addTo(group);
  }
  const bounds = L.featureGroup(group.getLayers()).getBounds();
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.2), { maxZoom: 14, animate: false });
}

function corner(group: L.LayerGroup, point: [number, number]): void {
  L.circleMarker(point, { radius: 5, color: drawColor, fillOpacity: 1, interactive: false }).addTo(group);
}

/** The polygon being drawn: a line until it is closed, its corners as dots. */
export function drawPolygon(group: L.LayerGroup, vertices: LatLon[], isClosed: boolean): void {
  const points = vertices.map((vertex) => [vertex.lat, vertex.lon] as [number, number]);
  const style = { color: drawColor, weight: 3, fillOpacity: 0.2 };
  (isClosed ? L.polygon(points, style) : L.polyline(points, style)).addTo(group);
  for (const point of points) corner(group, point);
}

export function drawCircle(group: L.LayerGroup, center: LatLon, radiusMeters: number): void {
  const point: [number, number] = [center.lat, center.lon];
  L.circle(point, {
    radius: radiusMeters,
    color: drawColor,
    weight: 3,
    fillOpacity: 0.2,
    interactive: false,
  }).addTo(group);
  corner(group, point);
}
