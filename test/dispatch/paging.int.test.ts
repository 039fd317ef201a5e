import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createPagingJobs, deliverPage, pagingDepsFrom } from '../../server/modules/field/paging/index.ts';
import type { OutboundEmail } from '../../server/platform/email/index.ts';
import { createJobRegistry, createJobWorker } from '../../server/platform/jobs/index.ts';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import {
  buildHotlineNetwork,
  createHotlineApp,
  randomPhone,
  sendText,
  twimlTexts,
} from '../hotline/support.ts';
import { sleep, waitFor } from '../jobs/support.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea } from '../support/factories.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import { call, offset, outcome, person, pilsen, registerPhone } from './support.ts';
import type { Person } from './support.ts';

/** Issue 16 item 2: a new or unclaimed incident pages the on-duty dispatchers of its area. */
describeEachDatabase('paging dispatchers', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  let worker: JobWorker;
  beforeAll(async () => {
    twilio = await startFakeTwilio({ authToken: 'hotline-test-token-123' });
    testApp = await createHotlineApp(dialect, { twilioApiBase: twilio.url });
    // Only paging's jobs: this file proves them.
    worker = createJobWorker({
      db: testApp.context.database.db,
      dialect,
      registry: createJobRegistry({ jobs: createPagingJobs(testApp.context) }),
      clock: testApp.clock,
      logger: createLogger('silent'),
      concurrency: 2,
      pollMs: 20,
      workerId: `paging-test-${dialect}`,
    });
    await worker.start();
  });
  afterEach(() => {
    twilio.messages.length = 0;
  });
  afterAll(async () => {
    await worker.stop();
    await testApp.close();
    await twilio.close();
  });

  async function world() {
    const context = testApp.context;
    const { network, hotline } = await buildHotlineNetwork(context, ['en', 'es']);
    const area = await buildArea(context, network.id, {
      center: pilsen,
      radiusMeters: 20_000,
      name: 'Pilsen',
    });
    const coordinator = await person(context, network.id, [{ role: 'coordinator' }], { withTotp: true });
    const onDuty = await person(context, network.id, [{ role: 'dispatcher' }]);
    const offDuty = await person(context, network.id, [{ role: 'dispatcher' }]);
    const phones = { onDuty: randomPhone(), offDuty: randomPhone(), coordinator: randomPhone() };
    for (const [who, phone] of [
      [onDuty, phones.onDuty],
      [offDuty, phones.offDuty],
      [coordinator, phones.coordinator],
    ] as const) {
      expect((await registerPhone(testApp, who, phone)).statusCode).toBe(200);
    }
    // On duty from an hour ago for a day (an extra turn entered by the coordinator).
    const now = testApp.clock.now();
    const turn = await call(testApp, 'POST', '/api/rota/exceptions', coordinator, {
      memberId: onDuty.id,
      role: 'dispatcher',
      kind: 'extra',
      startsAt: now - 3_600_000,
      endsAt: now + 24 * 3_600_000,
    });
    expect(turn.statusCode, turn.body).toBe(201);
    return { network, hotline, area, coordinator, onDuty, offDuty, phones };
  }

  /** A public report from the web form's API; resolves to the response with the incident it joined. */
  const report = async (slug: string, location: { lat: number; lon: number }) => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/reports`,
      payload: { category: 'workplace', location, description: 'Vans outside the laundromat' },
    });
    const reportId = response.json<{ reportId?: string }>().reportId ?? '';
    const row = await testApp.context.database.db
      .selectFrom('reports')
      .select('incident_id')
      .where('id', '=', reportId)
      .executeTakeFirst();
    return { response, incidentId: row?.incident_id ?? '' };
  };

  const pagesOf = (incidentId: string) =>
    testApp.context.database.db
      .selectFrom('incident_pages')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('sent_at')
      .orderBy('round')
      .execute();
  const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);
  const timelineOf = (incidentId: string) =>
    testApp.context.database.db
      .selectFrom('incident_events')
      .select(['kind', 'actor_member_id'])
      .where('incident_id', '=', incidentId)
      .orderBy('created_at')
      .execute();
  const incident = (incidentId: string) =>
    testApp.context.database.db
      .selectFrom('incidents')
      .select(['claimed_by'])
      .where('id', '=', incidentId)
      .executeTakeFirstOrThrow();

  it('pages once per incident however many reports, only whoever is on duty, and a texted code claims it', async () => {
    const w = await world();
    const started = Date.now();
    const incidentIds = new Set<string>();
    for (let index = 0; index < 5; index += 1) {
      const { response, incidentId } = await report(w.network.slug, offset(pilsen, index * 20));
      expect(response.statusCode, response.body).toBe(201);
      incidentIds.add(incidentId);
    }
    expect(incidentIds.size).toBe(1);
    const [incidentId] = [...incidentIds] as [string];
    await waitFor('the page SMS', () => textsTo(w.phones.onDuty).length > 0);
    console.log(`[${dialect}] report → page SMS at the Twilio stand-in: ${Date.now() - started} ms`);
    await sleep(300);
    expect(textsTo(w.phones.onDuty)).toHaveLength(1);
    expect(textsTo(w.phones.offDuty)).toHaveLength(0);
    expect(textsTo(w.phones.coordinator)).toHaveLength(0);
    const [page] = await pagesOf(incidentId);
    expect(page).toMatchObject({ member_id: w.onDuty.id, round: 'new', channels: 'sms' });
    const text = textsTo(w.phones.onDuty)[0]!.body;
    expect(text).toContain('new incident in Pilsen');
    expect(text).toContain(`/app/#/page/${page!.id}`);
    expect(text).toContain(`TOMO ${page!.ack_code}`);
    expect(text).not.toContain('laundromat');

    const answered = await sendText(testApp, {
      from: w.phones.onDuty,
      to: w.hotline,
      body: `tomo ${page!.ack_code}`,
    });
    expect(answered.statusCode).toBe(200);
    expect(twimlTexts(answered).join(' ')).toContain('is yours');
    expect((await incident(incidentId)).claimed_by).toBe(w.onDuty.id);
    const kinds = (await timelineOf(incidentId)).map((event) => event.kind);
    expect(kinds).toEqual(['opened', 'paged', 'claimed', 'pageAcknowledged']);
    // A second text with the same code finds no open page; a stranger's becomes no claim.
    const again = await sendText(testApp, {
      from: w.phones.onDuty,
      to: w.hotline,
      body: `TOMO ${page!.ack_code}`,
    });
    expect(twimlTexts(again).join(' ')).toContain('no open page');
    const stranger = await sendText(testApp, {
      from: randomPhone(),
      to: w.hotline,
      body: `TOMO ${page!.ack_code}`,
    });
    expect(twimlTexts(stranger).join(' ')).not.toContain('is yours');
  });

  it('holds a second page for a minute, pages again after N minutes and the coordinators after M', async () => {
    const w = await world();
    const first = await report(w.network.slug, pilsen);
    const second = await report(w.network.slug, offset(pilsen, 3_000));
    const [a, b] = [first.incidentId, second.incidentId];
    expect(a).not.toBe(b);
    await waitFor('the first page', () => textsTo(w.phones.onDuty).length > 0);
    await waitFor(
      'both pages planned',
      async () => (await pagesOf(a)).length + (await pagesOf(b)).length === 2,
    );
    await sleep(300);
    // One page a minute while unanswered: the second waits.
    expect(textsTo(w.phones.onDuty)).toHaveLength(1);
    const held = [...(await pagesOf(a)), ...(await pagesOf(b))].find((page) => page.channels === 'held');
    expect(held).toBeDefined();
    testApp.clock.advance(61_000);
    worker.wake();
    await waitFor('the held page', () => textsTo(w.phones.onDuty).length === 2);

    // N = 5 minutes (the default): still unclaimed, the on-duty dispatcher is paged again.
    testApp.clock.advance(4 * 60_000);
    worker.wake();
    await waitFor('the unclaimed round', async () =>
      [...(await pagesOf(a)), ...(await pagesOf(b))].some((page) => page.round === 'unclaimed'),
    );
    expect(textsTo(w.phones.coordinator)).toHaveLength(0);
    // Someone claims b meanwhile: it escalates no further.
    expect((await call(testApp, 'POST', `/api/incidents/${b}/claim`, w.offDuty, {})).statusCode).toBe(200);

    // M = 15 minutes: a is still unclaimed, so its coordinators are paged.
    testApp.clock.advance(10 * 60_000);
    worker.wake();
    await waitFor('the escalation', () => textsTo(w.phones.coordinator).length === 1);
    await sleep(300);
    expect(textsTo(w.phones.coordinator)).toHaveLength(1);
    expect((await pagesOf(a)).map((page) => page.round)).toContain('escalation');
    expect((await pagesOf(b)).map((page) => page.round)).not.toContain('escalation');
    expect(textsTo(w.phones.offDuty)).toHaveLength(0);
  });

  it('claims through the page link only for the member paged, and emails as a last resort', async () => {
    const w = await world();
    const noPhone = await person(testApp.context, w.network.id, [{ role: 'dispatcher' }]);
    await call(testApp, 'POST', '/api/rota/exceptions', w.coordinator, {
      memberId: noPhone.id,
      role: 'dispatcher',
      kind: 'extra',
      startsAt: testApp.clock.now() - 60_000,
      endsAt: testApp.clock.now() + 3_600_000,
    });
    const { incidentId } = await report(w.network.slug, pilsen);
    await waitFor('two pages', async () => (await pagesOf(incidentId)).length === 2);
    const pages = await pagesOf(incidentId);
    const mine = pages.find((page) => page.member_id === w.onDuty.id)!;
    const theirs = pages.find((page) => page.member_id === noPhone.id)!;
    await waitFor('no channel', async () =>
      (await pagesOf(incidentId)).some((page) => page.channels === 'none'),
    );

    // Email is the last resort for a dispatcher with no phone registered.
    const emails: OutboundEmail[] = [];
    const email = {
      send: (message: OutboundEmail) => {
        emails.push(message);
        return Promise.resolve({ messageId: message.messageId ?? '' });
      },
      close: () => undefined,
    };
    expect(await deliverPage({ ...pagingDepsFrom(testApp.context), email }, theirs.id)).toBe('email');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain('new incident in Pilsen');
    expect(emails[0]!.text).toContain(`/app/#/page/${theirs.id}`);

    const ack = (who: Person | null, pageId: string) =>
      call(testApp, 'POST', `/api/pages/${pageId}/ack`, who);
    expect(outcome(await ack(null, mine.id))).toEqual([401, 'UNAUTHENTICATED']);
    expect(outcome(await ack(noPhone, mine.id))).toEqual([404, 'PAGE_NOT_FOUND']);
    expect(outcome(await ack(w.coordinator, mine.id))).toEqual([404, 'PAGE_NOT_FOUND']);
    expect(outcome(await ack(w.onDuty, 'not-a-page'))).toEqual([400, 'VALIDATION_FAILED']);
    const other = await buildHotlineNetwork(testApp.context);
    const outsider = await person(testApp.context, other.network.id, [{ role: 'dispatcher' }]);
    expect(outcome(await ack(outsider, mine.id))).toEqual([404, 'PAGE_NOT_FOUND']);

    const claimed = await ack(w.onDuty, mine.id);
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toEqual({ incidentId, isClaimedByMe: true });
    // The other dispatcher opens theirs too late: answered, not claimed.
    expect((await ack(noPhone, theirs.id)).json()).toEqual({ incidentId, isClaimedByMe: false });
    expect((await incident(incidentId)).claimed_by).toBe(w.onDuty.id);
    const acks = (await timelineOf(incidentId)).filter((event) => event.kind === 'pageAcknowledged');
    expect(acks.map((event) => event.actor_member_id).sort()).toEqual([w.onDuty.id, noPhone.id].sort());
  });

  it('takes N and M from the network settings (admins, step-up), refusing bad values', async () => {
    const w = await world();
    const admin = await person(testApp.context, w.network.id, [{ role: 'admin' }], {
      withTotp: true,
      stepUp: true,
    });
    const patch = (who: Person, settings: Record<string, unknown>) =>
      call(testApp, 'PATCH', '/api/network', who, { settings });
    expect(outcome(await patch(w.onDuty, { pageUnclaimedAfterMinutes: 2 }))[0]).toBe(403);
    expect(outcome(await patch(admin, { pageUnclaimedAfterMinutes: 0 }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await patch(admin, { escalateUnclaimedAfterMinutes: 'soon' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const saved = await patch(admin, { pageUnclaimedAfterMinutes: 2, escalateUnclaimedAfterMinutes: 3 });
    expect(saved.statusCode, saved.body).toBe(200);

    const { incidentId } = await report(w.network.slug, pilsen);
    await waitFor('the first page', () => textsTo(w.phones.onDuty).length === 1);
    testApp.clock.advance(2 * 60_000 + 1_000);
    worker.wake();
    await waitFor('the page after N = 2 minutes', () => textsTo(w.phones.onDuty).length === 2);
    expect(textsTo(w.phones.coordinator)).toHaveLength(0);
    testApp.clock.advance(60_000);
    worker.wake();
    await waitFor('the coordinators after M = 3 minutes', () => textsTo(w.phones.coordinator).length === 1);
    expect((await pagesOf(incidentId)).map((page) => page.round).sort()).toEqual([
      'escalation',
      'new',
      'unclaimed',
    ]);
  });
});
