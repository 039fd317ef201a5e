import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../auth/authenticator.ts';
import { browseAudit, listAuditActions, verifyNetworkAudit } from './audit-browse.service.ts';
import type { AuditPage } from './audit-browse.service.ts';
import { auditBrowseQuerySchema } from './audit.contract.ts';
import type { AuditEntry, AuditEntryPage } from './audit.contract.ts';
import type { AuditLogTable } from './audit.tables.ts';

export function registerAuditRoutes(app: FastifyInstance, context: PlatformContext): void {
  const { db, dialect } = context.database;
  const deps = { db, dialect, clock: context.clock };
  const authenticator = createAuthenticator(context);

  app.get('/api/audit', async (request) => {
    const query = parseInput(auditBrowseQuerySchema, request.query);
    const principal = await authenticator.requirePrincipal(request);
    return presentPage(await browseAudit(deps, principal, query));
  });

  app.get('/api/audit/actions', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return listAuditActions(principal);
  });

  app.get('/api/audit/verify', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return verifyNetworkAudit(deps, principal);
  });
}

function presentPage(page: AuditPage): AuditEntryPage {
  return {
    entries: page.entries.map(presentEntry),
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  };
}

function presentEntry(entry: AuditLogTable): AuditEntry {
  return {
    id: entry.id,
    seq: entry.seq,
    action: entry.action,
    actorMemberId: entry.actor_member_id,
    objectType: entry.object_type,
    objectId: entry.object_id,
    metadata: parseMetadata(entry.metadata),
    createdAt: Number.isFinite(entry.created_at) ? new Date(entry.created_at).toISOString() : null,
    hash: entry.hash,
    prevHash: entry.prev_hash,
  };
}

/** A tampered row may hold anything; the browse still answers and verify reports the damage. */
function parseMetadata(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
