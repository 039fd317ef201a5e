import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { WebAppSettings } from '../../../../server/modules/system/webapp/webapp.contract.ts';
import { get } from '../api.ts';

let tileUrlPromise: Promise<string | null> | null = null;

/** The self-hosted tile URL from the server's settings; null means a blank map (no tiles). */
export function tileUrl(): Promise<string | null> {
  tileUrlPromise ??= get<WebAppSettings>('/app/settings')
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
