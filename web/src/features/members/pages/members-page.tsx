import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { useAreaNames } from '../../account/hooks/use-area-names.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { listMembers, listPendingPrivilegeGrants, setExerciseRecipient, vetMember } from '../api/members.ts';
import { MemberManagement } from '../components/member-management.tsx';
import { MemberTable } from '../components/member-table.tsx';
import { PendingPrivilegeGrants } from '../components/pending-privilege-grants.tsx';
import { ResponderTraining } from '../components/responder-training.tsx';

/**
 * Members with their roles and vetting; a coordinator vets probationary members here. An admin
 * also manages a member: roles limited to areas, ending their sessions, a recovery link, removal.
 */
export function MembersPage() {
  const session = useSession();
  const isAdmin = hasRole(session, 'admin');
  const areas = useAreaNames();
  const members = useResource(listMembers, []);
  const grants = useResource(listPendingPrivilegeGrants, [], { isEnabled: isAdmin });
  const [managedId, setManagedId] = useState<string | null>(null);
  const action = useAction();
  const stepUp = useStepUp({ hint: t('stepUp.hintMembers') });

  const vet = async (memberId: string) => {
    await action.run(() => vetMember(memberId), { done: 'members.vetted' });
    await members.reload();
  };
  const markExercise = async (memberId: string, isExerciseRecipient: boolean) => {
    await action.run(() => setExerciseRecipient(memberId, isExerciseRecipient), {
      done: isExerciseRecipient ? 'members.exerciseAdded' : 'members.exerciseRemoved',
    });
    await members.reload();
  };
  const changed = async (notice: Message, isGone = false) => {
    action.setMessage(notice);
    if (isGone) setManagedId(null);
    await Promise.all([members.reload(), isAdmin ? grants.reload() : undefined]);
  };
  const managed = members.data?.find((member) => member.id === managedId) ?? null;
  const loadFailure = members.error ? errorMessageOf(members.error, 'members.loadFailed') : null;

  return (
    <section class="panel members-panel" aria-labelledby="members-title">
      <h1 id="members-title">{t('members.title')}</h1>
      {hasRole(session, 'admin', 'coordinator') ? (
        <p>
          <a href="#/invitations">{t('memberAdmin.inviteLink')}</a>
        </p>
      ) : null}
      <Notice message={action.message ?? loadFailure} />
      <MemberTable
        members={members.data ?? []}
        areas={areas}
        isAdmin={isAdmin}
        managedId={managedId}
        onVet={(memberId) => void vet(memberId)}
        onExercise={(memberId, isExerciseRecipient) => void markExercise(memberId, isExerciseRecipient)}
        onManage={(memberId) => setManagedId(managedId === memberId ? null : memberId)}
      />
      {isAdmin && managed ? (
        <MemberManagement
          key={managed.id}
          member={managed}
          areas={areas}
          isSelf={managed.id === session.memberId}
          runWithStepUp={stepUp.run}
          onChanged={changed}
        />
      ) : null}
      {isAdmin ? (
        <PendingPrivilegeGrants grants={grants} runWithStepUp={stepUp.run} onApproved={members.reload} />
      ) : null}
      {hasRole(session, 'coordinator') ? <ResponderTraining /> : null}
      {stepUp.dialog}
    </section>
  );
}
