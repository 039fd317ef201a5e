import type { Principal } from '../../server/modules/identity/auth/index.ts';
import { evidenceDepsFrom } from '../../server/modules/field/evidence/index.ts';
import { receiveEvidence } from '../../server/modules/field/evidence/evidence-upload.service.ts';
import type { PlatformContext } from '../../server/platform/context.ts';
import { newId } from '../../server/platform/ids/ids.ts';
import { buildIncident } from '../intake/incident-factory.ts';
import type { MatrixFixture } from '../security/matrix-fixture.ts';
import { photoWithGps } from './media-fixtures.ts';

/**
 * Objects of network A for the authorization matrix's dispatch and evidence rows: an incident
 * with a location, offers to network A's responder holder, and one stored photo.
 */
const incidents = new WeakMap<MatrixFixture, Promise<string>>();
const evidence = new WeakMap<MatrixFixture, Promise<string>>();

/** One located incident of network A (inside area A), shared by the read-only rows. */
export function matrixIncident(fixture: MatrixFixture): Promise<string> {
  let incident = incidents.get(fixture);
  if (!incident) {
    incident = buildIncident(fixture.context, fixture.networkA.id, {
      location: { lat: 41.8564, lon: -87.6604 },
    }).then((built) => {
      for (const id of [built.id, built.publicId, ...built.reportIds]) fixture.idsOfNetworkA.add(id);
      return built.id;
    });
    incidents.set(fixture, incident);
  }
  return incident;
}

/**
 * A new offer to `responderId` (default: network A's responder holder) in `status`. The holder can
 * hold one live offer at a time, so their earlier live offers are cancelled first.
 */
export async function matrixOffer(
  fixture: MatrixFixture,
  status: 'offered' | 'accepted',
  responderId = fixture.holders.responder.id,
): Promise<string> {
  const { db } = fixture.context.database;
  const now = fixture.context.clock.now();
  await db
    .updateTable('dispatch_offers')
    .set({ status: 'cancelled', cancelled_at: now })
    .where('responder_member_id', '=', responderId)
    .where('status', 'in', ['offered', 'accepted', 'en_route', 'on_scene'])
    .execute();
  const id = newId();
  await db
    .insertInto('dispatch_offers')
    .values({
      id,
      network_id: fixture.networkA.id,
      incident_id: await matrixIncident(fixture),
      responder_member_id: responderId,
      offered_by: fixture.holders.dispatcher.id,
      status,
      code: 'K7H3',
      is_auto_escalating: 0,
      escalated_from_id: null,
      escalation_depth: 0,
      language: null,
      distance_meters: null,
      expires_at: now + 3_600_000,
      offered_at: now,
      accepted_at: status === 'accepted' ? now : null,
      declined_at: null,
      expired_at: null,
      cancelled_at: null,
      en_route_at: null,
      eta_at: null,
      on_scene_at: null,
      done_at: null,
      outcome: null,
      outcome_at: null,
      outcome_notes_enc: null,
      livestream_url_enc: null,
      outcome_client_key: null,
      updated_at: now,
    })
    .execute();
  fixture.idsOfNetworkA.add(id);
  return id;
}

/** One photo of network A stored through the real upload service (a fresh responder's offer). */
export function matrixEvidence(fixture: MatrixFixture): Promise<string> {
  let item = evidence.get(fixture);
  if (!item) {
    item = (async () => {
      // The matrix runs on a TestApp's full context; the upload needs its data directory.
      const context = fixture.context as unknown as PlatformContext;
      const uploader = await fixture.fresh.member();
      const offerId = await matrixOffer(fixture, 'accepted', uploader.id);
      const principal: Principal = {
        memberId: uploader.id,
        networkId: fixture.networkA.id,
        sessionId: 'matrix',
        status: 'active',
        roles: [{ role: 'responder', areaId: null }],
        secondFactorAt: null,
        secondFactorMethod: null,
        hasPasskey: false,
        hasSecondFactor: false,
        csrfToken: '',
      };
      const photo = await photoWithGps();
      const stored = await receiveEvidence(evidenceDepsFrom(context), principal, offerId, () =>
        Promise.resolve({ stream: chunksOf(photo), isTruncated: () => false }),
      );
      fixture.idsOfNetworkA.add(stored.id);
      return stored.id;
    })();
    evidence.set(fixture, item);
  }
  return item;
}

async function* chunksOf(bytes: Buffer): AsyncGenerator<Buffer> {
  yield await Promise.resolve(bytes);
}

/**
 * A new evidence export of network A's matrix incident requested by `requesterId`: pending, or
 * approved by another holder (the admin, or the coordinator when the admin requested it).
 */
export async function matrixExport(
  fixture: MatrixFixture,
  status: 'pending' | 'approved',
  requesterId: string,
): Promise<string> {
  const now = fixture.context.clock.now();
  const approver =
    requesterId === fixture.holders.admin.id ? fixture.holders.coordinator.id : fixture.holders.admin.id;
  const id = newId();
  await fixture.context.database.db
    .insertInto('evidence_exports')
    .values({
      id,
      network_id: fixture.networkA.id,
      incident_id: await matrixIncident(fixture),
      requested_by: requesterId,
      requested_at: now,
      status,
      approved_by: status === 'approved' ? approver : null,
      approved_at: status === 'approved' ? now : null,
      downloaded_at: null,
      expires_at: now + 3_600_000,
      updated_at: now,
    })
    .execute();
  fixture.idsOfNetworkA.add(id);
  return id;
}
