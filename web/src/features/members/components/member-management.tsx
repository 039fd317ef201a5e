import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { RoleGrantEditor } from '../../account/components/role-grant-editor.tsx';
import { allRoles } from '../../account/grants.ts';
import type { AreaName } from '../../account/grants.ts';
import type { RoleGrant } from '../../auth/api/types.ts';
import { endMemberSessions, removeMember, saveMemberRoles } from '../api/members.ts';
import type { MemberSummary } from '../api/types.ts';
import { MemberRemoval } from './member-removal.tsx';
import { RecoveryLinkSection } from './recovery-link-section.tsx';

/** One member's administration: roles (step-up), sessions, recovery link (step-up), removal (step-up). */
export function MemberManagement(props: {
  member: MemberSummary;
  areas: readonly AreaName[];
  isSelf: boolean;
  runWithStepUp: RunWithStepUp;
  onChanged: (notice: Message, isGone?: boolean) => Promise<void>;
}) {
  const { member, runWithStepUp } = props;
  const name = member.displayName;
  const [grants, setGrants] = useState<RoleGrant[]>(member.roles);
  const action = useAction();
  const attempt = async (step: () => Promise<Message>, isGone = false) => {
    const done = await action.run(step);
    if (done) await props.onChanged(done, isGone);
  };
  const saveRoles = () =>
    attempt(async () => {
      await runWithStepUp(() => saveMemberRoles(member.id, grants));
      return messageOf('memberAdmin.rolesSaved', { name });
    });
  const endSessions = () =>
    attempt(async () =>
      messageOf('memberAdmin.sessionsEnded', { count: await endMemberSessions(member.id), name }),
    );
  const remove = () =>
    attempt(async () => {
      await runWithStepUp(() => removeMember(member.id));
      return messageOf('memberAdmin.removed', { name });
    }, true);

  return (
    <section class="member-manage" id="member-manage" aria-labelledby="member-manage-title">
      <h2 id="member-manage-title" dir="auto">
        {t('memberAdmin.title', { name })}
      </h2>
      <ErrorText message={action.message} />
      <section class="account-part" aria-labelledby="member-roles-title">
        <h3 id="member-roles-title">{t('memberAdmin.rolesTitle')}</h3>
        <p class="hint">{t('memberAdmin.rolesHint')}</p>
        <RoleGrantEditor
          idPrefix="member"
          grants={grants}
          areas={props.areas}
          roles={allRoles}
          onChange={setGrants}
        />
        <button
          type="button"
          class="button"
          id="save-roles"
          disabled={action.isBusy}
          onClick={() => void saveRoles()}
        >
          {t('memberAdmin.saveRoles')}
        </button>
      </section>
      <section class="account-part" aria-labelledby="member-sessions-title">
        <h3 id="member-sessions-title">{t('memberAdmin.sessionsTitle')}</h3>
        <p class="hint">{t('memberAdmin.sessionsHint')}</p>
        <button
          type="button"
          class="button-secondary"
          id="end-member-sessions"
          disabled={action.isBusy}
          onClick={() => void endSessions()}
        >
          {t('memberAdmin.endSessions')}
        </button>
      </section>
      {props.isSelf ? null : (
        <RecoveryLinkSection memberId={member.id} memberName={name} runWithStepUp={runWithStepUp} />
      )}
      {props.isSelf ? null : (
        <MemberRemoval memberName={name} isBusy={action.isBusy} onRemove={() => void remove()} />
      )}
    </section>
  );
}
