import { t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { confirmOverride } from '../api/alerts.ts';
import type { PresentedAlert } from '../api/types.ts';

/**
 * An alert drafted from an incident nobody has verified: it says so in red, and a second
 * coordinator (never the drafter) confirms the override with a fresh second factor before anyone
 * may approve it. Once confirmed, it names who did.
 */
export function OverridePanel(props: {
  alert: PresentedAlert;
  nameOf: (memberId: string) => string;
  onChanged: () => Promise<void>;
}) {
  const { alert } = props;
  const session = useSession();
  const action = useAction();
  const stepUp = useStepUp({ hint: t('override.stepUpHint') });
  if (!alert.isOverride) return null;
  const confirm = async () => {
    const isDone = await action.succeeds(() => stepUp.run(() => confirmOverride(alert.id)), {
      done: 'override.confirmed',
    });
    if (isDone) await props.onChanged();
  };
  const mayConfirm =
    alert.state === 'draft' &&
    alert.overrideConfirmedBy === null &&
    alert.draftedBy !== session.memberId &&
    hasRole(session, 'coordinator');
  return (
    <section
      class="warning override-panel"
      aria-labelledby="override-title"
      data-override-confirmed={String(alert.overrideConfirmedBy !== null)}
    >
      <h2 id="override-title">{t('override.title')}</h2>
      <p>{t('override.explain')}</p>
      {alert.overrideConfirmedBy !== null ? (
        <p id="override-by">{t('override.confirmedBy', { name: props.nameOf(alert.overrideConfirmedBy) })}</p>
      ) : mayConfirm ? (
        <button
          type="button"
          class="button-danger"
          id="confirm-override"
          disabled={action.isBusy}
          onClick={() => void confirm()}
        >
          {t('override.confirm')}
        </button>
      ) : (
        <p class="hint">{t(alert.draftedBy === session.memberId ? 'override.notYou' : 'override.waiting')}</p>
      )}
      <Notice message={action.message} />
      {stepUp.dialog}
    </section>
  );
}
