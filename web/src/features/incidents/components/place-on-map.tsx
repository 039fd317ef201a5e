import L from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useLeafletMap } from '../../../lib/map/use-leaflet-map.ts';
import { useAction } from '../../../lib/use-action.ts';
import { placeIncident } from '../api/incidents.ts';
import type { PlacedIncident, PresentedIncident } from '../api/types.ts';

const roundTo5 = (value: number) => Math.round(value * 1e5) / 1e5;

/**
 * An incident whose place is unclear (only a ZIP, a long street, or words nobody could place):
 * the dispatcher clicks where it is on the map, or types the coordinates, and it is placed at once.
 * The map shows what is known now as a circle of its uncertainty.
 */
export function PlaceOnMap(props: {
  incident: PresentedIncident;
  onPlaced: (placed: PlacedIncident) => void;
}) {
  const { incident } = props;
  const container = useRef<HTMLDivElement>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const action = useAction();
  const place = async (point: { lat: number; lon: number }) => {
    const placed = await action.run(() => placeIncident(incident.id, point));
    // The page says it: this panel goes away once the incident is placed.
    if (placed) props.onPlaced(placed);
  };
  const placeRef = useRef(place);
  placeRef.current = place;
  const map = useLeafletMap(container, { doubleClickZoom: false }, (created) => {
    layer.current = L.layerGroup().addTo(created);
    created.on('click', (event: L.LeafletMouseEvent) => {
      void placeRef.current({ lat: roundTo5(event.latlng.lat), lon: roundTo5(event.latlng.lng) });
    });
  });

  useEffect(() => {
    const group = layer.current;
    const created = map.current;
    const location = incident.location;
    if (!group || !created || !location) return;
    group.clearLayers();
    const circle = L.circle([location.lat, location.lon], {
      radius: location.radiusMeters ?? 1000,
      color: '#8a5a00',
      weight: 2,
      dashArray: '6 4',
      fillOpacity: 0.08,
      interactive: false,
    }).addTo(group);
    created.fitBounds(circle.getBounds(), { animate: false });
  }, [incident.location]);

  const submit = (event: Event) => {
    event.preventDefault();
    void place({ lat: Number(lat), lon: Number(lon) });
  };

  return (
    <section class="place-on-map" aria-labelledby="place-on-map-title">
      <h2 id="place-on-map-title">{t('placement.title')}</h2>
      <p class="hint" id="place-on-map-hint">
        {incident.location
          ? t('placement.hintKnown', { radius: incident.location.radiusMeters ?? '?' })
          : t('placement.hintUnknown')}
      </p>
      <div class="map placement-map" ref={container} role="region" aria-label={t('placement.mapLabel')} />
      <form class="placement-form" onSubmit={submit}>
        <label for="placement-lat">{t('placement.lat')}</label>
        <input
          id="placement-lat"
          type="number"
          step="any"
          min={-90}
          max={90}
          required
          value={lat}
          onInput={(event) => setLat(event.currentTarget.value)}
        />
        <label for="placement-lon">{t('placement.lon')}</label>
        <input
          id="placement-lon"
          type="number"
          step="any"
          min={-180}
          max={180}
          required
          value={lon}
          onInput={(event) => setLon(event.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={action.isBusy}>
          {t('placement.submit')}
        </button>
      </form>
      <Notice message={action.message} />
    </section>
  );
}
