import { t } from '../../../lib/i18n.ts';
import type { Action } from '../../../lib/use-action.ts';
import { skipWatchShiftDate } from '../api/watch.ts';
import type { CoverageAnswer, CoverageOccurrence } from '../api/types.ts';
import { CoverageBadge } from './coverage-badge.tsx';
import { occurrenceLabel } from './watch-format.ts';

function localDateOf(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function Row(props: {
  occurrence: CoverageOccurrence;
  timeZone: string;
  action: Action;
  onChanged: () => void;
}) {
  const { occurrence } = props;
  const skip = async () => {
    const date = localDateOf(occurrence.startsAt, props.timeZone);
    const done = await props.action.succeeds(() => skipWatchShiftDate(occurrence.shiftId, date), {
      done: 'watch.dateSkipped',
    });
    if (done) props.onChanged();
  };
  return (
    <tr data-occurrence={`${occurrence.shiftId}-${occurrence.startsAt}`} data-status={occurrence.status}>
      <th scope="row">{occurrenceLabel(occurrence, props.timeZone)}</th>
      <td>
        <CoverageBadge
          status={occurrence.status}
          confirmed={occurrence.confirmed}
          minVolunteers={occurrence.minVolunteers}
        />
        {occurrence.waitlisted > 0 ? ` · ${t('watch.waitlistCount', { count: occurrence.waitlisted })}` : ''}
      </td>
      <td>
        {occurrence.signups.length === 0
          ? '—'
          : occurrence.signups
              .map(
                (signup) =>
                  `${signup.name} (${t(`watch.role.${signup.role}`)}${signup.status === 'waitlisted' ? `, ${t('watch.waitlistedShort')}` : ''})`,
              )
              .join(', ')}
      </td>
      <td>
        <button
          type="button"
          class="button secondary"
          disabled={props.action.isBusy}
          onClick={() => void skip()}
        >
          {t('watch.skipDate')}
        </button>
      </td>
    </tr>
  );
}

/** One site's week: each occurrence covered, short or empty, and who signed up. */
export function CoverageTable(props: { answer: CoverageAnswer; action: Action; onChanged: () => void }) {
  const { answer } = props;
  if (answer.occurrences.length === 0) return <p id="watch-week-empty">{t('watch.noShiftsThisWeek')}</p>;
  return (
    <table class="coverage" id="watch-week">
      <caption>{t('watch.weekCaption', { timeZone: answer.timeZone })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('watch.when')}</th>
          <th scope="col">{t('watch.coverage')}</th>
          <th scope="col">{t('watch.who')}</th>
          <th scope="col">{t('watch.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {answer.occurrences.map((occurrence) => (
          <Row
            key={`${occurrence.shiftId}-${occurrence.startsAt}`}
            occurrence={occurrence}
            timeZone={answer.timeZone}
            action={props.action}
            onChanged={props.onChanged}
          />
        ))}
      </tbody>
    </table>
  );
}
