import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { recordAudit } from '../audit/index.ts';
import { hasRole, requirePasskeyStepUp } from '../auth/index.ts';
import type { Principal } from '../auth/index.ts';
import type { NetworkDeps } from './area.service.ts';
import { requireActiveMember, requireNetworkAdmin } from './network.policy.ts';
import { selectNetworkById, updateNetworkRow } from './network.repository.ts';
import { replaceHotlineNumbers } from './hotline-number.repository.ts';
import type { NetworkProfile, UpdateNetworkInput } from './network.contract.ts';
import { refuseUnofferedLanguages } from './network-languages.ts';
import { memberVisibleSettings, parseStoredSettings } from './network-settings.ts';
import { toNetwork } from './network.service.ts';
import type { NetworksTable } from './network.tables.ts';

/** The signed-in member's own network: there is no way to name another. */
export async function getNetworkProfile(deps: NetworkDeps, principal: Principal): Promise<NetworkProfile> {
  requireActiveMember(principal);
  const row = await selectNetworkById(deps.db, principal.networkId);
  if (!row) throw new AppError('NETWORK_NOT_FOUND', 'Not found.');
  return present(row, principal);
}

/**
 * Changes the name, zone, languages or some settings; audited with the names of the changed fields.
 * Languages and settings (hotline numbers, caps, retention, cooling-off) change what the public
 * receives or how long data is held: they need a fresh step-up (ADR 0019).
 */
export async function updateNetwork(
  deps: NetworkDeps,
  principal: Principal,
  input: UpdateNetworkInput,
): Promise<NetworkProfile> {
  requireNetworkAdmin(principal);
  refuseUnofferedLanguages(input.languages);
  if (input.languages !== undefined || input.settings !== undefined)
    requirePasskeyStepUp(principal, deps.clock);
  return inTransaction(deps, async ({ trx }) => {
    const row = await selectNetworkById(trx, principal.networkId);
    if (!row) throw new AppError('NETWORK_NOT_FOUND', 'Not found.');
    const settings = { ...parseStoredSettings(row.settings), ...input.settings };
    const changes = {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
      ...(input.languages === undefined ? {} : { languages: JSON.stringify(input.languages) }),
      ...(input.settings === undefined ? {} : { settings: JSON.stringify(settings) }),
    };
    await updateNetworkRow(trx, row.id, changes);
    if (input.settings?.hotlineNumbers !== undefined) {
      await claimHotlineNumbers(trx, row.id, input.settings.hotlineNumbers, deps.clock.now());
    }
    const fields = [
      ...Object.keys(changes).filter((field) => field !== 'settings'),
      ...Object.keys(input.settings ?? {}).map((key) => `settings.${key}`),
    ];
    await recordAudit(deps, trx, {
      networkId: row.id,
      actorMemberId: principal.memberId,
      action: 'network.updated',
      objectType: 'network',
      objectId: row.id,
      metadata: { fields },
    });
    return present({ ...row, ...changes }, principal);
  });
}

/**
 * A hotline number belongs to one network in the deployment (issue 14 §6): the table's primary key
 * decides, even between two admins racing. The answer names neither network.
 */
async function claimHotlineNumbers(
  trx: Kysely<Database>,
  networkId: string,
  numbers: readonly string[],
  now: number,
): Promise<void> {
  try {
    await replaceHotlineNumbers(trx, { networkId, numbers, now });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('HOTLINE_NUMBER_TAKEN', 'One of these numbers is already a hotline in use.', [
        { path: 'settings.hotlineNumbers', message: 'already in use as a hotline number' },
      ]);
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function present(row: NetworksTable, principal: Principal): NetworkProfile {
  const network = toNetwork(row);
  const isAdmin = hasRole(principal, ['admin'], []);
  return {
    id: network.id,
    slug: network.slug,
    name: network.name,
    timezone: network.timezone,
    languages: network.languages,
    settings: isAdmin ? network.settings : memberVisibleSettings(network.settings),
  };
}
