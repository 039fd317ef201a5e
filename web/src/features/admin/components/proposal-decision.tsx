import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { useSession } from '../../auth/session.ts';
import { approveProposal, rejectProposal } from '../api/proposals.ts';
import type { PresentedProposal } from '../api/types.ts';

type Decision = 'approve' | 'reject';

/**
 * Approve (a different network-wide coordinator, after a fresh second factor) or reject a pending
 * change, each behind a confirmation that says what follows. The proposer gets no approve button
 * (the server refuses it too) but may withdraw the proposal.
 */
export function ProposalDecision(props: {
  proposal: PresentedProposal;
  onDecided: (decision: Decision) => void;
}) {
  const session = useSession();
  const { proposal } = props;
  const [confirming, setConfirming] = useState<Decision | null>(null);
  const action = useAction();
  const stepUp = useStepUp({ hint: t('proposal.stepUpHint'), confirmLabel: t('proposal.confirmApprove') });
  const isProposer = proposal.proposedBy === session.memberId;
  // The server's template approvers: a coordinator for the whole network.
  const mayApprove =
    !isProposer && session.roles.some((grant) => grant.role === 'coordinator' && grant.areaId === null);
  const decide = async (decision: Decision) => {
    setConfirming(null);
    const call =
      decision === 'approve' ? () => approveProposal(proposal.id) : () => rejectProposal(proposal.id);
    const isDone = await action.succeeds(() => stepUp.run(call));
    if (isDone) props.onDecided(decision);
  };
  if (proposal.state !== 'pending') return null;
  const rejectLabel = isProposer ? 'proposal.withdraw' : 'proposal.reject';
  return (
    <div class="proposal-decision">
      {isProposer ? <p class="hint">{t('proposal.ownProposal')}</p> : null}
      {!isProposer && !mayApprove ? <p class="hint">{t('proposal.approversOnly')}</p> : null}
      <ErrorText message={action.message} />
      {confirming ? (
        <div class="confirm" role="group" aria-labelledby="decision-question">
          <p id="decision-question">
            {t(confirming === 'approve' ? 'proposal.approveQuestion' : 'proposal.rejectQuestion')}
          </p>
          <button
            type="button"
            class={confirming === 'approve' ? 'button' : 'button-danger'}
            id={`confirm-${confirming}-proposal`}
            disabled={action.isBusy}
            onClick={() => void decide(confirming)}
          >
            {t(confirming === 'approve' ? 'proposal.confirmApprove' : 'proposal.confirmReject')}
          </button>
          <button type="button" class="button-secondary" onClick={() => setConfirming(null)}>
            {t('proposal.keepPending')}
          </button>
        </div>
      ) : (
        <div class="actions">
          {mayApprove ? (
            <button
              type="button"
              class="button"
              id="approve-proposal"
              onClick={() => setConfirming('approve')}
            >
              {t('proposal.approve')}
            </button>
          ) : null}
          <button
            type="button"
            class="button-secondary"
            id="reject-proposal"
            onClick={() => setConfirming('reject')}
          >
            {t(rejectLabel)}
          </button>
        </div>
      )}
      {stepUp.dialog}
    </div>
  );
}
