import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { getGazetteer } from '../api/gazetteer.ts';
import { GazetteerImport } from '../components/gazetteer-import.tsx';
import { PlaceFinder } from '../components/place-finder.tsx';

/**
 * Admins keep the network's own gazetteer (named places) and street list, so typed places
 * ("18th & Blue Island", "esquina de la 18 con Paulina") are found without any geocoder.
 */
export function PlacesPage() {
  const gazetteer = useResource(getGazetteer, []);
  const view = gazetteer.data;
  const loadFailure = gazetteer.error ? errorMessageOf(gazetteer.error, 'places.loadFailed') : null;
  const reload = () => void gazetteer.reload();

  return (
    <section class="panel wide" aria-labelledby="places-title">
      <h1 id="places-title">{t('places.title')}</h1>
      <p class="hint">{t('places.intro')}</p>
      <Notice message={loadFailure} />
      {view ? (
        <p id="places-counts">
          {t('places.counts', {
            places: view.places.length,
            streets: view.streetNameCount,
            pieces: view.streetCount,
          })}
        </p>
      ) : null}
      <PlaceFinder />
      <GazetteerImport list="places" onImported={reload} />
      <GazetteerImport list="streets" onImported={reload} />
      {view && view.places.length > 0 ? (
        <table class="place-list">
          <caption>{t('places.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('places.name')}</th>
              <th scope="col">{t('places.kindColumn')}</th>
              <th scope="col">{t('places.point')}</th>
              <th scope="col">{t('places.radius')}</th>
            </tr>
          </thead>
          <tbody>
            {view.places.map((place) => (
              <tr key={place.id}>
                <td>{place.name}</td>
                <td>{t(`places.placeKind.${place.kind}`)}</td>
                <td>
                  {place.lat.toFixed(5)}, {place.lon.toFixed(5)}
                </td>
                <td>{t('places.meters', { count: place.radiusMeters })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
