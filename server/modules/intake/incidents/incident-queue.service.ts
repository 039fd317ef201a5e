import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Principal } from '../../identity/index.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { memberNamesById } from './incident-names.service.ts';
import { visibilityTest, visibleAreasFor } from './incident.policy.ts';
import type { VisibilityTest, VisibleAreas } from './incident.policy.ts';
import { presentIncident } from './incident-presenter.ts';
import { countIncidentsByStatus, listIncidentPointsInBoxes, listQueuePage } from './incident.repository.ts';
import type { IncidentRow, QueuePosition } from './incident.repository.ts';
import { incidentStatuses } from './incident.tables.ts';
import type { IncidentStatus } from './incident.tables.ts';
import type { QueuePage } from './incident.contract.ts';

export type QueueFilter = IncidentStatus | 'active';

/** Scanning stops after this many rows per request, so a narrow area cannot make one call unbounded. */
const maximumScannedRows = 2000;

/**
 * The dispatcher queue: incidents the caller may see, highest priority first, then longest
 * waiting. `active` (the default) is everything not closed.
 */
export async function listIncidentQueue(
  deps: IncidentDeps,
  principal: Principal,
  input: { status?: QueueFilter; cursor?: string; limit?: number },
): Promise<QueuePage> {
  const areas = await visibleAreasFor(deps, principal);
  const limit = input.limit ?? 50;
  const statuses =
    !input.status || input.status === 'active'
      ? incidentStatuses.filter((status) => status !== 'closed')
      : [input.status];
  const boxes = areas === 'all' ? null : areas.boxes;
  const isVisible = visibilityTest(deps, areas);

  const visible: IncidentRow[] = [];
  let after = input.cursor ? parseCursor(input.cursor) : null;
  let scanned = 0;
  let isExhausted = false;
  while (visible.length <= limit && scanned < maximumScannedRows) {
    const batchSize = areas === 'all' ? limit + 1 : Math.max(limit * 2, 50);
    const rows = await listQueuePage(deps.db, {
      networkId: principal.networkId,
      statuses,
      after,
      limit: batchSize,
      boxes,
    });
    scanned += rows.length;
    for (const row of rows) {
      after = positionOf(row);
      if (await isVisible(row)) visible.push(row);
      if (visible.length > limit) break;
    }
    if (rows.length < batchSize) {
      isExhausted = true;
      break;
    }
  }
  const page = visible.slice(0, limit);
  const hasMore = visible.length > limit || (!isExhausted && scanned >= maximumScannedRows);
  const last = visible.length > limit ? page[page.length - 1] : undefined;
  const nextCursor = hasMore ? encodeCursor(last ? positionOf(last) : after) : null;

  const names = await memberNamesById(
    deps,
    principal.networkId,
    page.map((incident) => incident.claimed_by),
  );
  return {
    incidents: page.map((incident) =>
      presentIncident(
        incident,
        incident.claimed_by
          ? { memberId: incident.claimed_by, displayName: names.get(incident.claimed_by) ?? null }
          : null,
      ),
    ),
    counts: await countVisible(deps, principal.networkId, areas, isVisible),
    nextCursor,
  };
}

async function countVisible(
  deps: IncidentDeps,
  networkId: string,
  areas: VisibleAreas,
  isVisible: VisibilityTest,
): Promise<Record<IncidentStatus, number>> {
  const counts = Object.fromEntries(incidentStatuses.map((status) => [status, 0])) as Record<
    IncidentStatus,
    number
  >;
  if (areas === 'all') {
    for (const row of await countIncidentsByStatus(deps.db, networkId)) counts[row.status] = row.count;
    return counts;
  }
  const rows = await listIncidentPointsInBoxes(deps.db, networkId, areas.boxes);
  for (const row of rows) if (await isVisible(row)) counts[row.status] += 1;
  return counts;
}

function positionOf(row: IncidentRow): QueuePosition {
  return { priority: row.priority, firstReportAt: row.first_report_at, id: row.id };
}

const cursorSchema = z.tuple([z.number().int(), z.number().int(), z.string().min(1).max(64)]);

function encodeCursor(position: QueuePosition | null): string | null {
  if (!position) return null;
  return Buffer.from(JSON.stringify([position.priority, position.firstReportAt, position.id])).toString(
    'base64url',
  );
}

function parseCursor(cursor: string): QueuePosition {
  try {
    const [priority, firstReportAt, id] = cursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString()),
    );
    return { priority, firstReportAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid.', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  }
}
