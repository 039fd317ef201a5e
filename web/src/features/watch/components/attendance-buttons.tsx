import { formatTime, t } from '../../../lib/i18n.ts';
import type { Action } from '../../../lib/use-action.ts';
import { checkInOrOut } from '../api/watch.ts';
import type { ScheduleOccurrence } from '../api/types.ts';

const opensBeforeMs = 30 * 60 * 1000;
const closesAfterMs = 2 * 60 * 60 * 1000;

/** Check in on arrival and out on leaving (the server keeps times only, never a location). */
export function AttendanceButtons(props: {
  occurrence: ScheduleOccurrence;
  action: Action;
  onChanged: () => void;
}) {
  const { occurrence } = props;
  const mine = occurrence.mine;
  if (!mine || mine.status !== 'confirmed') return null;
  const now = Date.now();
  const isOpen = now >= occurrence.startsAt - opensBeforeMs && now <= occurrence.endsAt + closesAfterMs;
  const press = async (kind: 'in' | 'out') => {
    const done = kind === 'in' ? 'watch.checkedIn' : 'watch.checkedOut';
    if (await props.action.succeeds(() => checkInOrOut(mine.id, kind), { done })) props.onChanged();
  };
  return (
    <p
      class="watch-attendance"
      data-checked-in={String(mine.checkedInAt !== null)}
      data-checked-out={String(mine.checkedOutAt !== null)}
    >
      {mine.checkedInAt !== null ? t('watch.checkedInAt', { time: formatTime(mine.checkedInAt) }) : null}{' '}
      {mine.checkedOutAt !== null ? t('watch.checkedOutAt', { time: formatTime(mine.checkedOutAt) }) : null}{' '}
      {isOpen && mine.checkedInAt === null ? (
        <button type="button" class="button" disabled={props.action.isBusy} onClick={() => void press('in')}>
          {t('watch.checkIn')}
        </button>
      ) : null}
      {isOpen && mine.checkedInAt !== null && mine.checkedOutAt === null ? (
        <button type="button" class="button" disabled={props.action.isBusy} onClick={() => void press('out')}>
          {t('watch.checkOut')}
        </button>
      ) : null}
    </p>
  );
}
