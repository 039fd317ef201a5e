import { AppError } from '../../../platform/errors/app-error.ts';
import type { Principal } from '../../identity/index.ts';
import { memberFieldContexts } from '../../identity/index.ts';
import { timeZoneOf } from '../responders/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { dispatcherRoles } from './dispatch.deps.ts';
import { requireIncidentAccess } from '../../intake/index.ts';
import { findOnDutyMembers } from '../rota/index.ts';
import { findNearestAvailableResponders } from './nearest.ts';
import type { SuggestionList } from './dispatch.contract.ts';
import { listMemberNamesAndTrainings } from './responder-directory.repository.ts';

export type { Suggestion, SuggestionList } from './dispatch.contract.ts';

/**
 * Ranked responders for an incident: those on duty by the rota first (the one "who is on duty"
 * answer paging uses), then speakers of `language`, then nearest, with distance and a crow-flies ETA. For dispatchers and coordinators who can see the incident.
 */
export async function suggestResponders(
  deps: DispatchDeps,
  principal: Principal,
  incidentId: string,
  query: { language?: string; limit?: number },
): Promise<SuggestionList> {
  const { incident, areaIds } = await requireIncidentAccess(deps.db, {
    principal,
    incidentId,
    roles: dispatcherRoles,
  });
  if (incident.lat === null || incident.lon === null) {
    throw new AppError(
      'INCIDENT_HAS_NO_LOCATION',
      'This incident has no location yet; pick responders from the roster.',
    );
  }
  const nearest = await findNearestAvailableResponders(deps.db, {
    networkId: incident.network_id,
    point: { lat: incident.lat, lon: incident.lon },
    timeZone: await timeZoneOf(deps, incident.network_id),
    now: deps.clock.now(),
    areaIds,
    language: query.language,
    limit: query.limit ?? 10,
  });
  const onDuty = new Set(
    await findOnDutyMembers(deps.db, {
      networkId: incident.network_id,
      role: 'responder',
      areaIds: areaIds.length > 0 ? areaIds : 'any',
      at: deps.clock.now(),
    }),
  );
  // A stable sort keeps the language-then-distance order within each group.
  const ranked = [...nearest].sort(
    (left, right) => Number(onDuty.has(right.memberId)) - Number(onDuty.has(left.memberId)),
  );
  const directory = await listMemberNamesAndTrainings(
    deps.db,
    nearest.map((candidate) => candidate.memberId),
  );
  return {
    incidentId: incident.id,
    language: query.language ?? null,
    suggestions: ranked.map((candidate) => {
      const entry = directory.get(candidate.memberId);
      return {
        ...candidate,
        isOnDuty: onDuty.has(candidate.memberId),
        displayName: entry ? deps.crypto.decrypt(entry.displayNameEnc, memberFieldContexts.displayName) : '',
        trainings: entry?.trainings ?? [],
      };
    }),
  };
}
