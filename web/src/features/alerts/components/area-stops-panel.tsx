import { t } from '../../../lib/i18n.ts';
import type { AreaStop } from '../api/types.ts';
import { AreaStopItem } from './area-stop-item.tsx';

/** Area stops grouped by the retraction that made them (one review lifts them together). */
function byRetraction(stops: readonly AreaStop[]): AreaStop[][] {
  const groups = new Map<string, AreaStop[]>();
  for (const stop of stops) groups.set(stop.retractionId, [...(groups.get(stop.retractionId) ?? []), stop]);
  return [...groups.values()];
}

/** Every area a retraction stopped and no second coordinator has reviewed yet. */
export function AreaStopsPanel(props: {
  stops: AreaStop[];
  nameOf: (memberId: string) => string;
  onReviewed: () => Promise<void>;
}) {
  if (props.stops.length === 0) return null;
  return (
    <section class="area-stops" aria-labelledby="area-stops-title" id="area-stops">
      <h2 id="area-stops-title">{t('areaStops.title')}</h2>
      <p class="hint">{t('areaStops.intro')}</p>
      <ul>
        {byRetraction(props.stops).map((stops) => (
          <AreaStopItem
            key={stops[0]!.retractionId}
            stops={stops}
            nameOf={props.nameOf}
            onReviewed={props.onReviewed}
          />
        ))}
      </ul>
    </section>
  );
}
