import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { useLeafletMap } from '../../../lib/map/use-leaflet-map.ts';
import type { Area, LatLon } from '../api/types.ts';
import { roundCoordinate } from '../area-geometry.ts';
import { drawAreas, drawCircle, drawPolygon } from './area-map-layers.ts';

export type DrawMode = 'polygon' | 'circle' | 'none';

export interface AreaEditorProps {
  mode: DrawMode;
  /** Existing areas, drawn behind the one being edited. */
  areas: Pick<Area, 'id' | 'name' | 'geometry'>[];
  /** Corners of the polygon being drawn, in click order. */
  vertices: LatLon[];
  isClosed: boolean;
  center: LatLon | null;
  radiusMeters: number;
  /** A click on the map: a new corner (polygon) or the centre (circle). */
  onMapClick: (point: LatLon) => void;
}

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
      onMapClick.current({ lat: roundCoordinate(event.latlng.lat), lon: roundCoordinate(event.latlng.lng) });
    });
  });

  useEffect(() => {
    if (areasLayer.current && map.current) drawAreas(areasLayer.current, map.current, props.areas);
  }, [props.areas]);

  useEffect(() => {
    const group = drawLayer.current;
    if (!group) return;
    group.clearLayers();
    if (props.mode === 'polygon' && props.vertices.length > 0)
      drawPolygon(group, props.vertices, props.isClosed);
    if (props.mode === 'circle' && props.center) drawCircle(group, props.center, props.radiusMeters);
  }, [props.mode, props.vertices, props.isClosed, props.center, props.radiusMeters]);

  return (
    <div
      class="map area-map"
      ref={container}
      role="region"
      aria-label={t(props.mode === 'none' ? 'adminAreas.overviewLabel' : 'adminAreas.mapLabel')}
      data-draw-mode={props.mode}
    />
  );
}
