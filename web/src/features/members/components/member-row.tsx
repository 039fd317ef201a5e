import { t } from '../../../lib/i18n.ts';
import { describeGrant } from '../../account/grants.ts';
import type { AreaName } from '../../account/grants.ts';
import type { MemberSummary } from '../api/types.ts';

/**
 * One member: name, roles, status, vetting (vet a probationary one), whether they receive EXERCISE
 * alerts and, for admins, manage.
 */
export function MemberRow(props: {
  member: MemberSummary;
  areas: readonly AreaName[];
  isAdmin: boolean;
  isManaged: boolean;
  onVet: () => void;
  onExercise: (isExerciseRecipient: boolean) => void;
  onManage: () => void;
}) {
  const { member } = props;
  return (
    <tr data-member-id={member.id}>
      <td dir="auto">{member.displayName}</td>
      <td>{member.roles.map((grant) => describeGrant(grant, props.areas)).join(', ')}</td>
      <td>{t(`memberStatus.${member.status}`)}</td>
      <td>
        {t('members.vettingCount', { count: member.vettingCount })}
        {member.status === 'probationary' ? (
          <button type="button" class="button-secondary" onClick={props.onVet}>
            {t('members.vet')}
          </button>
        ) : null}
      </td>
      <td>
        <button
          type="button"
          class="button-secondary exercise-toggle"
          data-exercise-recipient={member.id}
          aria-pressed={member.isExerciseRecipient ? 'true' : 'false'}
          aria-label={t('members.exerciseRecipient', { name: member.displayName })}
          disabled={member.status === 'removed'}
          onClick={() => props.onExercise(!member.isExerciseRecipient)}
        >
          {t('members.exerciseButton')}
        </button>{' '}
        <span aria-hidden="true">
          {t(member.isExerciseRecipient ? 'members.exerciseOn' : 'members.exerciseOff')}
        </span>
      </td>
      {props.isAdmin ? (
        <td>
          <button
            type="button"
            class="button-secondary"
            aria-expanded={props.isManaged ? 'true' : 'false'}
            aria-controls="member-manage"
            aria-label={t('memberAdmin.manageNamed', { name: member.displayName })}
            onClick={props.onManage}
          >
            {t('memberAdmin.manage')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}
