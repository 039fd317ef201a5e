import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { shapeArea } from '../../../platform/geo/index.ts';
import type { AreaGeometry } from '../../../platform/geo/index.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { EventBus } from '../../../platform/realtime/events.ts';
import { recordAudit } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import { isAreaReferenced } from '../members/member-reads.repository.ts';
import { definitionFromInput, storedDefinition } from './area-definition.ts';
import {
  deleteAreaRow,
  insertArea,
  selectAreaInNetwork,
  selectAreaNamesOfNetwork,
  selectAreasOfNetwork,
  updateAreaRow,
} from './area.repository.ts';
import { areaIdSchema } from './area.contract.ts';
import type { Area, AreaDefinitionFields, AreaInput } from './area.contract.ts';
import { requireActiveMember, requireNetworkAdmin } from './network.policy.ts';
import type { AreasTable } from './network.tables.ts';

export interface NetworkDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  events: EventBus;
}

export type { Area } from './area.contract.ts';

export async function listAreas(deps: NetworkDeps, principal: Principal): Promise<Area[]> {
  requireActiveMember(principal);
  return (await selectAreasOfNetwork(deps.db, principal.networkId)).map(toArea);
}

export async function getArea(deps: NetworkDeps, principal: Principal, areaId: string): Promise<Area> {
  requireActiveMember(principal);
  return toArea(await requireAreaRow(deps.db, principal.networkId, areaId));
}

export async function createArea(deps: NetworkDeps, principal: Principal, input: AreaInput): Promise<Area> {
  requireNetworkAdmin(principal);
  const row = rowFromInput(input, principal.networkId, newId(), deps.clock.now());
  return inTransaction(deps, async ({ trx }) => {
    await requireUniqueName(trx, principal.networkId, row.name, null);
    await insertArea(trx, row);
    await auditArea(deps, trx, principal, 'area.created', row);
    return toArea(row);
  });
}

/** Replaces the area's name and shape (the kind may change); its id and role grants stay. */
export async function replaceArea(
  deps: NetworkDeps,
  principal: Principal,
  areaId: string,
  input: AreaInput,
): Promise<Area> {
  requireNetworkAdmin(principal);
  return inTransaction(deps, async ({ trx }) => {
    const existing = await requireAreaRow(trx, principal.networkId, areaId);
    const row = {
      ...rowFromInput(input, principal.networkId, existing.id, deps.clock.now()),
      created_at: existing.created_at,
    };
    await requireUniqueName(trx, principal.networkId, row.name, existing.id);
    const { id: _id, network_id: _networkId, created_at: _createdAt, ...changes } = row;
    await updateAreaRow(trx, principal.networkId, existing.id, changes);
    await auditArea(deps, trx, principal, 'area.updated', row);
    return toArea(row);
  });
}

export async function deleteArea(deps: NetworkDeps, principal: Principal, areaId: string): Promise<void> {
  requireNetworkAdmin(principal);
  await inTransaction(deps, async ({ trx }) => {
    const existing = await requireAreaRow(trx, principal.networkId, areaId);
    if (await isAreaReferenced(trx, principal.networkId, existing.id, deps.clock.now())) throw areaInUse();
    try {
      await deleteAreaRow(trx, principal.networkId, existing.id);
    } catch (error) {
      // Other modules' rows that reference the area (foreign keys) also keep it in use.
      if (isForeignKeyViolation(error)) throw areaInUse();
      throw error;
    }
    await auditArea(deps, trx, principal, 'area.deleted', existing);
  });
}

function rowFromInput(input: AreaInput, networkId: string, id: string, now: number): AreasTable {
  const definition = definitionFromInput(input);
  const { geometry, boundingBox } = shapeArea(definition);
  return {
    id,
    network_id: networkId,
    name: input.name,
    kind: definition.kind,
    definition: storedDefinition(definition),
    geometry: JSON.stringify(geometry),
    min_lat: boundingBox.minLat,
    min_lon: boundingBox.minLon,
    max_lat: boundingBox.maxLat,
    max_lon: boundingBox.maxLon,
    created_at: now,
    updated_at: now,
  };
}

/** AREA_NOT_FOUND alike for a malformed id, a missing area and another network's area. */
async function requireAreaRow(db: Kysely<Database>, networkId: string, areaId: string) {
  const row = areaIdSchema.safeParse(areaId).success
    ? await selectAreaInNetwork(db, networkId, areaId)
    : undefined;
  if (!row) throw new AppError('AREA_NOT_FOUND', 'Area not found.');
  return row;
}

async function requireUniqueName(
  trx: Transaction<Database>,
  networkId: string,
  name: string,
  exceptId: string | null,
) {
  const wanted = name.toLocaleLowerCase('en');
  const areas = await selectAreaNamesOfNetwork(trx, networkId);
  if (areas.some((area) => area.id !== exceptId && area.name.toLocaleLowerCase('en') === wanted)) {
    throw new AppError('AREA_NAME_TAKEN', 'Another area already has this name.', [
      { path: 'name', message: 'Choose a different name.' },
    ]);
  }
}

async function auditArea(
  deps: NetworkDeps,
  trx: Transaction<Database>,
  principal: Principal,
  action: 'area.created' | 'area.updated' | 'area.deleted',
  row: AreasTable,
): Promise<void> {
  await recordAudit(deps, trx, {
    networkId: principal.networkId,
    actorMemberId: principal.memberId,
    action,
    objectType: 'area',
    objectId: row.id,
    // Area names and shapes are internal, not sensitive; the kind is enough to read the trail.
    metadata: { kind: row.kind },
  });
}

function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function areaInUse(): AppError {
  return new AppError(
    'AREA_IN_USE',
    'Members or invitations are limited to this area. Change their roles first.',
  );
}

export function toArea(row: AreasTable): Area {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    definition: JSON.parse(row.definition) as AreaDefinitionFields,
    geometry: JSON.parse(row.geometry) as AreaGeometry,
    boundingBox: { minLat: row.min_lat, minLon: row.min_lon, maxLat: row.max_lat, maxLon: row.max_lon },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
