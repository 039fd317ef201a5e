import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { recordAudit, requirePasskeyStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { evidenceViewerRoles, legalHoldRoles } from './evidence.contract.ts';
import type { LegalHoldAnswer, LegalHoldInput } from './evidence.contract.ts';
import { requireEvidenceIncident } from './evidence-access.service.ts';
import type { EvidenceLegalHoldsTable } from './evidence.tables.ts';
import { deleteLegalHold, findLegalHold, upsertLegalHold } from './legal-hold.repository.ts';

/** Field-crypto context of evidence_legal_holds.reason_enc. */
export const legalHoldReasonContext = 'evidence_legal_holds.reason';

/** A hold is reviewed at least this often: past it, coordinators are shown it is overdue. */
export const legalHoldReviewPeriodMs = 90 * 24 * 60 * 60 * 1000;

/** The incident's legal hold, for anyone who may see its evidence. */
export async function getLegalHold(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
): Promise<LegalHoldAnswer> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, evidenceViewerRoles);
  return present(deps, await findLegalHold(deps.db, incident.id));
}

/**
 * Places a legal hold on the incident's evidence, or reviews one already placed (a coordinator of
 * its area, after a passkey step-up): the evidence is then never deleted by retention until the
 * hold is lifted. The review is due again in 90 days. Audited in the same transaction.
 */
export async function placeLegalHold(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
  input: LegalHoldInput,
): Promise<LegalHoldAnswer> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, legalHoldRoles);
  requirePasskeyStepUp(principal, deps.clock);
  const now = deps.clock.now();
  const row = await inTransaction(deps, async ({ trx }) => {
    const existing = await findLegalHold(trx, incident.id);
    const hold: EvidenceLegalHoldsTable = {
      incident_id: incident.id,
      network_id: incident.network_id,
      reason_enc: deps.crypto.encrypt(input.reason, legalHoldReasonContext),
      placed_by: existing?.placed_by ?? principal.memberId,
      placed_at: existing?.placed_at ?? now,
      reviewed_by: principal.memberId,
      reviewed_at: now,
      review_due_at: now + legalHoldReviewPeriodMs,
    };
    await upsertLegalHold(trx, hold);
    await recordAudit(deps, trx, {
      networkId: incident.network_id,
      actorMemberId: principal.memberId,
      action: existing ? 'evidence.legalHoldReviewed' : 'evidence.legalHoldPlaced',
      objectType: 'incident',
      objectId: incident.id,
      metadata: { reviewDueAt: hold.review_due_at },
    });
    return hold;
  });
  return present(deps, row);
}

/** Lifts the hold (same roles and step-up): the evidence follows the network's retention again. */
export async function liftLegalHold(
  deps: EvidenceDeps,
  principal: Principal,
  incidentId: string,
): Promise<LegalHoldAnswer> {
  const incident = await requireEvidenceIncident(deps.db, principal, incidentId, legalHoldRoles);
  requirePasskeyStepUp(principal, deps.clock);
  await inTransaction(deps, async ({ trx }) => {
    if ((await deleteLegalHold(trx, incident.id)) === 0) return;
    await recordAudit(deps, trx, {
      networkId: incident.network_id,
      actorMemberId: principal.memberId,
      action: 'evidence.legalHoldLifted',
      objectType: 'incident',
      objectId: incident.id,
      metadata: {},
    });
  });
  return { legalHold: null };
}

function present(deps: EvidenceDeps, row: EvidenceLegalHoldsTable | undefined): LegalHoldAnswer {
  if (!row) return { legalHold: null };
  let reason: string | null;
  try {
    reason = deps.crypto.decrypt(row.reason_enc, legalHoldReasonContext);
  } catch {
    reason = null; // a retired key: the hold holds all the same
  }
  return {
    legalHold: {
      reason,
      placedBy: row.placed_by,
      placedAt: row.placed_at,
      reviewedAt: row.reviewed_at,
      reviewDueAt: row.review_due_at,
      isReviewOverdue: deps.clock.now() > row.review_due_at,
    },
  };
}
