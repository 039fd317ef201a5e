import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../server/platform/i18n/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../support/factories.ts';
import { buildAlert } from '../alerts/support/alert-factory.ts';
import { pilsen } from '../alerts/support/alert-world.ts';

/**
 * Issue 15 §5: public pages that cannot point at a family. A `home` incident shows its area's
 * name and the hour only (rumor board, status page, alert texts); a coordinator withholds any
 * incident from every public list (step-up, audited, reason encrypted); a network may delay
 * confirmed incidents.
 */
describeEachDatabase('public pages that cannot point at a family', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const hourMs = 60 * 60 * 1000;
  const areaName = 'Pilsen Norte';

  async function world(settings: Record<string, unknown> = {}) {
    const network = await buildNetwork(testApp.context, { languages: ['en', 'es'], settings });
    await buildArea(testApp.context, network.id, { name: areaName, center: pilsen, radiusMeters: 3000 });
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
    });
    const coordinator = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'coordinator' }],
    });
    return { network, dispatcher, coordinator };
  }

  /** A report near Pilsen; `northMeters` apart keeps two reports from clustering into one incident. */
  async function report(slug: string, category: string, northMeters = 0) {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/reports`,
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: {
        category,
        location: { lat: pilsen.lat + northMeters / 111_000, lon: pilsen.lon },
        zip: '60608',
        locationText: 'MKH4410 1845 S Loomis St',
        description: 'agents at the door',
      },
    });
    expect(response.statusCode).toBe(201);
    const { reportId } = response.json<{ reportId: string }>();
    return testApp.database.db
      .selectFrom('incidents')
      .innerJoin('reports', 'reports.incident_id', 'incidents.id')
      .select(['incidents.id', 'incidents.public_id', 'incidents.first_report_at'])
      .where('reports.id', '=', reportId)
      .executeTakeFirstOrThrow();
  }

  async function confirm(member: { id: string; networkId: string }, incidentId: string) {
    const { headers } = await signIn(testApp.context, member);
    for (const status of ['verifying', 'confirmed']) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: `/api/incidents/${incidentId}/status`,
        headers,
        payload: { status },
      });
      expect(response.statusCode).toBe(200);
    }
  }

  const page = async (url: string) => testApp.app.inject({ method: 'GET', url: `${url}?lang=en` });

  it('shows a home incident by its area and the hour only, never its ZIP and exact time', async () => {
    // 10:47 in Chicago: the minutes must not reach the page.
    testApp.clock.set(Date.UTC(2026, 5, 3, 15, 47, 12));
    const { network, dispatcher } = await world();
    const home = await report(network.slug, 'home');
    const workplace = await report(network.slug, 'workplace', 1500);
    expect(home.id).not.toBe(workplace.id);
    await confirm(dispatcher, home.id);
    await confirm(dispatcher, workplace.id);

    const board = (await page(`/s/${network.slug}`)).body;
    const format = (at: number) =>
      new Intl.DateTimeFormat('en', {
        timeZone: network.timezone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(at);
    const itemOf = (publicId: string) => {
      const end = board.indexOf(`/s/${network.slug}/${publicId}`);
      return board.slice(board.lastIndexOf('<li>', end), end);
    };
    const homeOnBoard = itemOf(home.public_id);
    expect(homeOnBoard).toContain(t('en', 'rumors.inArea', { area: areaName }));
    expect(homeOnBoard).not.toContain('60608');
    expect(homeOnBoard).toContain(format(Math.floor(home.first_report_at / hourMs) * hourMs));
    expect(homeOnBoard).not.toContain('10:30');
    expect(homeOnBoard).not.toContain('10:47');
    // Other incidents keep their ZIP and the half hour.
    const workplaceOnBoard = itemOf(workplace.public_id);
    expect(workplaceOnBoard).toContain(t('en', 'rumors.nearZip', { zip: '60608' }));
    expect(workplaceOnBoard).toContain('10:30');

    const status = await page(`/s/${network.slug}/${home.public_id}`);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(t('en', 'report.statusAreaNamed', { area: areaName }));
    expect(status.body).not.toContain('60608');
    expect(status.body).not.toContain('10:47');
    expect(status.body).toContain('10:00');
    for (const body of [board, status.body]) expect(body).not.toContain('MKH4410');
  });

  it('lets a coordinator withhold an incident from every public page, with step-up, audited', async () => {
    const { network, dispatcher, coordinator } = await world();
    const incident = await report(network.slug, 'workplace');
    await confirm(dispatcher, incident.id);
    const url = `/api/incidents/${incident.id}/withhold`;
    const reason = 'MKW5521 the family at this address asked us';
    const withhold = async (member: typeof coordinator, options: { stepUp: boolean }, payload: unknown) =>
      testApp.app.inject({
        method: 'POST',
        url,
        headers: (await signIn(testApp.context, member, { secondFactorProved: options.stepUp })).headers,
        payload: payload as Record<string, unknown>,
      });

    expect((await page(`/s/${network.slug}`)).body).toContain(incident.public_id);
    // A dispatcher may not; a coordinator needs a fresh passkey step-up and a reason.
    expect((await withhold(dispatcher, { stepUp: true }, { reason })).statusCode).toBe(403);
    const noStepUp = await withhold(coordinator, { stepUp: false }, { reason });
    expect(noStepUp.statusCode).toBe(403);
    expect(noStepUp.json<{ error: { code: string } }>().error.code).toBe('STEP_UP_REQUIRED');
    const noReason = await withhold(coordinator, { stepUp: true }, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect((await page(`/s/${network.slug}`)).body).toContain(incident.public_id);

    expect((await withhold(coordinator, { stepUp: true }, { reason })).statusCode).toBe(200);
    expect((await page(`/s/${network.slug}`)).body).not.toContain(incident.public_id);
    expect((await page(`/s/${network.slug}/${incident.public_id}`)).statusCode).toBe(404);

    // The reason is stored encrypted, shown to those who work the incident, and the act audited.
    const row = await testApp.database.db
      .selectFrom('incidents')
      .select(['public_withheld_reason_enc', 'public_withheld_by'])
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(row.public_withheld_reason_enc).not.toContain('MKW5521');
    expect(row.public_withheld_by).toBe(coordinator.id);
    const detail = await testApp.app.inject({
      method: 'GET',
      url: `/api/incidents/${incident.id}`,
      headers: (await signIn(testApp.context, dispatcher)).headers,
    });
    expect(detail.json<{ publicWithholding: { reason: string } }>().publicWithholding.reason).toBe(reason);
    const audit = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'metadata'])
      .where('object_id', '=', incident.id)
      .where('action', '=', 'incident.withheldFromPublic')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('MKW5521');

    const publish = await testApp.app.inject({
      method: 'POST',
      url: `/api/incidents/${incident.id}/publish`,
      headers: (await signIn(testApp.context, coordinator, { secondFactorProved: true })).headers,
    });
    expect(publish.statusCode).toBe(200);
    expect((await page(`/s/${network.slug}`)).body).toContain(incident.public_id);
  });

  it('holds a confirmed incident back for the network’s publication delay', async () => {
    const { network, dispatcher } = await world({ publicationDelayMinutes: 60 });
    const confirmed = await report(network.slug, 'workplace');
    await confirm(dispatcher, confirmed.id);
    expect((await page(`/s/${network.slug}`)).body).not.toContain(confirmed.public_id);
    expect((await page(`/s/${network.slug}/${confirmed.public_id}`)).statusCode).toBe(404);
    testApp.clock.advance(61 * 60 * 1000);
    expect((await page(`/s/${network.slug}`)).body).toContain(confirmed.public_id);
    expect((await page(`/s/${network.slug}/${confirmed.public_id}`)).statusCode).toBe(200);
  });

  describe('alerts', () => {
    it('word a home alert by its area and the hour, never its ZIP', async () => {
      testApp.clock.set(Date.UTC(2026, 5, 3, 15, 47, 12));
      const { network, coordinator } = await world();
      const named = await buildAlert(testApp.context, {
        networkId: network.id,
        draftedBy: coordinator.id,
        status: 'actual',
        state: 'approved',
        category: 'home',
        areaNames: [areaName],
      });
      const unnamed = await buildAlert(testApp.context, {
        networkId: network.id,
        draftedBy: coordinator.id,
        status: 'actual',
        state: 'approved',
        category: 'home',
        areaNames: [],
      });
      const contents = await testApp.database.db
        .selectFrom('alerts')
        .select(['id', 'content'])
        .where('id', 'in', [named.id, unnamed.id])
        .execute();
      for (const { content } of contents) {
        expect(content).not.toContain('60608');
        expect(content).not.toContain('10:47');
        expect(content).toContain('10 AM');
      }
      const live = (await page(`/a/${network.slug}`)).body;
      expect(live).toContain(areaName);
      expect(live).not.toContain('60608');
    });

    it('leave the live page, JSON and Atom feed when their incident is withheld', async () => {
      const { network, coordinator } = await world();
      const alert = await buildAlert(testApp.context, {
        networkId: network.id,
        draftedBy: coordinator.id,
        status: 'actual',
        state: 'approved',
      });
      const lists = async () =>
        [
          (await page(`/a/${network.slug}`)).body,
          (await page(`/api/public/${network.slug}/alerts`)).body,
          (await page(`/a/${network.slug}/alerts.atom`)).body,
        ].map((body) => body.includes(alert.publicId));
      expect(await lists()).toEqual([true, true, true]);
      const withhold = await testApp.app.inject({
        method: 'POST',
        url: `/api/incidents/${alert.incidentId}/withhold`,
        headers: (await signIn(testApp.context, coordinator, { secondFactorProved: true })).headers,
        payload: { reason: 'points at a family' },
      });
      expect(withhold.statusCode).toBe(200);
      expect(await lists()).toEqual([false, false, false]);
    });
  });
});
