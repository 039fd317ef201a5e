import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/modules/identity/auth/totp.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMemberWithPassword, errorCodeOf, send, signedInClient } from './auth-support.ts';
import type { Client } from './auth-support.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

const minuteMs = 60 * 1000;

describeEachDatabase('step-up', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const outcome = (response: Awaited<ReturnType<typeof send>>) => [
    response.statusCode,
    errorCodeOf(response),
  ];
  /** An action behind requireStepUp: deleting a passkey (idempotent, so repeatable). */
  const privilegedAction = (client: Client) =>
    send(testApp, client, 'DELETE', '/api/auth/passkeys/not-a-real-passkey');

  it('a TOTP code opens a five-minute window for privileged actions, then it closes', async () => {
    const member = await buildMemberWithPassword(testApp, { roles: [{ role: 'admin' }], withTotp: true });
    const client = await signedInClient(testApp, member);
    expect(outcome(await privilegedAction(client))).toEqual([403, 'STEP_UP_REQUIRED']);
    const stepUp = await send(testApp, client, 'POST', '/api/auth/step-up', {
      code: totpCodeAt(member.totpSecret!, testApp.clock.now()),
    });
    expect(stepUp.statusCode).toBe(200);
    const now = testApp.clock.now();
    expect(stepUp.json()).toEqual({ secondFactorAt: now, stepUpUntil: now + 5 * minuteMs });
    expect((await privilegedAction(client)).statusCode).toBe(204);
    testApp.clock.advance(5 * minuteMs);
    expect((await privilegedAction(client)).statusCode).toBe(204);
    testApp.clock.advance(1);
    expect(outcome(await privilegedAction(client))).toEqual([403, 'STEP_UP_REQUIRED']);
    const actions = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('chain', '=', member.networkId)
      .where('action', 'in', ['auth.stepUp', 'auth.stepUpFailed'])
      .execute();
    expect(actions.map((entry) => entry.action)).toEqual(['auth.stepUp']);
  });

  it('the window belongs to the session: another session of the same member is not stepped up', async () => {
    const member = await buildMemberWithPassword(testApp, { withTotp: true });
    const first = await signedInClient(testApp, member);
    const second = await signedInClient(testApp, member);
    await send(testApp, first, 'POST', '/api/auth/step-up', {
      code: totpCodeAt(member.totpSecret!, testApp.clock.now()),
    });
    expect((await privilegedAction(first)).statusCode).toBe(204);
    expect(outcome(await privilegedAction(second))).toEqual([403, 'STEP_UP_REQUIRED']);
  });

  it('refuses a wrong or replayed code (400, the session stays) and audits the failure', async () => {
    const member = await buildMemberWithPassword(testApp, { withTotp: true });
    const client = await signedInClient(testApp, member);
    const code = totpCodeAt(member.totpSecret!, testApp.clock.now());
    const wrong = code === '000000' ? '111111' : '000000';
    expect(outcome(await send(testApp, client, 'POST', '/api/auth/step-up', { code: wrong }))).toEqual([
      400,
      'SECOND_FACTOR_FAILED',
    ]);
    expect((await send(testApp, client, 'POST', '/api/auth/step-up', { code })).statusCode).toBe(200);
    expect(outcome(await send(testApp, client, 'POST', '/api/auth/step-up', { code }))).toEqual([
      400,
      'TOTP_REPLAYED',
    ]);
    expect((await send(testApp, client, 'GET', '/api/auth/session')).statusCode).toBe(200);
    const failures = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('metadata')
      .where('chain', '=', member.networkId)
      .where('action', '=', 'auth.stepUpFailed')
      .execute();
    expect(failures).toHaveLength(2);
  });

  it('steps up with a passkey assertion bound to this member', async () => {
    const member = await buildMemberWithPassword(testApp, {
      withTotp: false,
      roles: [{ role: 'coordinator' }],
    });
    const authenticator = new SoftwareAuthenticator();
    const enrolling = await signedInClient(testApp, member);
    const registration = (
      await send(testApp, enrolling, 'POST', '/api/auth/passkeys/register/options')
    ).json<{ challenge: string }>();
    await send(testApp, enrolling, 'POST', '/api/auth/passkeys/register/verify', {
      response: authenticator.register(registration),
    });

    const client = await signedInClient(testApp, member);
    const options = await send(testApp, client, 'POST', '/api/auth/step-up/options');
    const body = options.json<{ challenge: string; allowCredentials: { id: string }[] }>();
    expect(body.allowCredentials.map((credential) => credential.id)).toEqual([authenticator.credentialId]);
    const stepUp = await send(testApp, client, 'POST', '/api/auth/step-up', {
      response: authenticator.assert(body),
    });
    expect(stepUp.statusCode).toBe(200);
    expect((await privilegedAction(client)).statusCode).toBe(204);

    // A step-up challenge cannot be spent on a sign-in, nor a sign-in challenge on a step-up.
    const stepUpChallenge = (await send(testApp, client, 'POST', '/api/auth/step-up/options')).json<{
      challenge: string;
    }>();
    const crossed = await send(
      testApp,
      { address: client.address, cookie: null, csrfToken: null },
      'POST',
      '/api/auth/passkeys/authenticate/verify',
      {
        response: authenticator.assert(stepUpChallenge),
      },
    );
    expect(crossed.statusCode).toBe(401);
  });

  it('needs an enrolled second factor; SMS codes are not a method', async () => {
    const member = await buildMemberWithPassword(testApp, {
      withTotp: false,
      roles: [{ role: 'responder' }],
    });
    const client = await signedInClient(testApp, member);
    expect(outcome(await send(testApp, client, 'POST', '/api/auth/step-up', { code: '123456' }))).toEqual([
      403,
      'SECOND_FACTOR_REQUIRED',
    ]);
    const enrolled = await signedInClient(
      testApp,
      await buildMemberWithPassword(testApp, { withTotp: true }),
    );
    expect(outcome(await send(testApp, enrolled, 'POST', '/api/auth/step-up', { sms: '123456' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(
      outcome(
        await send(testApp, { ...client, cookie: null }, 'POST', '/api/auth/step-up', { code: '123456' }),
      ),
    ).toEqual([401, 'UNAUTHENTICATED']);
  });
});
