import { t } from '../../../lib/i18n.ts';
import type { WatchOccurrence } from '../api/types.ts';
import { CoverageBadge } from './coverage-badge.tsx';
import { occurrenceLabel } from './watch-format.ts';

/** The next 72 hours' short and empty shifts at every site the coordinator keeps. */
export function GapList(props: { gaps: WatchOccurrence[]; timeZone: string }) {
  return (
    <section aria-labelledby="watch-gaps-title" class="watch-gaps">
      <h2 id="watch-gaps-title">{t('watch.gapsTitle')}</h2>
      {props.gaps.length === 0 ? (
        <p id="watch-no-gaps">{t('watch.noGaps')}</p>
      ) : (
        <ul id="watch-gaps">
          {props.gaps.map((gap) => (
            <li
              key={`${gap.shiftId}-${gap.startsAt}`}
              data-occurrence={`${gap.shiftId}-${gap.startsAt}`}
              data-status={gap.status}
            >
              <strong>{gap.siteName}</strong> · {occurrenceLabel(gap, props.timeZone)} ·{' '}
              <CoverageBadge
                status={gap.status}
                confirmed={gap.confirmed}
                minVolunteers={gap.minVolunteers}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
