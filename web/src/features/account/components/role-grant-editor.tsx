import { t } from '../../../lib/i18n.ts';
import type { Role, RoleGrant } from '../../auth/api/types.ts';
import type { AreaName } from '../grants.ts';
import { GrantRow } from './grant-row.tsx';

/**
 * Rows of role + area ("every area" or one of the network's areas). Several rows may hold the
 * same role for different areas.
 */
export function RoleGrantEditor(props: {
  idPrefix: string;
  grants: RoleGrant[];
  areas: readonly AreaName[];
  roles: readonly Role[];
  /** False for a coordinator limited to some areas: each grant must name one of them. */
  allowsEveryArea?: boolean;
  onChange: (grants: RoleGrant[]) => void;
}) {
  const { grants, idPrefix } = props;
  const allowsEveryArea = props.allowsEveryArea !== false;
  const update = (index: number, change: Partial<RoleGrant>) =>
    props.onChange(grants.map((grant, at) => (at === index ? { ...grant, ...change } : grant)));
  const add = () =>
    props.onChange([
      ...grants,
      { role: props.roles[0] ?? 'viewer', areaId: allowsEveryArea ? null : (props.areas[0]?.id ?? null) },
    ]);
  return (
    <fieldset class="grant-editor" id={`${idPrefix}-grants`}>
      <legend>{t('grants.legend')}</legend>
      {grants.length === 0 ? <p class="hint">{t('grants.none')}</p> : null}
      {grants.map((grant, index) => (
        <GrantRow
          key={index}
          idPrefix={idPrefix}
          index={index}
          grant={grant}
          areas={props.areas}
          roles={props.roles}
          allowsEveryArea={allowsEveryArea}
          onChange={(change) => update(index, change)}
          onRemove={() => props.onChange(grants.filter((_, at) => at !== index))}
        />
      ))}
      <button type="button" class="button-secondary" id={`${idPrefix}-add-grant`} onClick={add}>
        {t('grants.add')}
      </button>
    </fieldset>
  );
}
