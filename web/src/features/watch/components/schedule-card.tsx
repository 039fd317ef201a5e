import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import type { Action } from '../../../lib/use-action.ts';
import { cancelWatchSignup, signUpForWatch, signupEventUrl } from '../api/watch.ts';
import type { ScheduleOccurrence, WatchRole } from '../api/types.ts';
import { AttendanceButtons } from './attendance-buttons.tsx';
import { CoverageBadge } from './coverage-badge.tsx';
import { occurrenceLabel } from './watch-format.ts';

/** One occurrence on a volunteer's phone: where, when, how covered, and sign up or cancel. */
export function ScheduleCard(props: {
  occurrence: ScheduleOccurrence;
  timeZone: string;
  action: Action;
  onChanged: () => void;
}) {
  const { occurrence } = props;
  const [role, setRole] = useState<WatchRole>(occurrence.roles[0] ?? 'observer');
  const key = `${occurrence.shiftId}-${occurrence.startsAt}`;
  const signUp = async () => {
    const body = { shiftId: occurrence.shiftId, startsAt: occurrence.startsAt, role };
    const answer = await props.action.run(() => signUpForWatch(body));
    if (answer) {
      props.action.setMessage(
        messageOf(answer.status === 'confirmed' ? 'watch.signedUp' : 'watch.waitlisted'),
      );
      props.onChanged();
    }
  };
  const cancel = async (signupId: string) => {
    if (await props.action.succeeds(() => cancelWatchSignup(signupId), { done: 'watch.cancelled' }))
      props.onChanged();
  };
  return (
    <li class="watch-occurrence" data-occurrence={key} data-site={occurrence.siteId}>
      <h2>{occurrence.siteName}</h2>
      <p>{occurrenceLabel(occurrence, props.timeZone)}</p>
      <p>
        <CoverageBadge
          status={occurrence.status}
          confirmed={occurrence.confirmed}
          minVolunteers={occurrence.minVolunteers}
        />
      </p>
      <AttendanceButtons occurrence={occurrence} action={props.action} onChanged={props.onChanged} />
      {occurrence.mine ? (
        <p class="watch-mine" data-mine={occurrence.mine.status}>
          {t(`watch.mine.${occurrence.mine.status}`, { role: t(`watch.role.${occurrence.mine.role}`) })}{' '}
          <button
            type="button"
            class="button secondary"
            disabled={props.action.isBusy}
            onClick={() => void cancel(occurrence.mine!.id)}
          >
            {t('watch.cancel')}
          </button>{' '}
          <a class="button secondary" href={signupEventUrl(occurrence.mine.id)} download="watch-shift.ics">
            {t('watch.addToCalendar')}
          </a>
        </p>
      ) : (
        <p class="watch-signup">
          <label for={`role-${key}`}>{t('watch.roleLabel')}</label>{' '}
          <select
            id={`role-${key}`}
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as WatchRole)}
          >
            {occurrence.roles.map((value) => (
              <option key={value} value={value}>
                {t(`watch.role.${value}`)}
              </option>
            ))}
          </select>{' '}
          <button type="button" class="button" disabled={props.action.isBusy} onClick={() => void signUp()}>
            {occurrence.confirmed >= occurrence.targetVolunteers
              ? t('watch.joinWaitlist')
              : t('watch.signUp')}
          </button>
        </p>
      )}
    </li>
  );
}
