import type { Clock } from '../../../platform/clock/clock.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';

/**
 * What happens when a report opens a new incident, inside the report's transaction (so it commits
 * with the incident or not at all). The field module implements it to page the on-duty
 * dispatchers (issue 16); intake cannot import field, so the composition root hands it in.
 */
export type IncidentOpenedHook = (
  deps: { clock: Clock; jobs: JobWaker },
  uow: UnitOfWork,
  incident: { id: string; networkId: string; createdAt: number },
) => Promise<void>;

declare module '../../../platform/context.ts' {
  interface ModulePorts {
    incidentOpened?: IncidentOpenedHook;
  }
}
