import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { areasFor, hasRole, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { BoundingBox } from './clustering.ts';
import { findAreaIdsContaining, isInBox, loadAreaBoxes } from './incident-areas.service.ts';
import { incidentRoles } from './incident.events.ts';
import type { IncidentRow } from './incident.repository.ts';

/** Every area, or the areas an area-limited grant covers (with their boxes for a quick test). */
export type VisibleAreas = 'all' | { networkId: string; ids: ReadonlySet<string>; boxes: BoundingBox[] };

/**
 * Dispatchers and coordinators work incidents; a grant limited to areas sees only incidents whose
 * location estimate lies in one of them (an incident without a location: only network-wide grants).
 */
export async function visibleAreasFor(
  deps: { db: Kysely<Database> },
  principal: Principal,
): Promise<VisibleAreas> {
  requireRole(principal, incidentRoles);
  const areas = areasFor(principal, incidentRoles);
  if (areas === 'all') return 'all';
  const boxes = await loadAreaBoxes(deps.db, principal.networkId, areas);
  return { networkId: principal.networkId, ids: new Set(areas), boxes };
}

export type VisibilityTest = (incident: Pick<IncidentRow, 'lat' | 'lon'>) => Promise<boolean>;

/**
 * Tests incidents against the visible areas, remembering each point's answer for the request (a
 * queue page holds many incidents at a few points; the exact area test costs a query).
 */
export function visibilityTest(deps: { db: Kysely<Database> }, areas: VisibleAreas): VisibilityTest {
  if (areas === 'all') return () => Promise.resolve(true);
  const answers = new Map<string, Promise<boolean>>();
  return (incident) => {
    if (incident.lat === null || incident.lon === null) return Promise.resolve(false);
    const point = { lat: incident.lat, lon: incident.lon };
    if (!areas.boxes.some((box) => isInBox(box, point))) return Promise.resolve(false);
    const key = `${point.lat},${point.lon}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = findAreaIdsContaining(deps.db, areas.networkId, point).then((ids) =>
        ids.some((id) => areas.ids.has(id)),
      );
      answers.set(key, answer);
    }
    return answer;
  };
}

/** Whether the principal sees flagged reports (reports about private people): coordinators only. */
export function canSeeFlaggedReports(principal: Principal): boolean {
  return hasRole(principal, ['coordinator']);
}
