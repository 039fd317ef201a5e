import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { requirePasskeyStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { recordIncidentChange } from './incident-changes.service.ts';
import type { IncidentDeps } from './incident.deps.ts';
import { memberNamesById } from './incident-names.service.ts';
import { requireIncidentAccess } from './incident-access.policy.ts';
import { presentIncident } from './incident-presenter.ts';
import type { PresentedIncident } from './incident-presenter.ts';
import { updateIncident } from './incident.repository.ts';
import type { IncidentRow } from './incident.repository.ts';
import type { PublicWithholding, WithholdInput } from './incident.contract.ts';

/** Field-crypto context of incidents.public_withheld_reason_enc. */
export const withheldReasonContext = 'incidents.public_withheld_reason';

/** Only coordinators decide what the public sees of an incident (issue 15 §5). */
const publicationRoles = ['coordinator'] as const;

/**
 * Withholds the incident from every public page (rumor board, its status page, the live alerts
 * page, JSON and Atom feed) until a coordinator publishes it again. A coordinator of its area,
 * after a passkey step-up; the reason is kept encrypted and the act audited with the incident's
 * history, in one transaction. Withholding again replaces the reason.
 */
export async function withholdIncidentFromPublic(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
  input: WithholdInput,
): Promise<PresentedIncident> {
  const { incident } = await requireIncidentAccess(deps.db, {
    principal,
    incidentId,
    roles: publicationRoles,
  });
  requirePasskeyStepUp(principal, deps.clock);
  const updated = await inTransaction(deps, async (uow) => {
    await updateIncident(uow.trx, incident.id, {
      public_withheld_at: deps.clock.now(),
      public_withheld_by: principal.memberId,
      public_withheld_reason_enc: deps.crypto.encrypt(input.reason, withheldReasonContext),
      updated_at: deps.clock.now(),
    });
    return recordIncidentChange(deps, uow, {
      incidentId: incident.id,
      actorMemberId: principal.memberId,
      history: { kind: 'withheldFromPublic' },
      audit: 'incident.withheldFromPublic',
      realtime: 'incident.updated',
    });
  });
  return presentWithHolder(deps, updated);
}

/** Puts a withheld incident back on the public pages (same roles, step-up and records). */
export async function publishIncidentAgain(
  deps: IncidentDeps,
  principal: Principal,
  incidentId: string,
): Promise<PresentedIncident> {
  const { incident } = await requireIncidentAccess(deps.db, {
    principal,
    incidentId,
    roles: publicationRoles,
  });
  requirePasskeyStepUp(principal, deps.clock);
  if (incident.public_withheld_at === null) return presentWithHolder(deps, incident);
  const updated = await inTransaction(deps, async (uow) => {
    await updateIncident(uow.trx, incident.id, {
      public_withheld_at: null,
      public_withheld_by: null,
      public_withheld_reason_enc: null,
      updated_at: deps.clock.now(),
    });
    return recordIncidentChange(deps, uow, {
      incidentId: incident.id,
      actorMemberId: principal.memberId,
      history: { kind: 'publishedAgain' },
      audit: 'incident.publishedAgain',
      realtime: 'incident.updated',
    });
  });
  return presentWithHolder(deps, updated);
}

/** The withholding as the incident page shows it: when, by whom, and the reason decrypted. */
export async function presentWithholding(
  deps: Pick<IncidentDeps, 'db' | 'crypto'>,
  incident: IncidentRow,
): Promise<PublicWithholding | null> {
  if (incident.public_withheld_at === null) return null;
  const by = incident.public_withheld_by;
  const names = await memberNamesById(deps, incident.network_id, [by]);
  return {
    withheldAt: incident.public_withheld_at,
    withheldBy: by ? { memberId: by, displayName: names.get(by) ?? null } : null,
    reason: readReason(deps, incident.public_withheld_reason_enc),
  };
}

function readReason(deps: Pick<IncidentDeps, 'crypto'>, envelope: string | null): string | null {
  if (envelope === null) return null;
  try {
    return deps.crypto.decrypt(envelope, withheldReasonContext);
  } catch {
    // A reason under a retired key: the incident stays withheld all the same.
    return null;
  }
}

async function presentWithHolder(deps: IncidentDeps, incident: IncidentRow): Promise<PresentedIncident> {
  const holder = incident.claimed_by;
  const names = await memberNamesById(deps, incident.network_id, [holder]);
  return presentIncident(
    incident,
    holder ? { memberId: holder, displayName: names.get(holder) ?? null } : null,
  );
}
