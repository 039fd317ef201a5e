import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get } from './api.ts';
import { t } from './i18n.ts';
import type { RoleGrant, Session } from './session.ts';

export const allRoles = [
  'admin',
  'coordinator',
  'dispatcher',
  'responder',
  'advocate',
  'housing_coordinator',
  'viewer',
] as const;

/** Coordinators hand out only the field roles (the server enforces it; the form just agrees). */
export const fieldRoles = allRoles.filter((role) => role !== 'admin' && role !== 'coordinator');

export interface AreaName {
  id: string;
  name: string;
}

/** The network's areas (names only), for "limited to an area" choices. */
export function useAreas(): AreaName[] {
  const [areas, setAreas] = useState<AreaName[]>([]);
  useEffect(() => {
    get<{ areas: AreaName[] }>('/api/areas')
      .then((list) => setAreas(list.areas.map((area) => ({ id: area.id, name: area.name }))))
      .catch(() => setAreas([]));
  }, []);
  return areas;
}

/**
 * The areas in which this member may hand out roles: 'all' for an admin or an unlimited
 * coordinator, else the areas of their coordinator grants.
 */
export function grantableAreas(session: Session): 'all' | string[] {
  if (session.roles.some((grant) => grant.role === 'admin')) return 'all';
  const grants = session.roles.filter((grant) => grant.role === 'coordinator');
  if (grants.some((grant) => grant.areaId === null)) return 'all';
  return grants.map((grant) => grant.areaId).filter((id): id is string => id !== null);
}

export function describeGrant(grant: RoleGrant, areas: readonly AreaName[]): string {
  const role = t(`role.${grant.role}`);
  if (grant.areaId === null) return role;
  const area = areas.find((candidate) => candidate.id === grant.areaId);
  return t('grants.inArea', { role, area: area?.name ?? t('grants.unknownArea') });
}

/**
 * Rows of role + area ("every area" or one of the network's areas). Several rows may hold the
 * same role for different areas.
 */
export function RoleGrantEditor(props: {
  idPrefix: string;
  grants: RoleGrant[];
  areas: readonly AreaName[];
  roles: readonly string[];
  /** False for a coordinator limited to some areas: each grant must name one of them. */
  allowsEveryArea?: boolean;
  onChange: (grants: RoleGrant[]) => void;
}) {
  const { grants, idPrefix } = props;
  const update = (index: number, change: Partial<RoleGrant>) =>
    props.onChange(grants.map((grant, at) => (at === index ? { ...grant, ...change } : grant)));
  return h(
    'fieldset',
    { class: 'grant-editor', id: `${idPrefix}-grants` },
    h('legend', null, t('grants.legend')),
    grants.length === 0 ? h('p', { class: 'hint' }, t('grants.none')) : null,
    grants.map((grant, index) =>
      h(
        'div',
        { class: 'grant-row', key: index },
        h('label', { for: `${idPrefix}-role-${index}` }, t('grants.role')),
        h(
          'select',
          {
            id: `${idPrefix}-role-${index}`,
            name: 'role',
            value: grant.role,
            onChange: (event: Event) =>
              update(index, { role: (event.currentTarget as HTMLSelectElement).value }),
          },
          props.roles.map((role) => h('option', { value: role, key: role }, t(`role.${role}`))),
        ),
        h('label', { for: `${idPrefix}-area-${index}` }, t('grants.area')),
        h(
          'select',
          {
            id: `${idPrefix}-area-${index}`,
            name: 'area',
            value: grant.areaId ?? '',
            onChange: (event: Event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              update(index, { areaId: value === '' ? null : value });
            },
          },
          props.allowsEveryArea === false ? null : h('option', { value: '' }, t('grants.everyArea')),
          props.areas.map((area) => h('option', { value: area.id, key: area.id }, area.name)),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button-secondary',
            'aria-label': t('grants.removeRow', { number: index + 1 }),
            onClick: () => props.onChange(grants.filter((_, at) => at !== index)),
          },
          t('grants.remove'),
        ),
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'button-secondary',
        id: `${idPrefix}-add-grant`,
        onClick: () =>
          props.onChange([
            ...grants,
            {
              role: props.roles[0] ?? 'viewer',
              areaId: props.allowsEveryArea === false ? (props.areas[0]?.id ?? null) : null,
            },
          ]),
      },
      t('grants.add'),
    ),
  );
}
