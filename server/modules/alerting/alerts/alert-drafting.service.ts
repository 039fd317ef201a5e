import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId, newSecretToken } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../../identity/index.ts';
import { requireRole, requireStepUp } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { findAreasContainingPoint, findNetworkById } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { zipOfPoint } from '../subscriptions/index.ts';
import { findIncidentForAlert } from './alert-sources.repository.ts';
import type { AlertableIncident } from './alert-sources.repository.ts';
import type { AlertDeps } from './alert.deps.ts';
import { alertApprovers, alertDrafters, requireAlertOfNetwork, requireAreaCovered } from './alert.policy.ts';
import { presentAlert } from './alert-presenter.ts';
import type { PresentedAlert } from './alert-presenter.ts';
import { insertAlert, updateAlertIfState } from './alert.repository.ts';
import type { DraftAlertInput } from './alert.contract.ts';
import type { AlertsTable } from './alert.tables.ts';
import { renderContent } from './alert-content.service.ts';
import { alertTemplateKey, validateFreeText } from './alert-templates.ts';

/** Incidents no one may alert about, override or not. */
const closedStatuses = new Set(['false_alarm', 'closed']);

/**
 * Drafts an alert from an incident. A verified (confirmed) incident is the normal case; any other
 * open incident needs `override: true`, which a second coordinator must confirm before approval.
 */
export async function draftAlert(
  deps: AlertDeps,
  principal: Principal,
  input: DraftAlertInput,
): Promise<PresentedAlert> {
  requireRole(principal, alertDrafters);
  const incident = await findIncidentForAlert(deps.db, input.incidentId);
  if (!incident || incident.network_id !== principal.networkId) {
    throw new AppError('INCIDENT_NOT_FOUND', 'Incident not found.');
  }
  requireAlertable(incident, input.override);
  if (incident.lat === null || incident.lon === null) {
    throw new AppError('ALERT_INCIDENT_UNLOCATED', 'The incident has no location yet: an alert needs one.');
  }
  const network = await requireNetwork(deps, principal.networkId);
  const areas = await findAreasContainingPoint(deps.db, network.id, incident.lat, incident.lon);
  const areaFields = {
    area_ids: JSON.stringify(areas.map((area) => area.id)),
    area_names: JSON.stringify(areas.map((area) => area.name)),
  };
  requireAreaCovered(principal, alertDrafters, areaFields);
  const freeText = validateFreeText(input.freeText, network.languages);
  const isOverride = incident.status !== 'confirmed';
  const now = deps.clock.now();
  const id = newId();
  const row: AlertsTable = {
    ...draftBase(id, principal, now),
    thread_id: id,
    references_alert_id: null,
    kind: 'alert',
    status: input.status,
    urgency: input.template === 'alert' ? 'urgent' : 'update',
    incident_id: incident.id,
    category: incident.category,
    template_key: input.template === 'alert' ? alertTemplateKey(incident.category) : input.template,
    lat: incident.lat,
    lon: incident.lon,
    radius_meters: input.radiusMeters,
    zip: zipOfPoint({ lat: incident.lat, lon: incident.lon }),
    ...areaFields,
    observed_at: incident.first_report_at,
    free_text: JSON.stringify(freeText),
    is_override: isOverride ? 1 : 0,
  };
  const drafted = await inTransaction(deps, async (uow) => {
    const frozen = { ...row, ...(await renderContent(deps, uow.trx, network, row, principal.memberId)) };
    await insertAlert(uow.trx, frozen);
    await audit(deps, uow.trx, principal, isOverride ? 'alert.overrideRequested' : 'alert.drafted', frozen, {
      contentHash: frozen.content_hash,
    });
    return frozen;
  });
  return presentAlert(drafted);
}

export function requireAlertable(
  incident: Pick<AlertableIncident, 'status' | 'merged_into_id'>,
  isOverride: boolean,
): void {
  if (closedStatuses.has(incident.status) || incident.merged_into_id !== null) {
    throw new AppError(
      'ALERT_INCIDENT_NOT_ALERTABLE',
      'This incident was closed or found to be a false alarm.',
    );
  }
  if (incident.status !== 'confirmed' && !isOverride) {
    throw new AppError('ALERT_INCIDENT_NOT_VERIFIED', 'Only a verified incident can become an alert.');
  }
}

/** The second person of an override: another coordinator, for the area, with a fresh second factor. */
export async function confirmOverride(
  deps: AlertDeps,
  principal: Principal,
  alertId: string,
): Promise<PresentedAlert> {
  requireRole(principal, alertApprovers);
  const alert = await requireAlertOfNetwork(deps, principal, alertId);
  if (alert.state !== 'draft') throw new AppError('ALERT_NOT_DRAFT', 'This alert is no longer a draft.');
  if (alert.is_override !== 1)
    throw new AppError('ALERT_OVERRIDE_NOT_REQUESTED', 'This alert needs no override.');
  if (alert.drafted_by === principal.memberId) {
    throw new AppError(
      'ALERT_OVERRIDE_SELF_CONFIRMATION',
      'Someone other than the drafter must confirm the override.',
    );
  }
  requireAreaCovered(principal, alertApprovers, alert);
  requireStepUp(principal, deps.clock);
  const now = deps.clock.now();
  const changes = { override_confirmed_by: principal.memberId, override_confirmed_at: now, updated_at: now };
  await inTransaction(deps, async (uow) => {
    if (!(await updateAlertIfState(uow.trx, alert.id, 'draft', changes))) {
      throw new AppError('ALERT_NOT_DRAFT', 'This alert is no longer a draft.');
    }
    await audit(deps, uow.trx, principal, 'alert.overrideConfirmed', alert);
  });
  return presentAlert({ ...alert, ...changes });
}

export function draftBase(id: string, principal: Principal, now: number) {
  return {
    id,
    network_id: principal.networkId,
    public_id: newSecretToken(12),
    state: 'draft' as const,
    messages: null,
    content: null,
    content_hash: null,
    rendered_at: null,
    rendered_by: null,
    template_versions: null,
    override_confirmed_by: null,
    override_confirmed_at: null,
    drafted_by: principal.memberId,
    drafted_at: now,
    approved_by: null,
    approved_at: null,
    superseded_at: null,
    cancelled_at: null,
    plan_state: null,
    plan_cursor: null,
    planned_at: null,
    created_at: now,
    updated_at: now,
  };
}

export async function requireNetwork(deps: AlertDeps, networkId: string): Promise<Network> {
  const network = await findNetworkById(deps.db, networkId);
  if (!network) throw new AppError('NETWORK_NOT_FOUND', 'Not found.');
  return network;
}

export function audit(
  deps: AlertDeps,
  trx: Parameters<typeof recordAudit>[1],
  principal: Principal,
  action: Parameters<typeof recordAudit>[2]['action'],
  alert: Pick<AlertsTable, 'id' | 'kind' | 'status' | 'incident_id' | 'thread_id'>,
  extra: Record<string, string | null> = {},
): Promise<unknown> {
  return recordAudit(deps, trx, {
    networkId: principal.networkId,
    actorMemberId: principal.memberId,
    action,
    objectType: 'alert',
    objectId: alert.id,
    metadata: {
      kind: alert.kind,
      status: alert.status,
      incidentId: alert.incident_id,
      threadId: alert.thread_id,
      ...extra,
    },
  });
}
