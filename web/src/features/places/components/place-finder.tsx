import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { locatePlace } from '../api/gazetteer.ts';
import type { LocateAnswer } from '../api/types.ts';

/** Try the lists: type a place the way a reporter would and see where Amparo puts it. */
export function PlaceFinder() {
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<LocateAnswer | null>(null);
  const action = useAction();

  const find = async (event: Event) => {
    event.preventDefault();
    setAnswer(null);
    const found = await action.run(() => locatePlace(text));
    if (found) setAnswer(found);
  };
  const found = answer?.found;

  return (
    <section class="place-finder" aria-labelledby="place-finder-title">
      <h2 id="place-finder-title">{t('places.finder.title')}</h2>
      <form onSubmit={(event) => void find(event)}>
        <label for="place-finder-text">{t('places.finder.label')}</label>
        <input
          id="place-finder-text"
          type="text"
          value={text}
          maxLength={200}
          required
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={action.isBusy}>
          {t('places.finder.find')}
        </button>
      </form>
      <Notice message={action.message} />
      {answer ? (
        <p id="place-finder-result" role="status">
          {found
            ? t('places.finder.found', {
                kind: t(`places.kind.${found.kind}`),
                label: found.label,
                lat: found.lat.toFixed(5),
                lon: found.lon.toFixed(5),
                radius: found.radiusMeters,
              })
            : t('places.finder.notFound')}
        </p>
      ) : null}
    </section>
  );
}
