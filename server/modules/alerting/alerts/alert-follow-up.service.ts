import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { Principal } from '../../identity/index.ts';
import type { AuditAction } from '../../identity/index.ts';
import { renderContent } from './alert-content.service.ts';
import { audit, draftBase, requireNetwork } from './alert-drafting.service.ts';
import type { AlertDeps } from './alert.deps.ts';
import { alertDrafters, requireAlertOfNetwork, requireAreaCovered } from './alert.policy.ts';
import { presentAlert } from './alert-presenter.ts';
import type { PresentedAlert } from './alert-presenter.ts';
import { insertAlert } from './alert.repository.ts';
import type { CancellationInput, CorrectionInput } from './alert.contract.ts';
import type { AlertKind, AlertsTable } from './alert.tables.ts';
import { validateFreeText } from './alert-templates.ts';

/**
 * A correction, update or all-clear of a live alert: one step away, pre-translated, in the same
 * thread (CAP Update with `references`), for the same recipients. Its words are public, so it is
 * a draft with frozen content that a second coordinator approves like any alert.
 */
export function draftCorrection(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
  input: CorrectionInput,
): Promise<PresentedAlert> {
  return draftFollowUp(deps, principal, alertId, {
    kind: 'correction',
    templateKey: input.template,
    freeText: input.freeText,
    action: 'alert.correctionDrafted',
  });
}

/**
 * A cancellation with the network's cancellation text and any free text (CAP Cancel). Two
 * people, like every public word: the one-person way to stop a false alert is the retraction,
 * whose text is shipped and fixed (alert-retraction.service.ts).
 */
export function draftCancellation(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
  input: CancellationInput,
): Promise<PresentedAlert> {
  return draftFollowUp(deps, principal, alertId, {
    kind: 'cancellation',
    templateKey: 'cancellation',
    freeText: input.freeText,
    action: 'alert.cancellationDrafted',
  });
}

async function draftFollowUp(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
  followUp: {
    kind: Exclude<AlertKind, 'alert'>;
    templateKey: string;
    freeText: Record<string, string>;
    action: AuditAction;
  },
): Promise<PresentedAlert> {
  const original = await requireLiveAlert(deps, principal, alertId);
  requireAreaCovered(principal, alertDrafters, original);
  const network = await requireNetwork(deps, principal.networkId);
  const freeText = validateFreeText(followUp.freeText, network.languages);
  const row = followUpRow(original, principal, followUp.kind, freeText, deps.clock.now());
  row.template_key = followUp.templateKey;
  const drafted = await inTransaction(deps, async (uow) => {
    const frozen = { ...row, ...(await renderContent(deps, uow.trx, network, row, principal.memberId)) };
    await insertAlert(uow.trx, frozen);
    await audit(deps, uow.trx, principal, followUp.action, frozen, { contentHash: frozen.content_hash });
    return frozen;
  });
  return presentAlert(drafted);
}

/** An approved alert whose thread was not cancelled: the only thing a follow-up targets. */
export async function requireLiveAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<AlertsTable> {
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  if (alert.state !== 'approved' || alert.cancelled_at !== null || alert.kind === 'cancellation') {
    throw new AppError(
      'ALERT_NOT_LIVE',
      'Only a sent alert that was not cancelled can be corrected or cancelled.',
    );
  }
  return alert;
}

/** A new message of the original's thread, referencing it, for its recipients. */
export function followUpRow(
  original: AlertsTable,
  principal: Principal,
  kind: Exclude<AlertKind, 'alert'>,
  freeText: Record<string, string>,
  now: number,
): AlertsTable {
  return {
    ...original,
    ...draftBase(newId(), principal, now),
    references_alert_id: original.id,
    kind,
    template_key: kind,
    free_text: JSON.stringify(freeText),
    is_override: 0,
  };
}
