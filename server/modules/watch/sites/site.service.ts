import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import {
  findAreaIdsInNetwork,
  listAreaNames,
  recordAudit,
  requireSameNetwork,
} from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { decryptSiteDetails, encryptSiteDetails } from './site-fields.ts';
import { watchSiteSchema } from './site.contract.ts';
import type { WatchSiteInput, WatchSitesAnswer, WatchSiteView } from './site.contract.ts';
import { findSite, insertSite, listSites, updateSite } from './site.repository.ts';
import type { WatchSitesTable } from './site.tables.ts';
import { canManageWatchArea, requireWatchManager, requireWatchReader, watchAreasOf } from './watch.policy.ts';

export type WatchDeps = ServiceDeps;

async function requireAreaOfNetwork(deps: WatchDeps, networkId: string, areaId: string): Promise<void> {
  const known = await findAreaIdsInNetwork(deps.db, networkId, [areaId]);
  if (!known.has(areaId)) throw new AppError('AREA_NOT_FOUND', 'No such area.');
}

function presentSite(
  deps: WatchDeps,
  principal: Principal,
  row: WatchSitesTable,
  areaNames: ReadonlyMap<string, string>,
): WatchSiteView {
  return {
    id: row.id,
    areaId: row.area_id,
    areaName: areaNames.get(row.area_id) ?? '',
    kind: row.kind,
    name: row.name,
    ...decryptSiteDetails(deps.crypto, row.details_enc),
    canManage: canManageWatchArea(principal, row.area_id),
  };
}

/** The sites of the viewer's areas, with the areas where they may add one. */
export async function listWatchSites(deps: WatchDeps, principal: Principal): Promise<WatchSitesAnswer> {
  requireWatchReader(principal);
  const [areas, rows] = await Promise.all([
    listAreaNames(deps.db, principal.networkId),
    listSites(deps.db, principal.networkId, watchAreasOf(principal)),
  ]);
  const areaNames = new Map(areas.map((area) => [area.id, area.name]));
  return {
    sites: rows.map((row) => presentSite(deps, principal, row, areaNames)),
    manageableAreas: areas.filter((area) => canManageWatchArea(principal, area.id)),
  };
}

function detailsOf(input: ReturnType<typeof watchSiteSchema.parse>) {
  const { address, openingHours, entryRules, safetyNotes, rallyPoint } = input;
  return { address, openingHours, entryRules, safetyNotes, rallyPoint };
}

export async function createWatchSite(deps: WatchDeps, principal: Principal, raw: WatchSiteInput) {
  const input = watchSiteSchema.parse(raw);
  requireWatchManager(principal, input.areaId);
  await requireAreaOfNetwork(deps, principal.networkId, input.areaId);
  const id = newId();
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    await insertSite(uow.trx, {
      id,
      network_id: principal.networkId,
      area_id: input.areaId,
      kind: input.kind,
      name: input.name,
      details_enc: encryptSiteDetails(deps.crypto, detailsOf(input)),
      created_by: principal.memberId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'watch.siteCreated',
      objectType: 'watchSite',
      objectId: id,
      metadata: { areaId: input.areaId, kind: input.kind },
    });
  });
  return { id };
}

/** Changes a site; moving it to another area needs a coordinator of both. */
export async function updateWatchSite(
  deps: WatchDeps,
  principal: Principal,
  siteId: string,
  raw: WatchSiteInput,
): Promise<void> {
  const input = watchSiteSchema.parse(raw);
  const site = await findSite(deps.db, siteId);
  if (!site) throw new AppError('NOT_FOUND', 'Not found.');
  requireSameNetwork(principal, site.network_id);
  requireWatchManager(principal, site.area_id);
  requireWatchManager(principal, input.areaId);
  await requireAreaOfNetwork(deps, principal.networkId, input.areaId);
  await inTransaction(deps, async (uow) => {
    await updateSite(uow.trx, site.id, {
      area_id: input.areaId,
      kind: input.kind,
      name: input.name,
      details_enc: encryptSiteDetails(deps.crypto, detailsOf(input)),
      updated_at: deps.clock.now(),
    });
    await recordAudit(deps, uow.trx, {
      networkId: site.network_id,
      actorMemberId: principal.memberId,
      action: 'watch.siteUpdated',
      objectType: 'watchSite',
      objectId: site.id,
      metadata: { areaId: input.areaId, kind: input.kind },
    });
  });
}
