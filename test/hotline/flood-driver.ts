import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import type { DialectName } from '../../server/platform/database/database.ts';
import { seededRandom } from '../../server/modules/intake/tips/index.ts';
import { buildMember, signIn } from '../support/factories.ts';
import type { SignedIn } from '../support/factories.ts';
import { buildHotlineNetwork, createHotlineApp, sendText } from './support.ts';

/**
 * A junk flood against intake while real reports keep arriving (issue 4 §6), on simulated time:
 * the app's manual clock advances with every request, so limits see a realistic arrival rate
 * however fast the machine is. Junk comes from rotating sources — web reports from random client
 * addresses (AMPARO_TRUST_PROXY + x-forwarded-for) and signed SMS from random numbers — aimed
 * mostly at a few hoax places, some scattered. Real reports come from known reporters (numbers
 * with an earlier genuine report) by SMS and from hotline operators. A dispatcher switches flood
 * mode on after the first minute of the flood.
 *
 * Used by test/hotline/flood.int.test.ts (bounded) and scripts/flood-test.ts (full run by hand).
 */
export interface FloodOptions {
  dialect: DialectName;
  /** Junk reports sent (default 10 000). */
  junk?: number;
  /** Junk per simulated minute (default 1000). */
  junkPerMinute?: number;
  /** One real report per this many junk ones (default 50). */
  junkPerReal?: number;
  /** Share of junk scattered over the city instead of aimed at the hoax places (default 0.1). */
  scatteredShare?: number;
  /** Junk sent before the dispatcher switches flood mode on (default: one minute's worth). */
  floodModeAfter?: number;
  seed?: number;
  /**
   * SQLite only: put the database on a RAM disk (/dev/shm) so the run measures limits and
   * clustering, not how fast this machine's disk syncs each commit (the CI run uses it).
   */
  isOnRamDisk?: boolean;
  log?: (line: string) => void;
}

export interface FloodResult {
  junkSent: number;
  junkAccepted: number;
  junkRateLimited: number;
  realSent: number;
  realAccepted: number;
  realAcceptedShare: number;
  /** Reports stored and incidents opened during the flood (what the dispatcher queue holds). */
  reportsStored: number;
  incidentsOpened: number;
  /** Incidents per stored report: 1 would mean the queue grew by raw reports. */
  incidentsPerReport: number;
  /**
   * After the flood a coordinator tries to draft an alert from every incident it opened (none was
   * verified by a responder): the answers by error code, and the alerts that exist afterwards.
   */
  alertDraftAnswers: Record<string, number>;
  alertsCreated: number;
  simulatedMinutes: number;
  seconds: number;
}

const pilsen = { lat: 41.8564, lon: -87.6604 };
const hoaxPlaces = [
  { lat: 41.8515, lon: -87.6694, zip: '60608', address: '1845 S Loomis St' },
  { lat: 41.8477, lon: -87.7056, zip: '60623', address: '2100 S Kedzie Ave' },
  { lat: 41.8348, lon: -87.6848, zip: '60609', address: '3500 S Western Ave' },
  { lat: 41.8781, lon: -87.6298, zip: '60604', address: '219 S Dearborn St' },
  { lat: 41.921, lon: -87.705, zip: '60647', address: '2600 N Kedzie Ave' },
];
const cityZips = [
  '60608',
  '60609',
  '60616',
  '60623',
  '60632',
  '60629',
  '60647',
  '60618',
  '60639',
  '60651',
  '60624',
  '60612',
];
const realPlaces = [
  { zip: '60632', address: '3900 S Pulaski Rd' },
  { zip: '60629', address: '6300 S Kedzie Ave' },
];

