import { afterAll, beforeAll, expect, it } from 'vitest';
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
  signedInClient,
  signInWithPassword,
} from './auth-support.ts';
import type { Client } from './auth-support.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

describeEachDatabase('passkeys (WebAuthn)', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  const outcome = (response: Awaited<ReturnType<typeof send>>) => [
    response.statusCode,
    errorCodeOf(response),
  ];

  /** Registers a passkey for the signed-in client through the real endpoints. */
  async function register(client: Client, authenticator: SoftwareAuthenticator) {
    const options = await send(testApp, client, 'POST', '/api/auth/passkeys/register/options');
    expect(options.statusCode).toBe(200);
    const body = options.json<{ challenge: string; rp: { id: string }; user: { name: string } }>();
    return send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', {
      response: authenticator.register(body),
    });
  }

  async function memberWithPasskey(): Promise<{ member: BuiltMember; authenticator: SoftwareAuthenticator }> {
    const member = await buildMemberWithPassword(testApp, { withTotp: false, roles: [{ role: 'admin' }] });
    const authenticator = new SoftwareAuthenticator();
    expect((await register(await signedInClient(testApp, member), authenticator)).statusCode).toBe(201);
    return { member, authenticator };
  }

  async function signInOptions(client: Client, pendingToken?: string) {
    const response = await send(
      testApp,
      client,
      'POST',
      '/api/auth/passkeys/authenticate/options',
      pendingToken ? { pendingToken } : {},
    );
    expect(response.statusCode).toBe(200);
    return response.json<{
      challenge: string;
      rpId: string;
      allowCredentials?: { id: string }[];
      userVerification: string;
    }>();
  }

  it('registers a passkey: options for this RP and member, attestation verified, listed, audited', async () => {
    const member = await buildMemberWithPassword(testApp, {
      withTotp: false,
      roles: [{ role: 'coordinator' }],
    });
    const client = await signedInClient(testApp, member);
    const authenticator = new SoftwareAuthenticator();
    const options = await send(testApp, client, 'POST', '/api/auth/passkeys/register/options');
    const body = options.json<{
      rp: { id: string; name: string };
      user: { name: string };
      attestation: string;
    }>();
    expect(body.rp).toEqual({ id: 'localhost', name: 'Amparo' });
    expect(body.user.name).toBe(member.email);
    expect(body.attestation).toBe('none');
    const verify = await send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', {
      response: authenticator.register(options.json<{ challenge: string }>()),
    });
    expect(verify.statusCode).toBe(201);
    expect(verify.json()).toMatchObject({ id: authenticator.credentialId });
    const list = await send(testApp, client, 'GET', '/api/auth/passkeys');
    expect(list.json()).toEqual({
      passkeys: [
        { id: authenticator.credentialId, name: null, createdAt: testApp.clock.now(), lastUsedAt: null },
      ],
    });
    expect((await send(testApp, client, 'GET', '/api/auth/session')).json()).toMatchObject({
      hasSecondFactor: true,
    });
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('metadata')
      .where('chain', '=', member.networkId)
      .where('action', '=', 'auth.secondFactorEnrolled')
      .execute();
    expect(audit.map((entry) => entry.metadata)).toEqual([JSON.stringify({ method: 'passkey' })]);
  });

  it('refuses a registration for another origin, a reused challenge, or a forged challenge', async () => {
    const member = await buildMemberWithPassword(testApp);
    const client = await signedInClient(testApp, member);
    const authenticator = new SoftwareAuthenticator();
    const options = (await send(testApp, client, 'POST', '/api/auth/passkeys/register/options')).json<{
      challenge: string;
    }>();
    const phished = await send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', {
      response: authenticator.register(options, { origin: 'https://amparo-login.example' }),
    });
    expect(outcome(phished)).toEqual([400, 'PASSKEY_REGISTRATION_FAILED']);
    // That attempt used the challenge up: the genuine answer to it is refused too.
    const late = await send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', {
      response: authenticator.register(options),
    });
    expect(outcome(late)).toEqual([400, 'PASSKEY_REGISTRATION_FAILED']);
    const forged = await send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', {
      response: authenticator.register({ challenge: 'bm90LWlzc3VlZC1ieS10aGUtc2VydmVy' }),
    });
    expect(outcome(forged)).toEqual([400, 'PASSKEY_REGISTRATION_FAILED']);
    expect(
      outcome(
        await send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', { response: { id: 1 } }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('completes a password sign-in with the passkey as second factor', async () => {
    const { member, authenticator } = await memberWithPasskey();
    const client = newClient();
    const password = await signInWithPassword(testApp, client, member.email, defaultTestPassword);
    const pending = password.json<{ status: string; methods: string[]; pendingToken: string }>();
    expect(pending).toMatchObject({ status: 'second_factor_required', methods: ['passkey'] });
    expect(client.cookie).toBeNull();
    const options = await signInOptions(client, pending.pendingToken);
    expect(options.allowCredentials?.map((credential) => credential.id)).toEqual([
      authenticator.credentialId,
    ]);
    const verify = await send(testApp, client, 'POST', '/api/auth/passkeys/authenticate/verify', {
      pendingToken: pending.pendingToken,
      response: authenticator.assert(options),
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ status: 'signed_in', memberId: member.id });
    const session = (await send(testApp, client, 'GET', '/api/auth/session')).json<{
      stepUpUntil: number | null;
    }>();
    expect(session.stepUpUntil).toBe(testApp.clock.now() + 5 * 60 * 1000);
  });

  it("does not accept another member's passkey for a pending sign-in", async () => {
    const { member } = await memberWithPasskey();
    const intruder = await memberWithPasskey();
    const client = newClient();
    const { pendingToken } = (
      await signInWithPassword(testApp, client, member.email, defaultTestPassword)
    ).json<{ pendingToken: string }>();
    const options = await signInOptions(client, pendingToken);
    const response = await send(testApp, client, 'POST', '/api/auth/passkeys/authenticate/verify', {
      pendingToken,
      response: intruder.authenticator.assert(options),
    });
    expect(outcome(response)).toEqual([400, 'SECOND_FACTOR_FAILED']);
    expect(client.cookie).toBeNull();
  });

  it('signs in without a password with a discoverable passkey that verifies the user', async () => {
    const { member, authenticator } = await memberWithPasskey();
    const client = newClient();
    const options = await signInOptions(client);
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe('required');
    const verify = await send(testApp, client, 'POST', '/api/auth/passkeys/authenticate/verify', {
      response: authenticator.assert(options),
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ status: 'signed_in', memberId: member.id });
    const list = (await send(testApp, client, 'GET', '/api/auth/passkeys')).json<{
      passkeys: { lastUsedAt: number }[];
    }>();
    expect(list.passkeys[0]!.lastUsedAt).toBe(testApp.clock.now());
  });

  it('refuses replayed, cloned, phished and unverified assertions', async () => {
    const { member, authenticator } = await memberWithPasskey();
    const client = newClient();
    const options = await signInOptions(client);
    const assertion = authenticator.assert(options);
    expect(
      (await send(testApp, client, 'POST', '/api/auth/passkeys/authenticate/verify', { response: assertion }))
        .statusCode,
    ).toBe(200);
    const refused = async (response: object) =>
      outcome(
        await send(testApp, newClient(), 'POST', '/api/auth/passkeys/authenticate/verify', { response }),
      );

    // The same signed assertion again: its challenge is used up.
    expect(await refused(assertion)).toEqual([401, 'SIGN_IN_FAILED']);
    // A clone whose counter did not move past the stored one.
    expect(
      await refused(
        authenticator.assert(await signInOptions(newClient()), { counter: authenticator.counter }),
      ),
    ).toEqual([401, 'SIGN_IN_FAILED']);
    // Signed for a look-alike origin.
    expect(
      await refused(
        authenticator.assert(await signInOptions(newClient()), { origin: 'https://amparo-help.example' }),
      ),
    ).toEqual([401, 'SIGN_IN_FAILED']);
    // Passwordless needs user verification (PIN or biometrics), not just a touch.
    authenticator.isUserVerifying = false;
    expect(await refused(authenticator.assert(await signInOptions(newClient())))).toEqual([
      401,
      'SIGN_IN_FAILED',
    ]);
    // A removed member's passkey opens nothing.
    authenticator.isUserVerifying = true;
    await testApp.context.database.db
      .updateTable('members')
      .set({ status: 'removed' })
      .where('id', '=', member.id)
      .execute();
    expect(await refused(authenticator.assert(await signInOptions(newClient())))).toEqual([
      401,
      'SIGN_IN_FAILED',
    ]);
  });

  it('deletes only your own passkey, only with a fresh step-up', async () => {
    const { member, authenticator } = await memberWithPasskey();
    const other = await memberWithPasskey();
    const stale = await signedInClient(testApp, member);
    const path = `/api/auth/passkeys/${authenticator.credentialId}`;
    expect(outcome(await send(testApp, stale, 'DELETE', path))).toEqual([403, 'STEP_UP_REQUIRED']);
    const fresh = await signedInClient(testApp, member, { secondFactorProved: true });
    // Someone else's id answers like a missing one, and stays.
    expect(
      (await send(testApp, fresh, 'DELETE', `/api/auth/passkeys/${other.authenticator.credentialId}`))
        .statusCode,
    ).toBe(204);
    const otherList = await send(
      testApp,
      await signedInClient(testApp, other.member),
      'GET',
      '/api/auth/passkeys',
    );
    expect(otherList.json<{ passkeys: unknown[] }>().passkeys).toHaveLength(1);
    expect((await send(testApp, fresh, 'DELETE', path)).statusCode).toBe(204);
    expect((await send(testApp, fresh, 'GET', '/api/auth/passkeys')).json()).toEqual({ passkeys: [] });
  });

  it('limits passkey sign-in challenges per client address prefix', async () => {
    const client = newClient();
    for (let call = 0; call < 60; call++) {
      await signInOptions(client);
    }
    const limited = await send(testApp, client, 'POST', '/api/auth/passkeys/authenticate/options', {});
    expect(outcome(limited)).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
