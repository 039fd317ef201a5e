import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { hasRole, useSession } from '../../auth/session.ts';
import { useMemberNames } from '../../members/hooks/use-member-names.ts';
import { listAreas } from '../../admin/api/areas.ts';
import {
  getFloodMode,
  getHeldByLimit,
  getIntakeFlow,
  getStopSwitches,
  setFloodMode,
  setStopSwitch,
} from '../api/crisis.ts';
import { AreaSwitches } from '../components/area-switches.tsx';
import { CrisisSwitch } from '../components/crisis-switch.tsx';
import { ExerciseRecipients } from '../components/exercise-recipients.tsx';
import { HeldByLimitTable } from '../components/held-by-limit.tsx';
import { IntakeFlowTable } from '../components/intake-flow.tsx';
import { usePolling } from '../hooks/use-polling.ts';
import { exerciseRecipientRoles, floodModeRoles, stopSwitchRoles } from '../roles.ts';

/** How often the reports accepted and held are asked again (nothing held makes a realtime event). */
const refreshMs = 5_000;

/**
 * The coordinator's crisis controls: the stop switch (for the network and per area), flood mode, what the intake limits held
 * back, and who drills reach.
 */
export function CrisisPage() {
  const session = useSession();
  const nameOf = useMemberNames();
  const stop = useResource(getStopSwitches, []);
  const areas = useResource(listAreas, []);
  const flood = useResource(getFloodMode, []);
  const held = useResource(getHeldByLimit, []);
  const flow = useResource(getIntakeFlow, []);
  usePolling(held.reload, refreshMs);
  usePolling(flow.reload, refreshMs);
  const failure = stop.error ?? flood.error ?? areas.error;
  const network = stop.data?.network;
  return (
    <section class="panel crisis" aria-labelledby="crisis-title">
      <h1 id="crisis-title">{t('crisis.title')}</h1>
      <p class="hint">{t('crisis.intro')}</p>
      <Notice message={failure ? errorMessageOf(failure, 'crisis.loadFailed') : null} />
      <CrisisSwitch
        id="stop-switch"
        keys="crisis.stop"
        state={network && { ...network, isOn: network.isStopped }}
        nameOf={nameOf}
        canChange={hasRole(session, ...stopSwitchRoles)}
        needsReason
        change={setStopSwitch}
        onChanged={stop.reload}
      />
      <CrisisSwitch
        id="flood-mode"
        keys="crisis.flood"
        state={flood.data}
        nameOf={nameOf}
        canChange={hasRole(session, ...floodModeRoles)}
        change={setFloodMode}
        onChanged={flood.reload}
      />
      <IntakeFlowTable flow={flow.data} isFloodModeOn={flood.data?.isOn ?? false} />
      <AreaSwitches
        areas={areas.data}
        switches={stop.data?.areas}
        grants={session.roles}
        nameOf={nameOf}
        onChanged={stop.reload}
      />
      <HeldByLimitTable held={held.data} />
      {hasRole(session, ...exerciseRecipientRoles) ? <ExerciseRecipients /> : null}
    </section>
  );
}
