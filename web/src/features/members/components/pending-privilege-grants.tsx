import { t } from '../../../lib/i18n.ts';
import { Notice } from '../../../lib/notice.tsx';
import type { Resource } from '../../../lib/resource.ts';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { approvePrivilegeGrant } from '../api/members.ts';
import type { PendingPrivilegeGrantList } from '../api/types.ts';

/**
 * Coordinator and admin grants one admin asked for, each approved here by a second admin with a
 * fresh step-up. The server refuses the admin who asked and the member receiving it (ADR 0019).
 */
export function PendingPrivilegeGrants(props: {
  grants: Resource<PendingPrivilegeGrantList['grants']>;
  runWithStepUp: RunWithStepUp;
  onApproved: () => Promise<void>;
}) {
  const action = useAction();
  const approve = async (grantId: string) => {
    await action.run(() => props.runWithStepUp(() => approvePrivilegeGrant(grantId)), {
      done: 'privilegeGrants.approved',
    });
    await props.grants.reload();
    await props.onApproved();
  };
  const grants = props.grants.data ?? [];
  return (
    <section aria-labelledby="privilege-grants-title" id="privilege-grants">
      <h2 id="privilege-grants-title">{t('privilegeGrants.title')}</h2>
      <Notice message={action.message} />
      {grants.length === 0 ? (
        <p class="hint">{t('privilegeGrants.none')}</p>
      ) : (
        <ul>
          {grants.map((grant) => (
            <li key={grant.id} data-grant-id={grant.id}>
              {t('privilegeGrants.row', {
                member: grant.memberName,
                role: t(`role.${grant.role}`),
                requester: grant.requesterName,
              })}{' '}
              <button
                type="button"
                class="button"
                disabled={action.isBusy}
                onClick={() => void approve(grant.id)}
              >
                {t('privilegeGrants.approve')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
