import { t } from '../../../lib/i18n.ts';
import { RoleGrantEditor } from '../../account/components/role-grant-editor.tsx';
import type { AreaName } from '../../account/grants.ts';
import type { Role, RoleGrant } from '../../auth/api/types.ts';

const lifetimes = [24, 72, 168, 336] as const;

/** A new invitation: roles (limited to areas if wanted) and how long the link lasts. */
export function InvitationForm(props: {
  areas: readonly AreaName[];
  roles: readonly Role[];
  allowsEveryArea: boolean;
  grants: RoleGrant[];
  hours: number;
  isBusy: boolean;
  onGrants: (grants: RoleGrant[]) => void;
  onHours: (hours: number) => void;
  onCreate: () => void;
}) {
  const { grants } = props;
  const submit = (event: Event) => {
    event.preventDefault();
    props.onCreate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-invitation-title">
      <h2 id="new-invitation-title">{t('invitations.new')}</h2>
      <RoleGrantEditor
        idPrefix="invite"
        grants={grants}
        areas={props.areas}
        roles={props.roles}
        allowsEveryArea={props.allowsEveryArea}
        onChange={props.onGrants}
      />
      <div class="field">
        <label for="invite-lifetime">{t('invitations.lifetime')}</label>
        <select
          id="invite-lifetime"
          value={String(props.hours)}
          onChange={(event) => props.onHours(Number(event.currentTarget.value))}
        >
          {lifetimes.map((value) => (
            <option value={String(value)} key={value}>
              {t('invitations.hours', { count: value })}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        class="button"
        id="create-invitation"
        disabled={props.isBusy || grants.length === 0}
      >
        {t('invitations.create')}
      </button>
    </form>
  );
}
