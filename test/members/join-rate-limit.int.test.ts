import { afterAll, beforeAll, expect, it } from 'vitest';
import { joinLimits } from '../../server/modules/identity/members/join-limits.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import { freshRecoveryAddress, openRecoveryForm, pageErrorCode } from './recovery-support.ts';

interface ErrorBody {
  error: { code: string };
}

describeEachDatabase('invitation acceptance rate limits', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org' });
  });
  afterAll(() => testApp.close());

  /** Invitation paths (`/join/<token>`) of one network, made through the API by its admin. */
  async function invitationPaths(count: number): Promise<string[]> {
    const network = await buildNetwork(testApp.context);
    const admin = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'admin' }],
      withTotp: true,
    });
    const { headers } = await signIn(testApp.context, admin);
    const paths = [];
    for (let index = 0; index < count; index += 1) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/api/invitations',
        headers,
        payload: { roles: [{ role: 'responder' }] },
      });
      paths.push(new URL(response.json<{ link: string }>().link).pathname);
    }
    return paths;
  }

  const newcomer = () => ({
    displayName: 'Ana',
    email: `join-${Math.random().toString(36).slice(2)}@example.test`,
    password: 'twelve chars or more',
  });

  function acceptThroughApi(path: string, address: string) {
    return testApp.app.inject({
      method: 'POST',
      url: `/api/invitations/${path.split('/join/')[1]}/accept`,
      remoteAddress: address,
      payload: newcomer(),
    });
  }

  function postJoinForm(path: string, form: { formCookie: string; csrf: string }, address: string) {
    return testApp.app.inject({
      method: 'POST',
      url: path,
      remoteAddress: address,
      headers: { cookie: form.formCookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: form.csrf, ...newcomer() }).toString(),
    });
  }

  it('answers 429 RATE_LIMITED past the per-address budget, shared by the page and the API', async () => {
    const [first, second, third] = (await invitationPaths(3)) as [string, string, string];
    const address = freshRecoveryAddress();
    const { limit } = joinLimits.perAddressPrefix;

    // Attempt 1: a valid acceptance through the API works.
    expect((await acceptThroughApi(first, address)).statusCode).toBe(201);
    // Attempts 2 to N-1: unknown links, from the same /24.
    const sameSubnet = address.replace(/\.\d+$/, '.250');
    for (let attempt = 2; attempt < limit; attempt += 1) {
      const unknown = await testApp.app.inject({
        method: 'GET',
        url: `/join/${'x'.repeat(43)}`,
        remoteAddress: attempt % 2 === 0 ? address : sameSubnet,
      });
      expect(unknown.statusCode).toBe(404);
    }
    // Attempt N opens a valid form; attempt N+1 posts it and is refused without using the invitation.
    const form = await openRecoveryForm(testApp, second, address);
    expect(form.page.statusCode).toBe(200);
    const refused = await postJoinForm(second, form, address);
    expect([refused.statusCode, pageErrorCode(refused)]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('Too many attempts');
    const api = await acceptThroughApi(third, address);
    expect([api.statusCode, api.json<ErrorBody>().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await testApp.app.inject({ method: 'GET', url: third, remoteAddress: address })).statusCode).toBe(
      429,
    );

    // Another address prefix is not held back, and the refused invitation was not used up.
    expect((await acceptThroughApi(second, freshRecoveryAddress())).statusCode).toBe(201);
    // The bucket refills with time.
    testApp.clock.advance(joinLimits.perAddressPrefix.windowMs);
    expect((await acceptThroughApi(third, address)).statusCode).toBe(201);
  });

  it('caps acceptances from every address together, but not page views', async () => {
    testApp.clock.advance(joinLimits.global.windowMs);
    const [path] = (await invitationPaths(1)) as [string];
    const { limit } = joinLimits.global;
    for (let attempt = 1; attempt <= limit; attempt += 1) {
      const unknown = await acceptThroughApi(`/join/${'x'.repeat(43)}`, freshRecoveryAddress());
      expect(unknown.json<ErrorBody>().error.code).toBe('INVITATION_INVALID');
    }
    const over = await acceptThroughApi(path, freshRecoveryAddress());
    expect([over.statusCode, over.json<ErrorBody>().error.code]).toEqual([429, 'RATE_LIMITED']);
    // Opening the page still works: a flood of bogus acceptances cannot hide the form.
    expect(
      (await testApp.app.inject({ method: 'GET', url: path, remoteAddress: freshRecoveryAddress() }))
        .statusCode,
    ).toBe(200);
    testApp.clock.advance(joinLimits.global.windowMs);
    expect((await acceptThroughApi(path, freshRecoveryAddress())).statusCode).toBe(201);
  });
});
