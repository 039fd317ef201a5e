import { t } from '../../../lib/i18n.ts';
import type { Role, RoleGrant } from '../../auth/api/types.ts';
import type { AreaName } from '../grants.ts';

/** One role and where it holds ("every area" or one area), and its remove button. */
export function GrantRow(props: {
  idPrefix: string;
  index: number;
  grant: RoleGrant;
  areas: readonly AreaName[];
  roles: readonly Role[];
  allowsEveryArea: boolean;
  onChange: (change: Partial<RoleGrant>) => void;
  onRemove: () => void;
}) {
  const { idPrefix, index, grant } = props;
  return (
    <div class="grant-row">
      <label for={`${idPrefix}-role-${index}`}>{t('grants.role')}</label>
      <select
        id={`${idPrefix}-role-${index}`}
        name="role"
        value={grant.role}
        onChange={(event) => {
          const chosen = props.roles.find((role) => role === event.currentTarget.value);
          if (chosen) props.onChange({ role: chosen });
        }}
      >
        {props.roles.map((role) => (
          <option value={role} key={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
      <label for={`${idPrefix}-area-${index}`}>{t('grants.area')}</label>
      <select
        id={`${idPrefix}-area-${index}`}
        name="area"
        value={grant.areaId ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          props.onChange({ areaId: value === '' ? null : value });
        }}
      >
        {props.allowsEveryArea ? <option value="">{t('grants.everyArea')}</option> : null}
        {props.areas.map((area) => (
          <option value={area.id} key={area.id}>
            {area.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        class="button-secondary"
        aria-label={t('grants.removeRow', { number: index + 1 })}
        onClick={props.onRemove}
      >
        {t('grants.remove')}
      </button>
    </div>
  );
}
