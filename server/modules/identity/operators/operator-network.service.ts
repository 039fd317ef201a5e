import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { recordAudit } from '../audit/index.ts';
import type { AuthDeps } from '../auth/auth.deps.ts';
import { countMembersOfNetwork } from '../members/member-reads.repository.ts';
import { createNetwork } from '../networks/network.service.ts';
import {
  listNetworkRowsForOperator,
  setNetworkSuspendedAt,
} from '../networks/network-suspension.repository.ts';
import { issueNetworkAdminSetupToken } from '../setup/network-admin-setup.service.ts';
import { proveOperatorCode } from './operator-account.service.ts';
import type { OperatorPrincipal } from './operator-session.service.ts';
import { operatorNetworkSchema, operatorStepUpSchema } from './operator.contract.ts';
import type {
  CreatedOperatorNetwork,
  NetworkHealth,
  NetworkSuspension,
  OperatorNetworkList,
} from './operator.contract.ts';

/** What the other modules count for the operator's health view: counts, never content. */
export interface NetworkActivity {
  openIncidents: number;
  lastReportAt: number | null;
  queuedDeliveries: number;
  isStopSwitchOn: boolean;
}

/** Filled by the composition root from intake and alerting (identity cannot import them). */
export type NetworkActivityReader = (db: Kysely<Database>, networkId: string) => Promise<NetworkActivity>;

declare module '../../../platform/context.ts' {
  interface ModulePorts {
    networkActivity?: NetworkActivityReader;
  }
}

export interface OperatorDeps extends AuthDeps {
  publicUrl: string;
  networkActivity: NetworkActivityReader | undefined;
}

const noActivity: NetworkActivity = {
  openIncidents: 0,
  lastReportAt: null,
  queuedDeliveries: 0,
  isStopSwitchOn: false,
};

/** Every network with its health, in counts only (ADR 0032). */
export async function listNetworkHealth(
  deps: OperatorDeps,
  _operator: OperatorPrincipal,
): Promise<OperatorNetworkList> {
  const rows = await listNetworkRowsForOperator(deps.db);
  const networks: NetworkHealth[] = [];
  for (const row of rows) {
    const [members, activity] = await Promise.all([
      countMembersOfNetwork(deps.db, row.id),
      deps.networkActivity ? deps.networkActivity(deps.db, row.id) : noActivity,
    ]);
    networks.push({
      id: row.id,
      name: row.name,
      slug: row.slug,
      timezone: row.timezone,
      languages: parseLanguages(row.languages),
      createdAt: row.created_at,
      suspendedAt: row.suspended_at ?? null,
      members,
      ...activity,
    });
  }
  return { networks };
}

/** A new network and its first admin's one-time setup link, audited in both chains. */
export async function createOperatorNetwork(
  deps: Omit<OperatorDeps, 'networkActivity'>,
  operator: OperatorPrincipal | 'command-line',
  input: unknown,
): Promise<CreatedOperatorNetwork> {
  const parsed = parseInput(operatorNetworkSchema, input);
  const via = operator === 'command-line' ? operator : 'operator';
  return inTransaction(deps, async ({ trx }) => {
    const network = await createNetwork(deps, trx, parsed, { actorMemberId: null, via });
    const link = await issueNetworkAdminSetupToken(deps, trx, network.id);
    await recordAudit(deps, trx, {
      networkId: null,
      actorMemberId: null,
      action: 'operator.networkCreated',
      objectType: 'network',
      objectId: network.id,
      metadata: {
        operatorId: operator === 'command-line' ? null : operator.operatorId,
        slug: network.slug,
        via,
      },
    });
    return {
      id: network.id,
      slug: network.slug,
      adminSetupLink: `${deps.publicUrl}/setup/${link.token}`,
      adminSetupExpiresAt: link.expiresAt,
    };
  });
}

/**
 * Suspends (`isSuspended`) or resumes a network after a fresh authenticator code (the step-up).
 * Audited in the network's own chain, so its admins see who did it, and in the deployment's.
 */
export async function setNetworkSuspension(
  deps: OperatorDeps,
  operator: OperatorPrincipal,
  request: { networkId: string; isSuspended: boolean; input: unknown },
): Promise<NetworkSuspension> {
  const { code } = parseInput(operatorStepUpSchema, request.input);
  await proveOperatorCode(deps, operator.operatorId, code);
  const now = deps.clock.now();
  const suspendedAt = request.isSuspended ? now : null;
  return inTransaction(deps, async ({ trx }) => {
    const rows = await listNetworkRowsForOperator(trx);
    const row = rows.find((candidate) => candidate.id === request.networkId);
    if (!row) throw new AppError('NETWORK_NOT_FOUND', 'Not found.');
    if (!(await setNetworkSuspendedAt(trx, row.id, suspendedAt))) {
      return { id: row.id, suspendedAt: row.suspended_at ?? null };
    }
    const action = request.isSuspended ? 'network.suspended' : 'network.resumed';
    for (const chain of [row.id, null]) {
      await recordAudit(deps, trx, {
        networkId: chain,
        actorMemberId: null,
        action,
        objectType: 'network',
        objectId: row.id,
        metadata: { operatorId: operator.operatorId },
      });
    }
    return { id: row.id, suspendedAt };
  });
}

/** A damaged column must not take the operator's screen down: it shows no languages then. */
function parseLanguages(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}