export async function runFloodTest(options: FloodOptions): Promise<FloodResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const junkTotal = options.junk ?? 10_000;
  const junkPerMinute = options.junkPerMinute ?? 1000;
  const junkPerReal = options.junkPerReal ?? 50;
  const scatteredShare = options.scatteredShare ?? 0.1;
  const floodModeAfter = options.floodModeAfter ?? junkPerMinute;
  const random = seededRandom(options.seed ?? 4);
  const testApp = await withTemporaryDirectory(options.isOnRamDisk === true, () =>
    createHotlineApp(options.dialect, { environment: { AMPARO_TRUST_PROXY: '1' } }),
  );
  try {
    const { context, clock } = testApp;
    const { network, hotline } = await buildHotlineNetwork(context, ['en', 'es']);
    const signedIn = async (): Promise<SignedIn> =>
      signIn(context, await buildMember(context, { networkId: network.id, roles: [{ role: 'dispatcher' }] }));

    // Known reporters: numbers that sent a genuine report well before the flood.
    const knownPhones = Array.from({ length: 40 }, (_, index) => `+1773555${String(1000 + index)}`);
    for (const phone of knownPhones) {
      await sendText(testApp, {
        from: phone,
        to: hotline,
        body: `Agents stopping cars at 4000 W 26th St 60623`,
      });
    }
    clock.advance(2 * 60 * 60 * 1000);
    const since = clock.now();
    const operators = [await signedIn(), await signedIn()];

    const msPerJunk = 60_000 / junkPerMinute;
    let junkAccepted = 0;
    let junkRateLimited = 0;
    let realSent = 0;
    let realAccepted = 0;
    const isStored = (response: LightMyRequestResponse) =>
      response.statusCode === 201 || (response.statusCode === 200 && response.body.includes('<Message>'));

    for (let index = 0; index < junkTotal; index += 1) {
      clock.advance(msPerJunk);
      if (index === floodModeAfter) {
        const switched = await testApp.app.inject({
          method: 'POST',
          url: '/api/network/flood-mode',
          headers: operators[0]!.headers,
          payload: { isOn: true },
        });
        if (switched.statusCode !== 200)
          throw new Error(`flood mode: ${switched.statusCode} ${switched.body}`);
        log(`flood mode on after ${index} junk reports`);
      }
      const response = await sendJunk(index);
      if (isStored(response)) junkAccepted += 1;
      else if (response.statusCode === 429) junkRateLimited += 1;
      else throw new Error(`junk got ${response.statusCode}: ${response.body.slice(0, 200)}`);

      if (index % junkPerReal === junkPerReal - 1) {
        realSent += 1;
        const real = await sendReal(realSent);
        if (isStored(real)) realAccepted += 1;
        else log(`real report refused: ${real.statusCode} ${real.body.slice(0, 120)}`);
      }
      if (index % 2000 === 1999)
        log(`${index + 1} junk sent, ${junkAccepted} accepted, real ${realAccepted}/${realSent}`);
    }

    const count = async (table: 'reports' | 'incidents') => {
      const row = await context.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('network_id', '=', network.id)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    };
    const reportsStored = await count('reports');
    const incidentsOpened = await count('incidents');
    const alertDraftAnswers = await draftFromEveryIncident();
    const alerts = await context.database.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('network_id', '=', network.id)
      .executeTakeFirstOrThrow();
    return {
      junkSent: junkTotal,
      junkAccepted,
      junkRateLimited,
      realSent,
      realAccepted,
      realAcceptedShare: realSent === 0 ? 1 : realAccepted / realSent,
      reportsStored,
      incidentsOpened,
      incidentsPerReport: reportsStored === 0 ? 0 : incidentsOpened / reportsStored,
      alertDraftAnswers,
      alertsCreated: Number(alerts.count),
      simulatedMinutes: (clock.now() - since) / 60_000,
      seconds: (Date.now() - started) / 1000,
    };

    /** An unverified incident can only become an alert through a two-person override, never by itself. */
    async function draftFromEveryIncident(): Promise<Record<string, number>> {
      const coordinator = signIn(
        context,
        await buildMember(context, { networkId: network.id, roles: [{ role: 'coordinator' }] }),
      );
      const headers = (await coordinator).headers;
      const incidents = await context.database.db
        .selectFrom('incidents')
        .select('id')
        .where('network_id', '=', network.id)
        .where('created_at', '>=', since)
        .execute();
      const answers: Record<string, number> = {};
      for (const { id } of incidents) {
        const response = await testApp.app.inject({
          method: 'POST',
          url: '/api/alerts',
          headers,
          payload: { incidentId: id },
        });
        const code =
          response.statusCode < 300
            ? `${response.statusCode} drafted`
            : `${response.statusCode} ${response.json<{ error: { code: string } }>().error.code}`;
        answers[code] = (answers[code] ?? 0) + 1;
      }
      return answers;
    }

    function sendJunk(index: number): Promise<LightMyRequestResponse> {
      const isScattered = random() < scatteredShare;
      const hoax = hoaxPlaces[Math.floor(random() * hoaxPlaces.length)]!;
      if (index % 2 === 0) {
        const jitter = () => (random() - 0.5) * 0.002;
        const location = isScattered
          ? { lat: pilsen.lat + (random() - 0.5) * 0.3, lon: pilsen.lon + (random() - 0.5) * 0.3 }
          : { lat: hoax.lat + jitter(), lon: hoax.lon + jitter() };
        return testApp.app.inject({
          method: 'POST',
          url: `/api/public/${network.slug}/reports`,
          headers: { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': randomAddress() },
          payload: { category: 'home', location, description: 'ICE RAID HAPPENING NOW, SHARE' },
        });
      }
      const zip = isScattered ? cityZips[Math.floor(random() * cityZips.length)]! : hoax.zip;
      const place = isScattered ? `${zip}` : `${hoax.address} ${hoax.zip}`;
      return sendText(testApp, {
        from: randomNumber(),
        to: hotline,
        body: `ICE raid at ${place} right now!!`,
      });
    }

    function sendReal(serial: number): Promise<LightMyRequestResponse> {
      const place = realPlaces[serial % realPlaces.length]!;
      if (serial % 4 === 0) {
        const operator = operators[serial % operators.length]!;
        return testApp.app.inject({
          method: 'POST',
          url: '/api/reports',
          headers: operator.headers,
          payload: {
            channel: 'operator',
            category: 'workplace',
            zip: place.zip,
            description: 'Caller: vans at the plant',
          },
        });
      }
      const phone = knownPhones[serial % knownPhones.length]!;
      return sendText(testApp, {
        from: phone,
        to: hotline,
        body: `Agentes deteniendo trabajadores en ${place.address} ${place.zip}`,
      });
    }

    function randomAddress(): string {
      const octet = () => Math.floor(random() * 254) + 1;
      return `${octet()}.${octet()}.${octet()}.${octet()}`;
    }

    function randomNumber(): string {
      return `+1${String(2_000_000_000 + Math.floor(random() * 7_999_999_999))}`;
    }
  } finally {
    await testApp.close();
  }
}

/** Runs `create` with the temporary directory on /dev/shm when asked and available (os.tmpdir reads TMPDIR). */
async function withTemporaryDirectory<T>(isOnRamDisk: boolean, create: () => Promise<T>): Promise<T> {
  if (!isOnRamDisk || !fs.existsSync('/dev/shm')) return create();
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = '/dev/shm';
  try {
    return await create();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}
