import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import type { OwnResponderProfile } from '../api/types.ts';

/** How long before a shared location expires the responder is reminded (the push says the same). */
export const locationReminderMs = 10 * 60 * 1000;

/**
 * A banner when the shared location is about to expire (or has): dispatchers stop finding the
 * responder nearby once it does. The button shares the position again.
 */
export function LocationReminder(props: { profile: OwnResponderProfile; onShare: () => void }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const expiresAt = props.profile.location?.expiresAt;
  if (!props.profile.isOnCall || expiresAt === undefined || expiresAt - now > locationReminderMs) return null;
  const minutes = Math.max(0, Math.ceil((expiresAt - now) / 60_000));
  return (
    <div class="notice location-reminder" role="alert" id="location-reminder">
      <p>{minutes > 0 ? t('resilience.locationExpiring', { minutes }) : t('resilience.locationExpired')}</p>
      <button type="button" class="button" onClick={props.onShare}>
        {t('resilience.shareAgain')}
      </button>
    </div>
  );
}
