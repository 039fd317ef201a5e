import { t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { approveAlert } from '../api/alerts.ts';
import type { AlertPreview } from '../api/types.ts';
import { shortHash } from '../kind-label.ts';
import { RerenderControl } from './rerender-control.tsx';

/** Why this member cannot approve the draft, or null when they may. */
function reasonNotToApprove(preview: AlertPreview, memberId: string, isCoordinator: boolean): string | null {
  const { alert, content } = preview;
  if (alert.draftedBy === memberId) return 'alerts.needsOtherApprover';
  if (alert.renderedBy === memberId) return 'approval.renderedByYou';
  if (!isCoordinator) return 'approval.coordinatorsOnly';
  if (!content) return 'approval.needsRerender';
  return null;
}

/**
 * Approval by a different coordinator, after a fresh second factor, of exactly the texts shown:
 * the approval names their fingerprint, and a re-render meanwhile makes the server refuse it
 * (ALERT_CONTENT_CHANGED); the screen then shows the new texts to read. The drafter may re-render.
 */
export function ApprovalPanel(props: { preview: AlertPreview; onChanged: () => Promise<void> }) {
  const session = useSession();
  const { alert, content } = props.preview;
  const approval = useAction();
  const stepUp = useStepUp({ hint: t('alerts.stepUpHint'), confirmLabel: t('alerts.confirmApprove') });
  const approve = async (contentHash: string) => {
    await approval.run(() => stepUp.run(() => approveAlert(alert.id, contentHash)), {
      done: 'alerts.approved',
    });
    await props.onChanged();
  };
  const isDraft = alert.state === 'draft';
  const reason = isDraft
    ? reasonNotToApprove(props.preview, session.memberId, hasRole(session, 'coordinator'))
    : null;
  return (
    <div class="approval">
      <Notice message={approval.message} id="approval-notice" />
      {!isDraft ? null : reason || !content ? (
        <p class="hint">{t(reason ?? 'approval.needsRerender')}</p>
      ) : (
        <div class="actions">
          <p class="hint" id="approve-hint">
            {t('frozen.approveHint', { hash: shortHash(content.hash) })}
          </p>
          <button
            type="button"
            class="button"
            id="approve-alert"
            aria-describedby="approve-hint"
            disabled={approval.isBusy}
            onClick={() => void approve(content.hash)}
          >
            {t('alerts.approve')}
          </button>
        </div>
      )}
      {isDraft && alert.draftedBy === session.memberId ? (
        <RerenderControl alertId={alert.id} onRerendered={props.onChanged} />
      ) : null}
      {stepUp.dialog}
    </div>
  );
}
