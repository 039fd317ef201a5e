import type { Role } from '../../../server/modules/identity/members/index.ts';
import type { MatrixFixture } from '../matrix-fixture.ts';
import { buildArea } from '../../support/factories.ts';
import { buildFlaggedTip, buildIncident } from '../../intake/incident-factory.ts';
import { buildReachableReport } from '../../hotline/support.ts';
import { buildAlert, buildRetraction, buildTemplateProposal } from '../../alerts/support/alert-factory.ts';

/** Role groups and fresh-object builders shared by the matrix row files. */
export const managers: readonly Role[] = ['admin', 'coordinator'];
export const incidentWorkers: readonly Role[] = ['dispatcher', 'coordinator'];

export const alertReaders: readonly Role[] = ['admin', 'coordinator', 'dispatcher'];
export const alertDrafters: readonly Role[] = ['coordinator', 'dispatcher'];
/** An incident of network A made through the real intake, for a call that changes it. */
export async function freshIncident(fixture: MatrixFixture, reports = 1) {
  const incident = await buildIncident(fixture.context, fixture.networkA.id, { reports });
  for (const id of [incident.id, incident.publicId, ...incident.reportIds]) fixture.idsOfNetworkA.add(id);
  return incident;
}

/** A report of network A whose reporter left a number and agreed to be texted (its own incident). */
export async function reachableReport(fixture: MatrixFixture) {
  const report = await buildReachableReport(fixture.context, fixture.networkA.id);
  for (const id of [report.reportId, report.incidentId, report.incidentPublicId])
    fixture.idsOfNetworkA.add(id);
  return report;
}

/** An unused area of network A, for a call that changes or deletes it. */
export async function freshArea(fixture: MatrixFixture) {
  const area = await buildArea(fixture.context, fixture.networkA.id);
  fixture.idsOfNetworkA.add(area.id);
  return area;
}

/** An exercise alert of network A in area A, drafted by its dispatcher (so its coordinator may approve). */
export async function freshAlert(fixture: MatrixFixture, state: 'draft' | 'approved', isOverride = false) {
  const alert = await buildAlert(fixture.context, {
    networkId: fixture.networkA.id,
    draftedBy: fixture.holders.dispatcher.id,
    areaIds: [fixture.areaA.id],
    state,
    isOverride,
  });
  for (const id of [alert.id, alert.publicId, alert.incidentId]) fixture.idsOfNetworkA.add(id);
  return alert;
}

/**
 * A retraction of network A awaiting review, sent by network A's dispatcher (so the coordinator
 * calling is a different person and may review it).
 */
export async function freshRetraction(fixture: MatrixFixture) {
  const retraction = await buildRetraction(fixture.context, {
    networkId: fixture.networkA.id,
    retractedBy: fixture.holders.dispatcher.id,
    areaIds: [fixture.areaA.id],
  });
  for (const id of [retraction.id, retraction.publicId, retraction.incidentId]) fixture.idsOfNetworkA.add(id);
  return retraction;
}

/** A pending template change of network A proposed by its admin (so its coordinator may approve it). */
export async function freshTemplateProposal(fixture: MatrixFixture) {
  const proposal = await buildTemplateProposal(fixture.context, {
    networkId: fixture.networkA.id,
    proposedBy: fixture.holders.admin.id,
  });
  fixture.idsOfNetworkA.add(proposal.id);
  return proposal;
}

/** A weaponized tip of network A, for a call that releases or purges it. */
export async function freshFlaggedTip(fixture: MatrixFixture) {
  const id = await buildFlaggedTip(fixture.context, fixture.networkA.id);
  fixture.idsOfNetworkA.add(id);
  return id;
}
