import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildMember, buildNetwork } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import type { ServerProcess } from '../support/server-process.ts';
import {
  callFromPage,
  chooseLanguage,
  expectAccessible,
  newPerson,
  operatorReport,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const languages = ['en', 'es', 'ar'] as const;
const pilsen = { lat: 41.8564, lon: -87.6604 };

interface RosterPage {
  responders: {
    memberId: string;
    trainings: { kind: string; completedOn: string; expiresOn: string | null }[];
  }[];
}

interface MemberListing {
  members: { id: string; isExerciseRecipient: boolean }[];
}

interface OfferList {
  offers: { id: string; status: string; responderMemberId: string }[];
}

if (!isEnabled)
  describe.skip('remaining controls in Chromium (Chromium not installed)', () =>
    it('cancels offers, records training, marks exercise recipients', () => undefined));
else describeEachDatabase('remaining controls in Chromium', (dialect) => remainingControls(dialect));

function remainingControls(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let desk: BuiltMember;
  let responder: BuiltMember;
  let coordinator: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: [...languages] });
    const area = await buildArea(context, network.id, { name: 'Pilsen', center: pilsen, radiusMeters: 3000 });
    desk = await buildMember(context, {
      networkId: network.id,
      displayName: 'Dana Dispatcher',
      roles: [{ role: 'dispatcher' }],
      withTotp: true,
    });
    coordinator = await buildMember(context, {
      networkId: network.id,
      displayName: 'Carla Coordinator',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    responder = await buildMember(context, {
      networkId: network.id,
      displayName: 'Rosa Responder',
      roles: [{ role: 'responder', areaId: area.id }],
      languages: ['es', 'en'],
    });
  });

  afterAll(() => world?.stop());

  it('an offer is cancelled only after a question naming what the responder sees, and frees the responder', async () => {
    const field = await newPerson(browser);
    await signInMember(field.page, server.url, responder);
    await callFromPage(field.page, 'PUT', '/api/responders/me/availability', { isOnCall: true });
    await callFromPage(field.page, 'POST', '/api/responders/me/location', { lat: 41.857, lon: -87.661 });

    const dana = await newPerson(browser);
    await signInMember(dana.page, server.url, desk);
    const incidentId = await operatorReport(dana.page, pilsen, 'Agents at the gate', 'workplace');
    await dana.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await dana.page.click(`[data-send-offer="${responder.id}"]`);
    await dana.page.waitForSelector('[data-offer-status=offered]');
    const offersOf = async () =>
      (await callFromPage<OfferList>(dana.page, 'GET', `/api/incidents/${incidentId}/offers`)).offers;
    const [sent] = await offersOf();
    expect(sent?.responderMemberId).toBe(responder.id);
    const offerId = sent?.id ?? '';

    // The first click only asks; keeping the offer changes nothing.
    await dana.page.click(`[data-cancel-offer="${offerId}"]`);
    expect(await dana.page.textContent(`#cancel-offer-question-${offerId}`)).toContain(
      'shows it as withdrawn',
    );
    await dana.page.click('button:has-text("Keep the offer")');
    await dana.page.waitForSelector(`[data-cancel-offer="${offerId}"]`);
    expect((await offersOf())[0]?.status).toBe('offered');

    await dana.page.click(`[data-cancel-offer="${offerId}"]`);
    for (const language of languages) {
      await chooseLanguage(dana.page, language);
      await dana.page.waitForSelector(`#cancel-offer-question-${offerId}`);
      await expectAccessible(dana.page, `offer cancel confirmation (${language})`);
      await screenshot(dana.page, `offer-cancel-${language}`);
    }
    await chooseLanguage(dana.page, 'en');
    await dana.page.click(`[data-confirm-cancel-offer="${offerId}"]`);
    await dana.page.waitForSelector('[data-offer-status=cancelled]');
    await dana.page.waitForSelector('text=Offer cancelled.');
    expect((await offersOf())[0]?.status).toBe('cancelled');
    // A cancelled offer offers no second cancel.
    expect(await dana.page.locator(`[data-cancel-offer="${offerId}"]`).count()).toBe(0);
    // The responder is free again: a new offer to them is accepted by the server.
    await callFromPage(dana.page, 'POST', `/api/incidents/${incidentId}/offers`, {
      responderIds: [responder.id],
    });
    expect((await offersOf()).filter((offer) => offer.status === 'offered')).toHaveLength(1);
    for (const person of [dana, field]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 120_000);

  it("a coordinator records a responder's training on the Members screen and sees it", async () => {
    const carla = await newPerson(browser);
    await signInMember(carla.page, server.url, coordinator);
    await carla.page.goto(`${server.url}/app/#/members`);
    await carla.page.waitForSelector('#training-title');
    await carla.page.selectOption('#training-responder', responder.id);
    await carla.page.waitForSelector('#training-list:has-text("No training recorded yet.")');
    const trainingsOf = async () =>
      (await callFromPage<RosterPage>(carla.page, 'GET', '/api/responders?limit=200')).responders.find(
        (entry) => entry.memberId === responder.id,
      )?.trainings;
    expect(await trainingsOf()).toEqual([]);

    await carla.page.selectOption('#training-kind', 'legal_observer');
    await carla.page.fill('#training-completed', '2026-11-14');
    await carla.page.fill('#training-expires', '2027-11-14');
    await carla.page.click('#training-record');
    await carla.page.waitForSelector('text=Training recorded.');
    await carla.page.waitForSelector('[data-training-kind=legal_observer]:has-text("2027-11-14")');
    // A second record keeps the first: the screen sends the whole list the route replaces.
    await carla.page.selectOption('#training-kind', 'first_aid');
    await carla.page.fill('#training-completed', '2026-10-01');
    await carla.page.click('#training-record');
    await carla.page.waitForSelector('[data-training-kind=first_aid]');
    expect(await trainingsOf()).toEqual(
      expect.arrayContaining([
        { kind: 'legal_observer', completedOn: '2026-11-14', expiresOn: '2027-11-14' },
        { kind: 'first_aid', completedOn: '2026-10-01', expiresOn: null },
      ]),
    );
    expect(await trainingsOf()).toHaveLength(2);
    for (const language of languages) {
      await chooseLanguage(carla.page, language);
      await carla.page.waitForSelector('#training-title');
      await expectAccessible(carla.page, `training records (${language})`);
      await screenshot(carla.page, `responder-training-${language}`);
    }
    await chooseLanguage(carla.page, 'en');
    expect(carla.problems).toEqual([]);
    await carla.context.close();
  }, 120_000);

  it('a coordinator marks a member as an EXERCISE recipient on the Members screen, and unmarks them', async () => {
    const carla = await newPerson(browser);
    await signInMember(carla.page, server.url, coordinator);
    await carla.page.goto(`${server.url}/app/#/members`);
    const toggle = `[data-exercise-recipient="${responder.id}"]`;
    await carla.page.waitForSelector(toggle);
    const isRecipient = async () =>
      (await callFromPage<MemberListing>(carla.page, 'GET', '/api/members')).members.find(
        (member) => member.id === responder.id,
      )?.isExerciseRecipient;
    expect(await isRecipient()).toBe(false);
    expect(await carla.page.textContent('th:has-text("EXERCISE")')).toContain('EXERCISE');

    await carla.page.click(`${toggle}[aria-pressed=false]`);
    await carla.page.waitForSelector('text=Added to EXERCISE recipients');
    expect(await isRecipient()).toBe(true);
    await carla.page.reload();
    await carla.page.waitForSelector(`${toggle}[aria-pressed=true]`);
    for (const language of languages) {
      await chooseLanguage(carla.page, language);
      await carla.page.waitForSelector(toggle);
      // Every language keeps the word EXERCISE, so a drill is never mistaken for a real alert.
      expect(await carla.page.textContent('table.members thead')).toContain('EXERCISE');
      await expectAccessible(carla.page, `exercise recipients (${language})`);
      await screenshot(carla.page, `exercise-recipients-${language}`);
    }
    await chooseLanguage(carla.page, 'en');
    await carla.page.click(`${toggle}[aria-pressed=true]`);
    await carla.page.waitForSelector('text=Removed from EXERCISE recipients');
    await carla.page.waitForSelector(`${toggle}[aria-pressed=false]`);
    expect(await isRecipient()).toBe(false);
    expect(carla.problems).toEqual([]);
    await carla.context.close();
  }, 120_000);
}
