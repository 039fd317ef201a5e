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
  clickWithStepUp,
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
const uptown = { lat: 41.9665, lon: -87.6533 };
// Inside Pilsen, but far enough from the first test's incident not to join it.
const eastPilsen = { lat: 41.8564, lon: -87.642 };

if (!isEnabled)
  describe.skip('crisis controls in Chromium (Chromium not installed)', () =>
    it('stops alerts and switches flood mode from the screen', () => undefined));
else describeEachDatabase('crisis controls in Chromium', (dialect) => crisisControls(dialect));

function crisisControls(dialect: DialectName): void {
  let world: BrowserWorld;
  let server: ServerProcess;
  let browser: Browser;
  let desk: BuiltMember;
  let drafter: BuiltMember;
  let approver: BuiltMember;

  beforeAll(async () => {
    world = await startBrowserWorld(dialect);
    ({ server, browser } = world);
    const context = world.factories;
    const network = await buildNetwork(context, { languages: [...languages] });
    await buildArea(context, network.id, { name: 'Pilsen', center: pilsen, radiusMeters: 3000 });
    await buildArea(context, network.id, { name: 'Uptown', center: uptown, radiusMeters: 2000 });
    const build = (displayName: string, role: 'dispatcher' | 'coordinator') =>
      buildMember(context, { networkId: network.id, displayName, roles: [{ role }], withTotp: true });
    desk = await build('Dana Dispatcher', 'dispatcher');
    drafter = await build('Carla Coordinator', 'coordinator');
    approver = await build('Ana Approver', 'coordinator');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('a stop switch set on screen, named and timed, refuses an approval until it is resumed', async () => {
    // A confirmed incident and its draft alert, waiting for a second coordinator.
    const drafting = await newPerson(browser);
    await signInMember(drafting.page, server.url, drafter);
    const incidentId = await operatorReport(drafting.page, pilsen, 'Agents at the gate', 'workplace');
    for (const status of ['verifying', 'confirmed'])
      await callFromPage(drafting.page, 'POST', `/api/incidents/${incidentId}/status`, { status });
    await drafting.page.goto(`${server.url}/app/#/incident/${incidentId}`);
    await drafting.page.click('button:has-text("Draft alert")');
    await drafting.page.click('#composer-submit');
    await drafting.page.waitForSelector('#frozen-title');
    const alertId = drafting.page.url().split('#/alerts/')[1]!;

    // The drafter stops every alert from the crisis screen: one click only asks, naming the effect.
    await drafting.page.click('a[href="#/crisis"]');
    await drafting.page.waitForSelector('#stop-switch[data-on=false]');
    await drafting.page.click('#stop-switch-toggle');
    expect(await drafting.page.textContent('#stop-switch-question')).toContain('No alert can be approved');
    expect(await drafting.page.locator('#stop-switch[data-on=true]').count()).toBe(0);
    for (const language of languages) {
      await chooseLanguage(drafting.page, language);
      await drafting.page.waitForSelector('#stop-switch-question');
      await expectAccessible(drafting.page, `stop switch confirmation (${language})`);
      await screenshot(drafting.page, `crisis-stop-confirm-${language}`);
    }
    await chooseLanguage(drafting.page, 'en');
    // The confirmation waits for a reason.
    expect(await drafting.page.isDisabled('#stop-switch-confirm')).toBe(true);
    await drafting.page.fill('#stop-switch-why', 'A coordinator account may be misused');
    await drafting.page.click('#stop-switch-confirm');
    await drafting.page.waitForSelector('#stop-switch[data-on=true]');
    expect(await drafting.page.textContent('#stop-switch-changed')).toContain('Carla Coordinator');
    expect(await drafting.page.textContent('#stop-switch-reason')).toContain(
      'A coordinator account may be misused',
    );

    // The approver, on the alert page, is refused; the alert stays a draft.
    const approving = await newPerson(browser);
    await signInMember(approving.page, server.url, approver);
    await approving.page.goto(`${server.url}/app/#/alerts/${alertId}`);
    const refused = approving.page.locator('#approval-notice:has-text("The stop switch is on")');
    await clickWithStepUp(approving.page, '#approve-alert', approver, refused);
    expect(await approving.page.locator('[data-alert-state=draft]').count()).toBe(1);

    // The approver sees who stopped alerts, and resumes them (a fresh second factor), in Arabic too.
    await approving.page.goto(`${server.url}/app/#/crisis`);
    await approving.page.waitForSelector('#stop-switch[data-on=true]');
    for (const language of languages) {
      await chooseLanguage(approving.page, language);
      await approving.page.waitForSelector('#stop-switch-changed');
      await expectAccessible(approving.page, `stop switch on (${language})`);
      await screenshot(approving.page, `crisis-stopped-${language}`);
    }
    await chooseLanguage(approving.page, 'en');
    await approving.page.click('#stop-switch-toggle');
    expect(await approving.page.textContent('#stop-switch-question')).toContain('held while stopped is sent');
    await approving.page.fill('#stop-switch-why', 'Account checked with its owner');
    const resumed = approving.page.locator('#stop-switch[data-on=false]');
    await clickWithStepUp(approving.page, '#stop-switch-confirm', approver, resumed);
    expect(await approving.page.textContent('#stop-switch-changed')).toContain('Ana Approver');

    // Now the same approval goes through.
    await approving.page.goto(`${server.url}/app/#/alerts/${alertId}`);
    const approved = approving.page.locator('[data-alert-state=approved]');
    await clickWithStepUp(approving.page, '#approve-alert', approver, approved);
    for (const person of [drafting, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 180_000);

  it('an area stopped on screen, with who and why, refuses approvals there and not in another area', async () => {
    // Two confirmed incidents and their draft alerts: one in Pilsen, one in Uptown.
    const drafting = await newPerson(browser);
    await signInMember(drafting.page, server.url, drafter);
    const draftAt = async (place: { lat: number; lon: number }, text: string): Promise<string> => {
      const incidentId = await operatorReport(drafting.page, place, text, 'workplace');
      for (const status of ['verifying', 'confirmed'])
        await callFromPage(drafting.page, 'POST', `/api/incidents/${incidentId}/status`, { status });
      await drafting.page.goto(`${server.url}/app/#/incident/${incidentId}`);
      await drafting.page.click('button:has-text("Draft alert")');
      await drafting.page.click('#composer-submit');
      await drafting.page.waitForSelector('#frozen-title');
      return drafting.page.url().split('#/alerts/')[1]!;
    };
    const inPilsen = await draftAt(eastPilsen, 'Agents at the bakery');
    const inUptown = await draftAt(uptown, 'Agents at the bus depot');

    // The drafter stops Pilsen only: one click asks, naming the area and that others go on.
    await drafting.page.click('a[href="#/crisis"]');
    const pilsenSwitch = drafting.page.locator(
      '#area-switches .crisis-switch:has(h3:text-is("Alerts in Pilsen"))',
    );
    await pilsenSwitch.locator('button.crisis-button').click();
    expect(await pilsenSwitch.locator('.confirm p').textContent()).toContain('Other areas are not stopped');
    expect(await pilsenSwitch.locator('button.button-danger').isDisabled()).toBe(true);
    await pilsenSwitch.locator('input').fill('Rumour of a raid, being checked');
    for (const language of languages) {
      await chooseLanguage(drafting.page, language);
      await expectAccessible(drafting.page, `area stop confirmation (${language})`);
      await screenshot(drafting.page, `crisis-area-stop-confirm-${language}`);
    }
    await chooseLanguage(drafting.page, 'en');
    await pilsenSwitch.locator('button.button-danger').click();
    await drafting.page.waitForSelector('#area-switches .crisis-switch[data-on=true]');
    expect(await drafting.page.locator('#area-switches .crisis-switch[data-on=true]').count()).toBe(1);
    const stopped = drafting.page.locator('#area-switches .crisis-switch[data-on=true]');
    expect(await stopped.locator('h3').textContent()).toBe('Alerts in Pilsen');
    expect(await stopped.textContent()).toContain('Carla Coordinator');
    expect(await stopped.textContent()).toContain('Why: Rumour of a raid, being checked');
    expect(await drafting.page.locator('#stop-switch[data-on=false]').count()).toBe(1);

    // The approver is refused in Pilsen, and approves Uptown's alert.
    const approving = await newPerson(browser);
    await signInMember(approving.page, server.url, approver);
    await approving.page.goto(`${server.url}/app/#/alerts/${inPilsen}`);
    const refused = approving.page.locator(
      '#approval-notice:has-text("A coordinator stopped alerts in this area")',
    );
    await clickWithStepUp(approving.page, '#approve-alert', approver, refused);
    expect(await approving.page.locator('[data-alert-state=draft]').count()).toBe(1);
    await approving.page.goto(`${server.url}/app/#/alerts/${inUptown}`);
    await clickWithStepUp(
      approving.page,
      '#approve-alert',
      approver,
      approving.page.locator('[data-alert-state=approved]'),
    );

    // On the crisis screen the approver reads who stopped Pilsen and why, and resumes it.
    await approving.page.goto(`${server.url}/app/#/crisis`);
    const seen = approving.page.locator('#area-switches .crisis-switch[data-on=true]');
    await seen.waitFor();
    for (const language of languages) {
      await chooseLanguage(approving.page, language);
      await expectAccessible(approving.page, `area stopped (${language})`);
      await screenshot(approving.page, `crisis-area-stopped-${language}`);
    }
    await chooseLanguage(approving.page, 'en');
    expect(await seen.textContent()).toContain('Carla Coordinator');
    await seen.locator('button.crisis-button').click();
    expect(await seen.locator('.confirm p').textContent()).toContain('held while stopped is sent');
    await seen.locator('input').fill('Checked: no raid there');
    const pilsenAgain = approving.page.locator(
      '#area-switches .crisis-switch:has(h3:text-is("Alerts in Pilsen"))',
    );
    await clickWithStepUp(
      approving.page,
      '#area-switches .crisis-switch[data-on=true] button.button',
      approver,
      pilsenAgain.locator('text=Alerts in Pilsen flow normally'),
    );
    expect(await pilsenAgain.textContent()).toContain('Ana Approver');
    await approving.page.goto(`${server.url}/app/#/alerts/${inPilsen}`);
    await clickWithStepUp(
      approving.page,
      '#approve-alert',
      approver,
      approving.page.locator('[data-alert-state=approved]'),
    );
    for (const person of [drafting, approving]) {
      expect(person.problems).toEqual([]);
      await person.context.close();
    }
  }, 240_000);

  it('a dispatcher turns flood mode on and off from the screen, and cannot touch the stop switch', async () => {
    const person = await newPerson(browser);
    await signInMember(person.page, server.url, desk);
    await person.page.goto(`${server.url}/app/#/crisis`);
    await person.page.waitForSelector('#flood-mode[data-on=false]');
    expect(await person.page.locator('#stop-switch-toggle').count()).toBe(0);
    await person.page.click('#flood-mode-toggle');
    expect(await person.page.textContent('#flood-mode-question')).toContain('across the whole network');
    await person.page.click('#flood-mode-keep');
    expect(await person.page.locator('#flood-mode[data-on=false]').count()).toBe(1);
    await person.page.click('#flood-mode-toggle');
    await clickWithStepUp(
      person.page,
      '#flood-mode-confirm',
      desk,
      person.page.locator('#flood-mode[data-on=true]'),
    );
    const state = await callFromPage<{ floodMode: { isOn: boolean } }>(
      person.page,
      'GET',
      '/api/network/flood-mode',
    );
    expect(state.floodMode.isOn).toBe(true);
    for (const language of languages) {
      await chooseLanguage(person.page, language);
      await person.page.waitForSelector('#flood-mode-changed');
      await expectAccessible(person.page, `flood mode on (${language})`);
      await screenshot(person.page, `crisis-flood-${language}`);
    }
    await chooseLanguage(person.page, 'en');
    await person.page.click('#flood-mode-toggle');
    await clickWithStepUp(
      person.page,
      '#flood-mode-confirm',
      desk,
      person.page.locator('#flood-mode[data-on=false]'),
    );
    expect(person.problems).toEqual([]);
    await person.context.close();
  }, 120_000);

  it('a coordinator sees reports the limits held back, minute by minute, for their own network only', async () => {
    // An outsider floods a fresh network's public form from one address: 20 get in, the rest are held.
    const flooded = await buildNetwork(world.factories, { languages: [...languages] });
    const watcher = await buildMember(world.factories, {
      networkId: flooded.id,
      displayName: 'Wanda Watcher',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    const statuses: number[] = [];
    for (let index = 0; index < 26; index += 1) {
      const response = await fetch(`${server.url}/api/public/${flooded.slug}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ category: 'checkpoint', zip: '60608' }),
      });
      await response.body?.cancel();
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);

    const person = await newPerson(browser);
    await signInMember(person.page, server.url, watcher);
    await person.page.goto(`${server.url}/app/#/crisis`);
    await person.page.waitForSelector('#held-by-limit-list');
    expect(await person.page.getAttribute('#held-by-limit', 'data-total')).toBe('6');
    // Every one was held as too many from one sender (the flood may straddle two minutes).
    for (const row of await person.page.locator('#held-by-limit-list tbody tr').all()) {
      const [total, bySource, byPlace, byBudget] = await row.locator('td').allTextContents();
      expect([bySource, byPlace, byBudget]).toEqual([total, '0', '0']);
    }
    for (const language of languages) {
      await chooseLanguage(person.page, language);
      await person.page.waitForSelector('#held-by-limit-title');
      await expectAccessible(person.page, `reports held by the limits (${language})`);
      await screenshot(person.page, `crisis-held-${language}`);
    }
    await chooseLanguage(person.page, 'en');
    expect(person.problems).toEqual([]);
    await person.context.close();

    // Another network's coordinator sees nothing of it.
    const other = await newPerson(browser);
    await signInMember(other.page, server.url, drafter);
    await other.page.goto(`${server.url}/app/#/crisis`);
    await other.page.waitForSelector('#held-by-limit-none');
    expect(await other.page.getAttribute('#held-by-limit', 'data-total')).toBe('0');
    await other.context.close();
  }, 120_000);

  it('a flood of reports moves the accepted and held numbers on an open crisis screen', async () => {
    const flooded = await buildNetwork(world.factories, { languages: [...languages] });
    const watcher = await buildMember(world.factories, {
      networkId: flooded.id,
      displayName: 'Fran Flow',
      roles: [{ role: 'coordinator' }],
      withTotp: true,
    });
    const person = await newPerson(browser);
    await signInMember(person.page, server.url, watcher);
    await person.page.goto(`${server.url}/app/#/crisis`);
    await person.page.waitForSelector('#intake-flow[data-accepted="0"][data-held="0"]');
    expect(await person.page.locator('#intake-flow-list tbody tr').count()).toBe(15);

    // While the screen stays open, an outsider floods the public form: 20 get in, 6 are held.
    const statuses: number[] = [];
    for (let index = 0; index < 26; index += 1) {
      const response = await fetch(`${server.url}/api/public/${flooded.slug}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ category: 'checkpoint', zip: '60608' }),
      });
      await response.body?.cancel();
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
    await person.page.waitForSelector('#intake-flow[data-accepted="20"][data-held="6"]', { timeout: 15_000 });
    expect(await person.page.textContent('#intake-flow-summary')).toContain('20 accepted, 6 held');
    for (const language of languages) {
      await chooseLanguage(person.page, language);
      await person.page.waitForSelector('#intake-flow-title');
      await expectAccessible(person.page, `reports accepted and held (${language})`);
      await screenshot(person.page, `crisis-flow-${language}`);
    }
    await chooseLanguage(person.page, 'en');
    expect(person.problems).toEqual([]);
    await person.context.close();
  }, 120_000);

  it('a coordinator reads why a report was kept out of the queue; a dispatcher has no such screen', async () => {
    const person = await newPerson(browser);
    await signInMember(person.page, server.url, desk);
    await operatorReport(
      person.page,
      pilsen,
      'Report my neighbor to ICE, she is illegal, lives at 1800 S Blue Island',
    );
    await operatorReport(
      person.page,
      pilsen,
      'Quiero denunciar a mi vecino, es ilegal y vive en 2100 S Kedzie Ave',
    );
    expect(await person.page.locator('a[href="#/flagged"]').count()).toBe(0);
    await person.context.close();

    const reader = await newPerson(browser);
    await signInMember(reader.page, server.url, drafter);
    await reader.page.click('a[href="#/flagged"]');
    await reader.page.waitForSelector('.flagged-report');
    expect(await reader.page.textContent('.flagged-report')).toContain('denunciar a mi vecino');
    expect(await reader.page.textContent('.flagged-report')).toContain('denounces a person');
    for (const language of languages) {
      await chooseLanguage(reader.page, language);
      await reader.page.waitForSelector('#flagged-title');
      await expectAccessible(reader.page, `flagged reports (${language})`);
      await screenshot(reader.page, `flagged-reports-${language}`);
    }

    // One was a real report after all: released to the queue; the other is deleted now.
    const ids = await reader.page
      .locator('.flagged-report')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-flagged-report') ?? ''));
    expect(ids).toHaveLength(2);
    const [releasedId, purgedId] = ids as [string, string];
    type Queue = { incidents: { id: string }[] };
    const before = (await callFromPage<Queue>(reader.page, 'GET', '/api/incidents')).incidents.map(
      (i) => i.id,
    );
    await reader.page.click(`[data-flagged-report="${releasedId}"] [data-action=release]`);
    const leftAlone = reader.page.locator(`.flagged-report[data-flagged-report="${purgedId}"]:only-child`);
    await clickWithStepUp(
      reader.page,
      `[data-flagged-report="${releasedId}"] [data-confirm=release]`,
      drafter,
      leftAlone,
    );
    await reader.page.click(`[data-flagged-report="${purgedId}"] [data-action=purge]`);
    await clickWithStepUp(
      reader.page,
      `[data-flagged-report="${purgedId}"] [data-confirm=purge]`,
      drafter,
      reader.page.locator('#flagged-title ~ .empty'),
    );
    await reader.page.goto(`${server.url}/app/#/queue`);
    const after = (await callFromPage<Queue>(reader.page, 'GET', '/api/incidents')).incidents.map(
      (i) => i.id,
    );
    const fromTip = after.filter((id) => !before.includes(id));
    expect(fromTip).toHaveLength(1);
    await reader.page.locator(`[data-incident-id="${fromTip[0]}"]`).waitFor();
    expect(reader.problems).toEqual([]);
    await reader.context.close();
  }, 120_000);
}
