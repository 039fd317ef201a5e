import type { RoleGrant } from '../../auth/api/types.ts';
import type { Area } from '../../admin/api/types.ts';
import { t } from '../../../lib/i18n.ts';
import { setAreaSwitch } from '../api/crisis.ts';
import type { AreaSwitchState } from '../api/crisis.ts';
import { stopSwitchRoles } from '../roles.ts';
import { CrisisSwitch } from './crisis-switch.tsx';

/** A coordinator of that area or of the whole network, or an admin (the server checks again). */
function mayStopArea(grants: readonly RoleGrant[], areaId: string): boolean {
  return grants.some(
    (grant) => stopSwitchRoles.includes(grant.role) && (grant.areaId === null || grant.areaId === areaId),
  );
}

/**
 * One stop switch per area of the network: stopping an area holds alerts there only, as the
 * network's switch does for all; other areas go on. Areas that are stopped come first.
 */
export function AreaSwitches(props: {
  areas: Area[] | undefined;
  switches: AreaSwitchState[] | undefined;
  grants: readonly RoleGrant[];
  nameOf: (memberId: string) => string;
  onChanged: () => Promise<void>;
}) {
  const { areas, switches } = props;
  if (!areas || !switches) return null;
  const byArea = new Map(switches.map((state) => [state.areaId, state]));
  const sorted = [...areas].sort(
    (a, b) =>
      Number(byArea.get(b.id)?.isStopped ?? false) - Number(byArea.get(a.id)?.isStopped ?? false) ||
      a.name.localeCompare(b.name),
  );
  return (
    <section class="area-switches" id="area-switches" aria-labelledby="area-switches-title">
      <h2 id="area-switches-title">{t('crisis.area.listTitle')}</h2>
      <p class="hint">{t('crisis.area.listExplain')}</p>
      {sorted.length === 0 ? <p id="area-switches-none">{t('crisis.area.none')}</p> : null}
      {sorted.map((area) => {
        const state = byArea.get(area.id);
        return (
          <CrisisSwitch
            key={area.id}
            id={`area-switch-${area.id}`}
            keys="crisis.area"
            params={{ area: area.name }}
            state={{
              isOn: state?.isStopped ?? false,
              changedBy: state?.changedBy ?? null,
              changedAt: state?.changedAt ?? null,
              reason: state?.reason ?? null,
            }}
            nameOf={props.nameOf}
            canChange={mayStopArea(props.grants, area.id)}
            needsReason
            headingLevel={3}
            change={(isStopped, reason) => setAreaSwitch({ areaId: area.id, isStopped, reason })}
            onChanged={props.onChanged}
          />
        );
      })}
    </section>
  );
}
