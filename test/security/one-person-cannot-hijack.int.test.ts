import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import * as sideDoors from '../../server/migrations/2026_11_29_0018_side_doors.ts';
import { ConfigError, loadConfig } from '../../server/platform/config/config.ts';
import { reachableOnlyLookup } from '../../server/platform/push/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import { browserSubscription } from '../alerts/support/api.ts';
import { buildHotlineNetwork, createHotlineApp, publicUrl, randomPhone } from '../hotline/support.ts';

/**
 * Issue 14, items 6 to 10: the side doors through which one outsider or one network's admin could
 * take what is not theirs — another network's hotline number, an address of their choosing for
 * every limit, a weaponized tip that slips past the screen or is told it was caught, a second
 * report from a replayed webhook, an outbound request into the private network. Each test drives
 * the HTTP API as the attacker would and expects the stable refusal. Items 8 and 9 (intake) are in
 * one-person-cannot-hijack-intake.int.test.ts.
 */

const errorCodeOf = (response: LightMyRequestResponse) =>
  response.json<{ error?: { code?: string } }>().error?.code;

describeEachDatabase('one person cannot hijack', (dialect) => {
  describe('(6) hotline numbers belong to one network', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createHotlineApp(dialect);
    });
    afterAll(() => testApp.close());

    async function adminOf(networkId: string) {
      const admin = await buildMember(testApp.context, {
        networkId,
        roles: [{ role: 'admin' }],
        withTotp: true,
      });
      return signIn(testApp.context, admin, { secondFactorProved: true });
    }
    const patchNumbers = (headers: Record<string, string>, hotlineNumbers: string[]) =>
      testApp.app.inject({
        method: 'PATCH',
        url: '/api/network',
        headers,
        payload: { settings: { hotlineNumbers } },
      });

    it("another network's admin adding its number gets 409 HOTLINE_NUMBER_TAKEN naming neither network", async () => {
      const victim = await buildHotlineNetwork(testApp.context);
      const attacker = await buildHotlineNetwork(testApp.context);
      const attackerAdmin = await adminOf(attacker.network.id);

      const taken = await patchNumbers(attackerAdmin.headers, [attacker.hotline, victim.hotline]);
      expect([taken.statusCode, errorCodeOf(taken)]).toEqual([409, 'HOTLINE_NUMBER_TAKEN']);
      for (const network of [victim.network, attacker.network]) {
        for (const name of [network.id, network.slug, network.name]) expect(taken.body).not.toContain(name);
      }
      // Nothing of the refused change was kept: not the setting, not the routing row.
      const profile = await testApp.app.inject({
        method: 'GET',
        url: '/api/network',
        headers: attackerAdmin.headers,
      });
      expect(profile.json<{ settings: { hotlineNumbers: string[] } }>().settings.hotlineNumbers).toEqual([
        attacker.hotline,
      ]);
      const owners = await testApp.database.db
        .selectFrom('hotline_numbers')
        .select(['number', 'network_id'])
        .where('number', 'in', [victim.hotline, attacker.hotline])
        .orderBy('number')
        .execute();
      expect(owners).toEqual(
        [
          { number: victim.hotline, network_id: victim.network.id },
          { number: attacker.hotline, network_id: attacker.network.id },
        ].sort((a, b) => a.number.localeCompare(b.number)),
      );

      // The owner can still re-save, add and remove its own numbers; a removed number is free again.
      const victimAdmin = await adminOf(victim.network.id);
      const extra = randomPhone();
      expect((await patchNumbers(victimAdmin.headers, [victim.hotline, extra])).statusCode).toBe(200);
      expect((await patchNumbers(victimAdmin.headers, [extra])).statusCode).toBe(200);
      expect((await patchNumbers(attackerAdmin.headers, [attacker.hotline, victim.hotline])).statusCode).toBe(
        200,
      );
      const moved = await patchNumbers(victimAdmin.headers, [extra, victim.hotline]);
      expect([moved.statusCode, errorCodeOf(moved)]).toEqual([409, 'HOTLINE_NUMBER_TAKEN']);
    });
  });

  describe('(6) existing deployments: migration 0018 gives a number listed twice to its first network', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp(dialect);
    });
    afterAll(() => testApp.close());

    it('fills hotline_numbers from the settings, oldest network first, normalized', async () => {
      const db = testApp.database.db;
      const older = await buildNetwork(testApp.context);
      testApp.clock.advance(1000);
      const newer = await buildNetwork(testApp.context);
      await sideDoors.down(db as Kysely<unknown>);
      const [shared, olderOwn, newerOwn] = [randomPhone(), randomPhone(), randomPhone()];
      const setNumbers = (id: string, numbers: string[]) =>
        db
          .updateTable('networks')
          .set({ settings: JSON.stringify({ hotlineNumbers: numbers }) })
          .where('id', '=', id)
          .execute();
      // Before 0018 nothing stopped the newer network from listing the older one's number.
      await setNumbers(newer.id, [newerOwn, shared]);
      await setNumbers(older.id, [shared, olderOwn]);
      await sideDoors.up(db as Kysely<unknown>);
      const rows = await db
        .selectFrom('hotline_numbers')
        .select(['number', 'network_id'])
        .where('number', 'in', [shared, olderOwn, newerOwn])
        .execute();
      expect(Object.fromEntries(rows.map((row) => [row.number, row.network_id]))).toEqual({
        [shared]: older.id,
        [olderOwn]: older.id,
        [newerOwn]: newer.id,
      });
    });
  });

  describe('(7) a client cannot choose its own address through X-Forwarded-For', () => {
    it('AMPARO_TRUST_PROXY=true and a malformed proxy list stop start-up with a clear message', () => {
      for (const value of ['true', '10.0.0.0/33', 'proxy.internal']) {
        expect(() => loadConfig({ AMPARO_TRUST_PROXY: value })).toThrow(ConfigError);
        expect(() => loadConfig({ AMPARO_TRUST_PROXY: value })).toThrow(/AMPARO_TRUST_PROXY: /);
      }
    });

    describe('behind one proxy (AMPARO_TRUST_PROXY=1)', () => {
      let testApp: TestApp;
      beforeAll(async () => {
        testApp = await createTestApp(dialect, { AMPARO_TRUST_PROXY: '1' });
      });
      afterAll(() => testApp.close());

      it('rotating spoofed hops do not escape the per-address sign-in limit (429 RATE_LIMITED)', async () => {
        const statuses: number[] = [];
        let last: LightMyRequestResponse | undefined;
        for (let attempt = 0; attempt < 52; attempt += 1) {
          // The client writes any address it likes; the proxy (127.0.0.1) appends the real one.
          last = await testApp.app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            headers: { 'x-forwarded-for': `203.0.${attempt}.9, 198.51.100.7` },
            payload: { email: `spray-${attempt}@example.test`, password: 'a guess at a password' },
          });
          statuses.push(last.statusCode);
        }
        expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(50);
        expect(last && [last.statusCode, errorCodeOf(last)]).toEqual([429, 'RATE_LIMITED']);
        // Another real client behind the same proxy is not limited by the attacker's attempts.
        const other = await testApp.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { 'x-forwarded-for': '198.51.101.7' },
          payload: { email: 'someone@example.test', password: 'a guess at a password' },
        });
        expect(other.statusCode).toBe(401);
      });
    });

    describe('behind listed proxies (AMPARO_TRUST_PROXY=127.0.0.1,10.0.0.0/8)', () => {
      let testApp: TestApp;
      beforeAll(async () => {
        testApp = await createHotlineApp(dialect, {
          environment: { AMPARO_TRUST_PROXY: '127.0.0.1,10.0.0.0/8' },
        });
      });
      afterAll(() => testApp.close());
      const publicReport = (slug: string, forwardedFor: string) =>
        testApp.app.inject({
          method: 'POST',
          url: `/api/public/${slug}/reports`,
          headers: { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': forwardedFor },
          // A pin, so the reports are placed well enough to join one incident (ADR 0036).
          payload: { category: 'street_stop', location: { lat: 41.8564, lon: -87.6598 } },
        });

      it('spoofed hops count as one source for an incident and do not escape the intake limit', async () => {
        const { network } = await buildHotlineNetwork(testApp.context);
        // Real client 198.51.100.7, then an inner proxy of the deployment (10.1.2.3), then 127.0.0.1.
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 25; attempt += 1) {
          const response = await publicReport(network.slug, `192.0.2.${attempt}, 198.51.100.7, 10.1.2.3`);
          statuses.push(response.statusCode);
          if (attempt === 2) {
            const incidents = await testApp.database.db
              .selectFrom('incidents')
              .select(['source_count', 'report_count'])
              .where('network_id', '=', network.id)
              .execute();
            expect(incidents).toEqual([{ source_count: 1, report_count: 3 }]);
          }
        }
        expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(20);
        expect(statuses.at(-1)).toBe(429);
      });
    });
  });

  describe('(10) outbound requests stay off private addresses unless the operator lists them', () => {
    const subscribe = (testApp: TestApp, slug: string, endpoint: string) =>
      testApp.app.inject({
        method: 'POST',
        url: `/api/public/${slug}/push-subscriptions`,
        headers: { 'sec-fetch-site': 'same-origin' },
        payload: {
          subscription: { ...browserSubscription(), endpoint },
          point: { lat: 41.8523, lon: -87.6654, radiusMeters: 1000 },
          language: 'en',
        },
      });

    it('a push endpoint on a private address is refused by default (400 PUSH_SUBSCRIPTION_INVALID)', async () => {
      const testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: publicUrl });
      try {
        const { network } = await buildHotlineNetwork(testApp.context);
        for (const endpoint of [
          'https://10.0.0.7/push/abc',
          'https://[fd00::7]/push/abc',
          'https://127.0.0.1/x',
        ]) {
          const refused = await subscribe(testApp, network.slug, endpoint);
          expect([refused.statusCode, errorCodeOf(refused)], endpoint).toEqual([
            400,
            'PUSH_SUBSCRIPTION_INVALID',
          ]);
        }
      } finally {
        await testApp.close();
      }
      // And the sender's socket refuses what a name resolves to when it is private.
      await expect(lookupOf([], 'localhost')).rejects.toMatchObject({ code: 'EADDRNOTPUBLIC' });
    });

    it('AMPARO_ALLOWED_PRIVATE_ADDRESSES lets exactly the listed addresses through', async () => {
      const testApp = await createTestApp(dialect, {
        AMPARO_PUBLIC_URL: publicUrl,
        AMPARO_ALLOWED_PRIVATE_ADDRESSES: '10.0.0.7,fd00::7/128',
      });
      try {
        const { network } = await buildHotlineNetwork(testApp.context);
        expect((await subscribe(testApp, network.slug, 'https://10.0.0.7/push/abc')).statusCode).toBe(201);
        expect((await subscribe(testApp, network.slug, 'https://[fd00::7]/push/abc')).statusCode).toBe(201);
        const neighbour = await subscribe(testApp, network.slug, 'https://10.0.0.8/push/abc');
        expect([neighbour.statusCode, errorCodeOf(neighbour)]).toEqual([400, 'PUSH_SUBSCRIPTION_INVALID']);
      } finally {
        await testApp.close();
      }
      await expect(lookupOf(['127.0.0.1/32', '::1/128'], 'localhost')).resolves.toMatch(
        /^(127\.0\.0\.1|::1)$/,
      );
    });
  });
});

/** What the push sender's socket would connect to for `hostname` (the lookup its agent uses). */
function lookupOf(allowed: string[], hostname: string): Promise<string> {
  return new Promise((resolve, reject) => {
    reachableOnlyLookup(allowed)(hostname, {}, (error, address) => {
      if (error) reject(error);
      else resolve(typeof address === 'string' ? address : (address[0]?.address ?? ''));
    });
  });
}
