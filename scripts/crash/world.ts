import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  subscriptionDepsFrom,
  handleSubscriptionSms,
} from '../../server/modules/alerting/subscriptions/index.ts';
import { assemblePlatformContext } from '../../server/context.ts';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { loadConfig } from '../../server/platform/config/config.ts';
import { createFieldCrypto } from '../../server/platform/crypto/field-crypto.ts';
import { generateKeyFile, parseKeyFile } from '../../server/platform/crypto/keyring.ts';
import { openDatabase } from '../../server/platform/database/database.ts';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { migrateToLatest } from '../../server/platform/database/migrate.ts';
import { lookupZip } from '../../server/platform/geo/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createLocalEventBus } from '../../server/platform/realtime/local-event-bus.ts';
import { buildIncident, daytimeZone } from '../../test/alerts/support/alert-world.ts';
import { buildArea, buildMember, buildNetwork, signIn } from '../../test/support/factories.ts';

export const publicUrl = 'https://amparo.example.org';

/** Chicago ZIPs at least 5 km apart: one area, its subscribers and its incidents each. */
const zoneZips = ['60608', '60640', '60617', '60634', '60629', '60614'];

export interface Zone {
  zip: string;
  phones: string[];
  /** Confirmed incidents at the ZIP's centroid, one per alert this run may draft. */
  incidents: string[];
}

export interface CrashWorld {
  slug: string;
  networkId: string;
  keyFile: string;
  dataDirectory: string;
  drafter: Record<string, string>;
  approver: Record<string, string>;
  members: { drafter: { id: string; networkId: string }; approver: { id: string; networkId: string } };
  zones: Zone[];
}

/** A second factor counts for five minutes (step-up window): long runs sign in afresh between kills. */
export const sessionRefreshMs = 3 * 60 * 1000;

export async function refreshSessions(target: DatabaseTarget, world: CrashWorld): Promise<void> {
  const database = openDatabase(target);
  try {
    const context = { database, clock: systemClock, crypto: createFieldCrypto(parseKeyFile(world.keyFile)) };
    world.drafter = (await signIn(context, world.members.drafter, { secondFactorProved: true })).headers;
    world.approver = (await signIn(context, world.members.approver, { secondFactorProved: true })).headers;
  } finally {
    await database.close();
  }
}

/**
 * Migrates the database once (restarts then find nothing to do) and builds the network the run
 * drives: areas around a few ZIP centroids, SMS subscribers in each, confirmed incidents to draft
 * alerts from, and two coordinators (a drafter and a second-factor approver) with live sessions.
 */
export async function buildCrashWorld(
  target: DatabaseTarget,
  options: { subscribersPerZone: number; incidentsPerZone: number },
): Promise<CrashWorld> {
  const dataDirectory =
    target.kind === 'sqlite'
      ? path.dirname(target.file)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-crash-'));
  const keyFile = JSON.stringify(generateKeyFile());
  const database = openDatabase(target);
  try {
    await migrateToLatest(database);
    const context = assemblePlatformContext({
      config: loadConfig({
        AMPARO_DATA_DIR: dataDirectory,
        AMPARO_LOG_LEVEL: 'silent',
        AMPARO_PUBLIC_URL: publicUrl,
      }),
      database,
      logger: createLogger('silent'),
      clock: systemClock,
      events: createLocalEventBus(),
      crypto: createFieldCrypto(parseKeyFile(keyFile)),
    });
    const network = await buildNetwork(context, {
      languages: ['en'],
      timezone: daytimeZone(),
      // The highest values the settings allow (out-of-range settings fall back to the defaults).
      settings: { smsPerSecond: 100, alertCapPerAreaPerHour: 100 },
    });
    const zones: Zone[] = [];
    const areaIds: string[] = [];
    let phoneNumber = 2_000_000 + Math.floor(Math.random() * 7_000_000);
    for (const zip of zoneZips) {
      const centroid = lookupZip(zip);
      if (!centroid) throw new Error(`ZIP ${zip} is not in the ZIP index`);
      const center = { lat: centroid.lat, lon: centroid.lon };
      areaIds.push((await buildArea(context, network.id, { center, radiusMeters: 1500 })).id);
      const phones: string[] = [];
      for (let index = 0; index < options.subscribersPerZone; index += 1) {
        const phone = `+1312${(phoneNumber += 1)}`;
        await handleSubscriptionSms(subscriptionDepsFrom(context), {
          networkId: network.id,
          phoneE164: phone,
          text: `ALTA ${zip}`,
          language: 'en',
        });
        phones.push(phone);
      }
      const incidents: string[] = [];
      for (let index = 0; index < options.incidentsPerZone; index += 1) {
        incidents.push(await buildIncident(context, network.id, { lat: center.lat, lon: center.lon }));
      }
      zones.push({ zip, phones, incidents });
    }
    const drafter = await buildMember(context, {
      networkId: network.id,
      withTotp: true,
      roles: [{ role: 'coordinator' }],
    });
    const approver = await buildMember(context, {
      networkId: network.id,
      withTotp: true,
      roles: areaIds.map((areaId) => ({ role: 'coordinator' as const, areaId })),
    });
    return {
      slug: network.slug,
      networkId: network.id,
      keyFile,
      dataDirectory,
      drafter: (await signIn(context, drafter, { secondFactorProved: true })).headers,
      approver: (await signIn(context, approver, { secondFactorProved: true })).headers,
      members: {
        drafter: { id: drafter.id, networkId: network.id },
        approver: { id: approver.id, networkId: network.id },
      },
      zones,
    };
  } finally {
    await database.close();
  }
}
