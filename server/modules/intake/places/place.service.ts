import type { ServiceDeps } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit, requireRole } from '../../identity/index.ts';
import type { Principal, Role } from '../../identity/index.ts';
import { listedProblemRows } from './place.contract.ts';
import type {
  GazetteerImported,
  GazetteerImportInput,
  GazetteerImportPreview,
  GazetteerView,
  LocateAnswer,
  LocateInput,
  PlaceKind,
} from './place.contract.ts';
import { readPlacesFile, readStreetsFile } from './place-file.ts';
import type { ReadRow } from './place-file.ts';
import { countStreets, replacePlaces, replaceStreets, selectPlaces } from './place.repository.ts';
import { locateInGazetteer } from './place-lookup.ts';

/** Admins keep the lists; the people who place reports may look a place up. */
const gazetteerKeepers: readonly Role[] = ['admin'];
const gazetteerReaders: readonly Role[] = ['admin', 'coordinator', 'dispatcher'];

function previewOf(rows: readonly ReadRow[]): GazetteerImportPreview {
  const withProblems = rows.filter((row) => row.problems.length > 0);
  return {
    validCount: rows.length - withProblems.length,
    invalidCount: withProblems.length,
    problemRows: withProblems
      .slice(0, listedProblemRows)
      .map(({ line, name, problems }) => ({ line, name: name.slice(0, 120), problems })),
  };
}

function refuseRowsWithProblems(rows: readonly ReadRow[]): void {
  const preview = previewOf(rows);
  if (preview.invalidCount > 0) {
    throw new AppError('GAZETTEER_IMPORT_HAS_ERRORS', 'Fix the rows with problems, then import again.', [
      { path: 'text', message: `${preview.invalidCount} rows with problems` },
    ]);
  }
}

export async function getGazetteer(deps: ServiceDeps, principal: Principal): Promise<GazetteerView> {
  requireRole(principal, gazetteerReaders);
  const places = await selectPlaces(deps.db, principal.networkId);
  const streets = await countStreets(deps.db, principal.networkId);
  return {
    places: places.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind as PlaceKind,
      lat: row.lat,
      lon: row.lon,
      radiusMeters: row.radius_meters,
    })),
    streetCount: streets.pieces,
    streetNameCount: streets.names,
  };
}

/** Checks a places file row by row; nothing is stored. */
export function previewPlacesImport(
  principal: Principal,
  input: GazetteerImportInput,
): GazetteerImportPreview {
  requireRole(principal, gazetteerKeepers);
  return previewOf(readPlacesFile(input.format, input.text));
}

/** Checks a street list row by row; nothing is stored. */
export function previewStreetsImport(
  principal: Principal,
  input: GazetteerImportInput,
): GazetteerImportPreview {
  requireRole(principal, gazetteerKeepers);
  return previewOf(readStreetsFile(input.format, input.text));
}

/**
 * Replaces the network's named places with the file's, only when every row is good
 * (GAZETTEER_IMPORT_HAS_ERRORS otherwise, and nothing changes). One transaction: rows and audit.
 */
export async function importPlaces(
  deps: ServiceDeps,
  principal: Principal,
  input: GazetteerImportInput,
): Promise<GazetteerImported> {
  requireRole(principal, gazetteerKeepers);
  const rows = readPlacesFile(input.format, input.text);
  refuseRowsWithProblems(rows);
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    await replacePlaces(
      uow.trx,
      principal.networkId,
      rows.map((row) => ({
        id: newId(),
        network_id: principal.networkId,
        name: row.name,
        name_key: row.key,
        kind: row.kind,
        lat: row.lat,
        lon: row.lon,
        radius_meters: row.radiusMeters,
        created_at: now,
      })),
    );
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'gazetteer.placesImported',
      objectType: 'network',
      objectId: principal.networkId,
      metadata: { count: rows.length, format: input.format },
    });
  });
  return { imported: rows.length };
}

/** Replaces the network's street list with the file's, on the same terms as importPlaces. */
export async function importStreets(
  deps: ServiceDeps,
  principal: Principal,
  input: GazetteerImportInput,
): Promise<GazetteerImported> {
  requireRole(principal, gazetteerKeepers);
  const rows = readStreetsFile(input.format, input.text);
  refuseRowsWithProblems(rows);
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    await replaceStreets(
      uow.trx,
      principal.networkId,
      rows.map((row) => ({
        id: newId(),
        network_id: principal.networkId,
        name: row.name,
        name_key: row.key,
        positions: JSON.stringify(row.lines),
        created_at: now,
      })),
    );
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'gazetteer.streetsImported',
      objectType: 'network',
      objectId: principal.networkId,
      metadata: { count: rows.length, format: input.format },
    });
  });
  return { imported: rows.length };
}

/** Where a typed place is, by the network's own lists (no geocoder involved). */
export async function locatePlace(
  deps: ServiceDeps,
  principal: Principal,
  input: LocateInput,
): Promise<LocateAnswer> {
  requireRole(principal, gazetteerReaders);
  const found = await locateInGazetteer(deps.db, principal.networkId, input.text);
  return {
    found: found
      ? {
          kind: found.kind,
          label: found.label,
          lat: found.point.lat,
          lon: found.point.lon,
          radiusMeters: found.radiusMeters,
        }
      : null,
  };
}
