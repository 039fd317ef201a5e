import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { buildIncident, smsSubscribe, waitFor } from '../alerts/support/alert-world.ts';
import type { AlertWorld, SignedInMember } from '../alerts/support/alert-world.ts';
import { call, uniquePhone } from '../alerts/support/api.ts';
import type { DeliverySummary } from '../alerts/support/api.ts';

/** The frozen content of an alert as GET /api/alerts/:id shows it. */
export interface Frozen {
  hash: string;
  languages: Record<string, { headline: string; text: string; area: string; sms: string }>;
  cap: string;
}
export interface Shown {
  alert: { id: string; publicId: string; state: string; kind: string; contentHash: string | null };
  content: Frozen | null;
  deliveries: DeliverySummary;
}

export type Surfaces = ReturnType<typeof publishingSurfaces>;

/**
 * What test/security/one-person-cannot-publish.int.test.ts reads and does: calls as a member,
 * the texts the Twilio stand-in received, and everything the public can read of a network.
 */
export function publishingSurfaces(testApp: TestApp, twilio: FakeTwilio) {
  const post = (who: SignedInMember | null, url: string, body: object = {}) =>
    call(testApp, 'POST', url, who, body);
  const show = async (who: SignedInMember, alertId: string) =>
    (await call(testApp, 'GET', `/api/alerts/${alertId}`, who)).json<Shown>();
  const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);

  /** Everything the public can read of the network: live page, live JSON, Atom, and each alert's CAP and JSON. */
  async function everythingPublic(world: AlertWorld): Promise<string> {
    const slug = world.network.slug;
    const pages = await Promise.all(
      [`/a/${slug}`, `/api/public/${slug}/alerts`, `/a/${slug}/alerts.atom`].map((url) =>
        testApp.app.inject({ method: 'GET', url }),
      ),
    );
    const listed = await call(testApp, 'GET', '/api/alerts', world.dispatcher);
    const ids = listed.json<{ alerts: { publicId: string }[] }>().alerts.map((alert) => alert.publicId);
    const perAlert = await Promise.all(
      ids.flatMap((id) => [
        testApp.app.inject({ method: 'GET', url: `/a/${slug}/alerts/${id}.cap` }),
        testApp.app.inject({ method: 'GET', url: `/api/public/alerts/${id}` }),
      ]),
    );
    return [...pages, ...perAlert].map((response) => response.body).join('\n');
  }

  /** A live alert, drafted by the attacker and approved by the honest second coordinator, delivered. */
  async function liveAlert(world: AlertWorld, phones: string[]) {
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const drafted = await post(world.drafter, '/api/alerts', { incidentId });
    const { alert } = drafted.json<Shown>();
    const { content } = await show(world.approver, alert.id);
    expect(
      (await post(world.approver, `/api/alerts/${alert.id}/approve`, { contentHash: content!.hash }))
        .statusCode,
    ).toBe(200);
    await waitFor(
      () => phones.reduce((count, phone) => count + textsTo(phone).length, 0),
      (count) => count === phones.length,
    );
    return alert;
  }

  async function subscribed(world: AlertWorld, language = 'en'): Promise<string> {
    const phone = uniquePhone();
    await smsSubscribe(
      testApp,
      world.network.id,
      phone,
      language === 'es' ? 'ALTA 60608' : 'JOIN 60608',
      language,
    );
    return phone;
  }

  return { post, show, textsTo, everythingPublic, liveAlert, subscribed };
}
