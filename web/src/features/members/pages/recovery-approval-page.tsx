import type { RouteParams } from '../../../app/routes.tsx';
import { formatTime, t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { approveRecoveryLink, listMembers } from '../api/members.ts';
import { useState } from 'preact/hooks';

/** `#/recovery/<memberId>/<linkId>`: a different admin or coordinator approves a recovery link. */
export function RecoveryApprovalPage(props: { params: RouteParams }) {
  const memberId = props.params.memberId!;
  const linkId = props.params.linkId!;
  const members = useResource(listMembers, []);
  const memberName = members.data?.find((member) => member.id === memberId)?.displayName ?? null;
  const [approvedAt, setApprovedAt] = useState<number | null>(null);
  const approval = useAction();
  const stepUp = useStepUp({ hint: t('stepUp.hintRecovery') });
  const approve = async () => {
    const approved = await approval.run(() => stepUp.run(() => approveRecoveryLink(memberId, linkId)));
    if (approved) setApprovedAt(approved.approvedAt);
  };
  return (
    <section class="panel" aria-labelledby="recovery-approval-title">
      <p>
        <a href="#/members">{t('recovery.backToMembers')}</a>
      </p>
      <h1 id="recovery-approval-title">{t('recovery.approvalTitle')}</h1>
      <p>{memberName ? t('recovery.approvalFor', { name: memberName }) : t('recovery.approvalForUnknown')}</p>
      <p class="hint">{t('recovery.approvalExplain')}</p>
      <Notice message={approval.message} />
      {approvedAt !== null ? (
        <p class="notice" role="status" id="recovery-approved">
          {t('recovery.approved', { date: formatTime(approvedAt) })}
        </p>
      ) : (
        <button type="button" class="button" id="approve-recovery-link" onClick={() => void approve()}>
          {t('recovery.approve')}
        </button>
      )}
      {stepUp.dialog}
    </section>
  );
}
