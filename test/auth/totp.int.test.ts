import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/modules/identity/auth/totp.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { defaultTestPassword } from '../support/factories.ts';
import type { BuiltMember } from '../support/factories.ts';
import {
  buildMemberWithPassword,
  errorCodeOf,
  newClient,
  send,
  sessionCookieOf,
  signedInClient,
  signInWithPassword,
} from './auth-support.ts';

const stepMs = 30_000;

describeEachDatabase('TOTP', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const code = (secret: string) => totpCodeAt(secret, testApp.clock.now());
  /** A code that is certainly not the current one. */
  const wrongCode = (secret: string) => (code(secret) === '000000' ? '111111' : '000000');
  const outcome = (response: Awaited<ReturnType<typeof send>>) => [
    response.statusCode,
    errorCodeOf(response),
  ];

  /** Signs in with the password; returns the pending token the second step needs. */
  async function passwordStep(member: BuiltMember): Promise<string> {
    const response = await signInWithPassword(testApp, newClient(), member.email, defaultTestPassword);
    expect(response.statusCode).toBe(200);
    expect(sessionCookieOf(response)).toBeNull();
    const body = response.json<{ status: string; methods: string[]; pendingToken: string }>();
    expect(body).toMatchObject({ status: 'second_factor_required', methods: ['totp'] });
    return body.pendingToken;
  }

  it('enrolls: secret, otpauth URI and local QR SVG; stored encrypted; counts only once confirmed', async () => {
    const member = await buildMemberWithPassword(testApp, {
      withTotp: false,
      roles: [{ role: 'coordinator' }],
    });
    const client = await signedInClient(testApp, member);
    const enroll = await send(testApp, client, 'POST', '/api/auth/totp/enroll');
    expect(enroll.statusCode).toBe(200);
    const { secret, uri, qrSvg } = enroll.json<{ secret: string; uri: string; qrSvg: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).not.toContain(encodeURIComponent(member.email));
    expect(qrSvg).toMatch(/^<svg/);
    const row = await testApp.context.database.db
      .selectFrom('totp_credentials')
      .selectAll()
      .where('member_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(secret);
    expect(row.secret_enc).toMatch(/^v1\./);
    expect(row.confirmed_at).toBeNull();
    expect((await send(testApp, client, 'GET', '/api/auth/session')).json()).toMatchObject({
      hasSecondFactor: false,
    });
    // Not confirmed yet: sign-in still needs no second factor.
    const plain = await signInWithPassword(testApp, newClient(), member.email, defaultTestPassword);
    expect(plain.json()).toMatchObject({ status: 'signed_in' });

    expect(
      outcome(await send(testApp, client, 'POST', '/api/auth/totp/confirm', { code: wrongCode(secret) })),
    ).toEqual([400, 'SECOND_FACTOR_FAILED']);
    const confirm = await send(testApp, client, 'POST', '/api/auth/totp/confirm', { code: code(secret) });
    expect(confirm.statusCode).toBe(200);
    const session = (await send(testApp, client, 'GET', '/api/auth/session')).json<{
      hasSecondFactor: boolean;
      stepUpUntil: number;
    }>();
    expect(session.hasSecondFactor).toBe(true);
    expect(session.stepUpUntil).toBe(testApp.clock.now() + 5 * 60 * 1000);
    expect(outcome(await send(testApp, client, 'POST', '/api/auth/totp/enroll'))).toEqual([
      409,
      'TOTP_ALREADY_ENROLLED',
    ]);
  });

  it('signs in in two steps; each code works once; the pending sign-in is single use', async () => {
    const member = await buildMemberWithPassword(testApp, { withTotp: true });
    const secret = member.totpSecret!;
    const pendingToken = await passwordStep(member);
    const client = newClient();
    const wrong = await send(testApp, client, 'POST', '/api/auth/sign-in/totp', {
      pendingToken,
      code: wrongCode(secret),
    });
    expect(outcome(wrong)).toEqual([400, 'SECOND_FACTOR_FAILED']);
    const usedCode = code(secret);
    const second = await send(testApp, client, 'POST', '/api/auth/sign-in/totp', {
      pendingToken,
      code: usedCode.replace(/(\d{3})/, '$1 '),
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ status: 'signed_in', memberId: member.id });
    expect(client.cookie).not.toBeNull();
    expect((await send(testApp, client, 'GET', '/api/auth/session')).statusCode).toBe(200);
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('metadata')
      .where('chain', '=', member.networkId)
      .where('action', '=', 'session.started')
      .execute();
    expect(audit.map((entry) => entry.metadata)).toEqual([JSON.stringify({ method: 'password+totp' })]);

    const reused = await send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
      pendingToken,
      code: code(secret),
    });
    expect(outcome(reused)).toEqual([401, 'SIGN_IN_EXPIRED']);

    // The same code, within its 30 seconds, on a fresh pending sign-in: refused as a replay.
    const replay = await send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
      pendingToken: await passwordStep(member),
      code: usedCode,
    });
    expect(outcome(replay)).toEqual([400, 'TOTP_REPLAYED']);
    // The previous step's code (inside the ±1 window) is older than the used one: also refused.
    const olderAttempt = await send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
      pendingToken: await passwordStep(member),
      code: totpCodeAt(secret, testApp.clock.now() - stepMs),
    });
    expect(outcome(olderAttempt)).toEqual([400, 'TOTP_REPLAYED']);
    testApp.clock.advance(stepMs);
    const next = await send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
      pendingToken: await passwordStep(member),
      code: code(secret),
    });
    expect(next.statusCode).toBe(200);
  });

  it('accepts a code one step old or ahead, not two', async () => {
    const member = await buildMemberWithPassword(testApp, { withTotp: true });
    const secret = member.totpSecret!;
    const attempt = async (offsetSteps: number) =>
      send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
        pendingToken: await passwordStep(member),
        code: totpCodeAt(secret, testApp.clock.now() + offsetSteps * stepMs),
      });
    expect(outcome(await attempt(-2))).toEqual([400, 'SECOND_FACTOR_FAILED']);
    expect((await attempt(-1)).statusCode).toBe(200);
    expect((await attempt(1)).statusCode).toBe(200);
    expect(outcome(await attempt(2))).toEqual([400, 'SECOND_FACTOR_FAILED']);
  });

  it('drops a pending sign-in after five minutes or five wrong codes', async () => {
    const member = await buildMemberWithPassword(testApp, { withTotp: true });
    const secret = member.totpSecret!;
    const late = await passwordStep(member);
    testApp.clock.advance(5 * 60 * 1000);
    expect(
      outcome(
        await send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
          pendingToken: late,
          code: code(secret),
        }),
      ),
    ).toEqual([401, 'SIGN_IN_EXPIRED']);
    const guessed = await passwordStep(member);
    for (let attempt = 0; attempt < 5; attempt++) {
      await send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
        pendingToken: guessed,
        code: wrongCode(secret),
      });
    }
    expect(
      outcome(
        await send(testApp, newClient(), 'POST', '/api/auth/sign-in/totp', {
          pendingToken: guessed,
          code: code(secret),
        }),
      ),
    ).toEqual([401, 'SIGN_IN_EXPIRED']);
  });

  it('removing the authenticator app needs a fresh step-up', async () => {
    const member = await buildMemberWithPassword(testApp, { withTotp: true });
    const stale = await signedInClient(testApp, member);
    expect(outcome(await send(testApp, stale, 'DELETE', '/api/auth/totp'))).toEqual([
      403,
      'STEP_UP_REQUIRED',
    ]);
    const fresh = await signedInClient(testApp, member, { secondFactorProved: true });
    const removed = await send(testApp, fresh, 'DELETE', '/api/auth/totp');
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ isRemoved: true });
    const signIn = await signInWithPassword(testApp, newClient(), member.email, defaultTestPassword);
    expect(signIn.json()).toMatchObject({ status: 'signed_in' });
    const entries = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('chain', '=', member.networkId)
      .where('action', '=', 'auth.secondFactorRemoved')
      .execute();
    expect(entries).toHaveLength(1);
  });

  it('adding an authenticator app next to an existing factor needs a fresh step-up', async () => {
    const member = await buildMemberWithPassword(testApp, { withTotp: true });
    await testApp.context.database.db
      .deleteFrom('totp_credentials')
      .where('member_id', '=', member.id)
      .execute();
    await testApp.context.database.db
      .insertInto('webauthn_credentials')
      .values({
        id: `passkey-${member.id}`,
        member_id: member.id,
        public_key: 'AA',
        counter: 0,
        transports: '[]',
        created_at: 0,
        last_used_at: null,
      })
      .execute();
    const stale = await signedInClient(testApp, member);
    expect(outcome(await send(testApp, stale, 'POST', '/api/auth/totp/enroll'))).toEqual([
      403,
      'STEP_UP_REQUIRED',
    ]);
    const fresh = await signedInClient(testApp, member, { secondFactorProved: true });
    expect((await send(testApp, fresh, 'POST', '/api/auth/totp/enroll')).statusCode).toBe(200);
  });
});
