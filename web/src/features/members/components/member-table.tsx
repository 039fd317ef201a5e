import { t } from '../../../lib/i18n.ts';
import type { AreaName } from '../../account/grants.ts';
import type { MemberSummary } from '../api/types.ts';
import { MemberRow } from './member-row.tsx';

const columns = ['members.name', 'members.roles', 'members.status', 'members.vetting', 'members.exercise'];

export function MemberTable(props: {
  members: MemberSummary[];
  areas: readonly AreaName[];
  isAdmin: boolean;
  managedId: string | null;
  onVet: (memberId: string) => void;
  onExercise: (memberId: string, isExerciseRecipient: boolean) => void;
  onManage: (memberId: string) => void;
}) {
  return (
    <table class="members">
      <thead>
        <tr>
          {columns.map((key) => (
            <th scope="col" key={key}>
              {t(key)}
            </th>
          ))}
          {props.isAdmin ? <th scope="col">{t('memberAdmin.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.members.map((member) => (
          <MemberRow
            key={member.id}
            member={member}
            areas={props.areas}
            isAdmin={props.isAdmin}
            isManaged={props.managedId === member.id}
            onVet={() => props.onVet(member.id)}
            onExercise={(isExerciseRecipient) => props.onExercise(member.id, isExerciseRecipient)}
            onManage={() => props.onManage(member.id)}
          />
        ))}
      </tbody>
    </table>
  );
}
