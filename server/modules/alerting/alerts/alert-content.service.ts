import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Principal } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { contentFormat, sealContent } from './alert-content.ts';
import type { FrozenContent } from './alert-content.ts';
import { audit, requireNetwork } from './alert-drafting.service.ts';
import type { AlertDeps } from './alert.deps.ts';
import { alertDrafters, requireAlertOfNetwork, requireAreaCovered } from './alert.policy.ts';
import { presentAlert } from './alert-presenter.ts';
import type { PresentedAlert } from './alert-presenter.ts';
import { findAlertById, updateAlertIfState } from './alert.repository.ts';
import { listTemplateOverrides } from './alert-template.repository.ts';
import { versionOf } from './alert-template.service.ts';
import { renderFrozenLanguages, retractionTemplateKey } from './alert-rendering.ts';
import type { AlertsTable } from './alert.tables.ts';
import { capDocument } from './cap.ts';
import { publishedThread } from './public-alerts.service.ts';

export type FrozenColumns = Pick<
  AlertsTable,
  'content' | 'content_hash' | 'rendered_at' | 'rendered_by' | 'template_versions'
>;

/** The `sent` of an alert's CAP document: when its words were frozen (at approval, for older rows). */
export function capSentAt(row: Pick<AlertsTable, 'content' | 'rendered_at' | 'approved_at' | 'created_at'>) {
  return row.content !== null && row.rendered_at !== null
    ? row.rendered_at
    : (row.approved_at ?? row.created_at);
}

/**
 * Renders every public text of an alert (every channel, every network language, the CAP document)
 * from the templates active now, and seals it: the canonical JSON and its SHA-256 are what the
 * approver previews and what approval must name. Nothing later re-renders it.
 */
export async function renderContent(
  deps: Pick<AlertDeps, 'publicUrl' | 'clock'>,
  db: Kysely<Database>,
  network: Network,
  alert: AlertsTable,
  renderedBy: string,
): Promise<FrozenColumns> {
  const now = deps.clock.now();
  const active = await listTemplateOverrides(db, network.id);
  const thread = alert.kind === 'alert' ? [] : await publishedThread(db, alert.thread_id);
  const referenced = alert.references_alert_id
    ? await findAlertById(db, alert.references_alert_id)
    : undefined;
  const languages = renderFrozenLanguages(alert, {
    network,
    publicUrl: deps.publicUrl,
    overrides: new Map(active.map((row) => [`${row.template_key}\u0000${row.language}`, row.body])),
    referencedAt: referenced?.approved_at ?? null,
  });
  const cap = capDocument({
    alert,
    sentAt: now,
    references: thread
      .filter((other) => other.id !== alert.id)
      .map((other) => ({ publicId: other.public_id, sentAt: capSentAt(other) })),
    network,
    publicUrl: deps.publicUrl,
    messages: languages,
  });
  const content: FrozenContent = { format: contentFormat, publicId: alert.public_id, languages, cap };
  const sealed = sealContent(content);
  const versions: Record<string, string> = {};
  for (const language of network.languages) {
    const row = active.find(
      (entry) => entry.template_key === alert.template_key && entry.language === language,
    );
    versions[language] = alert.template_key === retractionTemplateKey ? 'shipped' : versionOf(row);
  }
  return {
    content: sealed.canonical,
    content_hash: sealed.hash,
    rendered_at: now,
    rendered_by: renderedBy,
    template_versions: JSON.stringify(versions),
  };
}

/**
 * The drafter's explicit re-render: the draft takes the templates active now and gets a new
 * hash, so an approval naming the hash previewed before is refused (ALERT_CONTENT_CHANGED).
 * Whoever re-renders can no longer approve it.
 */
export async function rerenderAlert(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<PresentedAlert> {
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  requireAreaCovered(principal, alertDrafters, alert);
  if (alert.state !== 'draft') throw new AppError('ALERT_NOT_DRAFT', 'This alert is no longer a draft.');
  const network = await requireNetwork(deps, principal.networkId);
  const rendered = await inTransaction(deps, async (uow) => {
    const frozen = await renderContent(deps, uow.trx, network, alert, principal.memberId);
    const changes = { ...frozen, updated_at: frozen.rendered_at ?? deps.clock.now() };
    if (!(await updateAlertIfState(uow.trx, alert.id, 'draft', changes))) {
      throw new AppError('ALERT_NOT_DRAFT', 'This alert is no longer a draft.');
    }
    await audit(deps, uow.trx, principal, 'alert.rerendered', alert, {
      previousHash: alert.content_hash,
      contentHash: frozen.content_hash,
    });
    return { ...alert, ...changes };
  });
  return presentAlert(rendered);
}
