import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { refuseUnofferedLanguages } from './network-languages.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../audit/index.ts';
import {
  insertNetwork,
  selectNetworkById,
  selectNetworkBySlug,
  selectNetworkSettings,
} from './network.repository.ts';
import { createNetworkSchema } from './network.contract.ts';
import type { CreateNetworkInput } from './network.contract.ts';
import { listNetworkIds } from './network-reads.repository.ts';
import { parseStoredSettings } from './network-settings.ts';
import type { NetworkSettings } from './network-settings.ts';
import type { NetworksTable } from './network.tables.ts';

export interface Network {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  /** BCP 47 tags; the first is the network's default language. */
  languages: string[];
  settings: NetworkSettings;
  createdAt: number;
  /** Suspended by the deployment's operator: nothing answers for it but "not in service". */
  isSuspended: boolean;
}

export interface CreateNetworkOptions {
  /** Who created it, when that member already exists (null during first setup). */
  actorMemberId?: string | null;
  /** How it was created, for the audit entry (e.g. 'setup-link', 'command-line'). */
  via?: string;
}

/**
 * Creates a network in the caller's transaction and audits `network.created`. `input` is
 * validated here (createNetworkSchema): VALIDATION_FAILED for a bad slug, zone or language,
 * NETWORK_SLUG_TAKEN when the slug is in use. Settings start empty, so every one is its default.
 */
export async function createNetwork(
  deps: { clock: Clock; dialect: DialectName },
  trx: Kysely<Database>,
  input: CreateNetworkInput,
  options: CreateNetworkOptions = {},
): Promise<Network> {
  const parsed = parseInput(createNetworkSchema, input);
  refuseUnofferedLanguages(parsed.languages);
  if (await selectNetworkBySlug(trx, parsed.slug)) throw slugTaken();
  const row: NetworksTable = {
    id: newId(),
    slug: parsed.slug,
    name: parsed.name,
    timezone: parsed.timezone,
    languages: JSON.stringify(parsed.languages),
    settings: '{}',
    created_at: deps.clock.now(),
  };
  try {
    await insertNetwork(trx, row);
  } catch (error) {
    // Two creations racing for one slug: the loser gets the same answer as the check above.
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
  await recordAudit(deps, trx, {
    networkId: row.id,
    actorMemberId: options.actorMemberId ?? null,
    action: 'network.created',
    objectType: 'network',
    objectId: row.id,
    metadata: { slug: row.slug, ...(options.via === undefined ? {} : { via: options.via }) },
  });
  return toNetwork(row);
}

export async function findNetworkById(db: Kysely<Database>, networkId: string): Promise<Network | null> {
  const row = await selectNetworkById(db, networkId);
  return row ? toNetwork(row) : null;
}

/**
 * The network behind a public address (intake form, status pages, subscriptions, rumors), or null.
 * NETWORK_NOT_IN_SERVICE for a suspended one: every public surface answers the same (ADR 0032).
 */
export async function findNetworkBySlug(db: Kysely<Database>, slug: string): Promise<Network | null> {
  const row = await selectNetworkBySlug(db, slug.toLowerCase());
  if (row?.suspended_at != null) throw networkNotInService();
  return row ? toNetwork(row) : null;
}

export function networkNotInService(): AppError {
  return new AppError('NETWORK_NOT_IN_SERVICE', 'This network is not in service.');
}

/** The network's settings with defaults filled in; NETWORK_NOT_FOUND for an unknown id. */
export async function getNetworkSettings(db: Kysely<Database>, networkId: string): Promise<NetworkSettings> {
  const stored = await selectNetworkSettings(db, networkId);
  if (stored === undefined) throw new AppError('NETWORK_NOT_FOUND', 'Not found.');
  return parseStoredSettings(stored);
}

/** Runs `count` for every network with its settings and adds up the answers (per-network purges). */
export async function sumOverNetworks(
  db: Kysely<Database>,
  count: (networkId: string, settings: NetworkSettings) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (const networkId of await listNetworkIds(db)) {
    total += await count(networkId, await getNetworkSettings(db, networkId));
  }
  return total;
}

export function toNetwork(row: NetworksTable): Network {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone,
    languages: parseLanguages(row.languages),
    settings: parseStoredSettings(row.settings),
    createdAt: row.created_at,
    isSuspended: row.suspended_at != null,
  };
}

function parseLanguages(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    if (Array.isArray(value) && value.length > 0 && value.every((tag) => typeof tag === 'string')) {
      return value;
    }
  } catch {
    // Fall through: a damaged column must not take the network offline.
  }
  return ['en', 'es'];
}

function slugTaken(): AppError {
  return new AppError('NETWORK_SLUG_TAKEN', 'This short name is already in use. Choose another.');
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
