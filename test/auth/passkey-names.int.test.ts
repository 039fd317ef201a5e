import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as passkeyNames from '../../server/migrations/2026_11_29_0015_passkey_names.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import type { BuiltMember } from '../support/factories.ts';
import { buildMemberWithPassword, errorCodeOf, newClient, send, signedInClient } from './auth-support.ts';
import type { Client } from './auth-support.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';

interface PasskeyView {
  id: string;
  name: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

describeEachDatabase('passkey names', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());
  const db = () => testApp.context.database.db;

  const outcome = (response: Awaited<ReturnType<typeof send>>) => [
    response.statusCode,
    errorCodeOf(response),
  ];

  /** Registers a passkey through the real endpoints, with `extra` next to the response (a name). */
  async function register(client: Client, authenticator: SoftwareAuthenticator, extra: object = {}) {
    const options = await send(testApp, client, 'POST', '/api/auth/passkeys/register/options');
    expect(options.statusCode).toBe(200);
    return send(testApp, client, 'POST', '/api/auth/passkeys/register/verify', {
      response: authenticator.register(options.json<{ challenge: string }>()),
      ...extra,
    });
  }

  async function memberWithPasskey(name = 'Chromium on Linux') {
    const member = await buildMemberWithPassword(testApp, {
      withTotp: false,
      roles: [{ role: 'responder' }],
    });
    const client = await signedInClient(testApp, member);
    const authenticator = new SoftwareAuthenticator();
    expect((await register(client, authenticator, { name })).statusCode).toBe(201);
    return { member, client, passkeyId: authenticator.credentialId };
  }

  const listOf = async (client: Client) =>
    (await send(testApp, client, 'GET', '/api/auth/passkeys')).json<{ passkeys: PasskeyView[] }>().passkeys;

  const rename = (client: Client, passkeyId: string, name: unknown) =>
    send(testApp, client, 'PATCH', `/api/auth/passkeys/${passkeyId}`, { name });

  async function storedName(passkeyId: string): Promise<string | null> {
    const row = await db()
      .selectFrom('webauthn_credentials')
      .select('name_enc')
      .where('id', '=', passkeyId)
      .executeTakeFirstOrThrow();
    return row.name_enc;
  }

  async function renameAudits(member: BuiltMember) {
    return db()
      .selectFrom('audit_log')
      .select(['actor_member_id', 'object_id', 'metadata'])
      .where('chain', '=', member.networkId)
      .where('action', '=', 'auth.passkeyRenamed')
      .execute();
  }

  it('names a passkey when it is added, lists name and dates, and stores the name encrypted', async () => {
    const member = await buildMemberWithPassword(testApp);
    const client = await signedInClient(testApp, member);
    const authenticator = new SoftwareAuthenticator();
    const addedAt = testApp.clock.now();
    const added = await register(client, authenticator, { name: '  Chromium on Linux  ' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({
      id: authenticator.credentialId,
      name: 'Chromium on Linux',
      createdAt: addedAt,
      lastUsedAt: null,
    });

    // Used to sign in ten minutes later: the list shows when.
    testApp.clock.advance(10 * 60 * 1000);
    const signInClient = newClient();
    const options = await send(testApp, signInClient, 'POST', '/api/auth/passkeys/authenticate/options', {});
    const signedIn = await send(testApp, signInClient, 'POST', '/api/auth/passkeys/authenticate/verify', {
      response: authenticator.assert(options.json<{ challenge: string }>()),
    });
    expect(signedIn.statusCode).toBe(200);
    expect(await listOf(client)).toEqual([
      {
        id: authenticator.credentialId,
        name: 'Chromium on Linux',
        createdAt: addedAt,
        lastUsedAt: testApp.clock.now(),
      },
    ]);

    const stored = await storedName(authenticator.credentialId);
    expect(stored).not.toContain('Chromium');
    expect(testApp.context.crypto.decrypt(stored!, 'webauthn_credentials.name')).toBe('Chromium on Linux');
  });

  it('renames your own passkey without a step-up, trimmed, and audits it without the name', async () => {
    const { member, client, passkeyId } = await memberWithPasskey();
    // A session whose five-minute step-up window is over: a name changes no way of signing in.
    testApp.clock.advance(10 * 60 * 1000);
    const renamed = await rename(client, passkeyId, '  Rosa’s phone  ');
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<PasskeyView>()).toMatchObject({ id: passkeyId, name: 'Rosa’s phone' });
    expect((await listOf(client)).map((passkey) => passkey.name)).toEqual(['Rosa’s phone']);
    // Arabic and emoji are names too.
    expect((await rename(client, passkeyId, 'هاتف روزا 📱')).statusCode).toBe(200);
    expect((await listOf(client)).map((passkey) => passkey.name)).toEqual(['هاتف روزا 📱']);

    const audits = await renameAudits(member);
    expect(audits).toEqual([
      { actor_member_id: member.id, object_id: member.id, metadata: JSON.stringify({ method: 'passkey' }) },
      { actor_member_id: member.id, object_id: member.id, metadata: JSON.stringify({ method: 'passkey' }) },
    ]);
  });

  it('refuses an empty, too long or control-character name with VALIDATION_FAILED', async () => {
    const { member, client, passkeyId } = await memberWithPasskey('Work laptop');
    const refused: unknown[] = [
      '',
      '   ',
      'x'.repeat(61),
      'bell\u0007',
      'two\nlines',
      'tab\tinside',
      'nul\u0000',
      'del\u007f',
      'c1\u0085',
      42,
      null,
    ];
    for (const name of refused) {
      expect(outcome(await rename(client, passkeyId, name)), JSON.stringify(name)).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    expect(outcome(await send(testApp, client, 'PATCH', `/api/auth/passkeys/${passkeyId}`, {}))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    // Nothing changed, and nothing was audited.
    expect((await listOf(client)).map((passkey) => passkey.name)).toEqual(['Work laptop']);
    expect(await renameAudits(member)).toEqual([]);
    // Sixty characters is the limit, counted after trimming.
    const longest = 'y'.repeat(60);
    expect((await rename(client, passkeyId, ` ${longest} `)).json<PasskeyView>().name).toBe(longest);

    // The same rules when a passkey is added: a refused name adds no passkey.
    const other = await signedInClient(testApp, await buildMemberWithPassword(testApp));
    const added = await register(other, new SoftwareAuthenticator(), { name: 'line\r\nbreak' });
    expect(outcome(added)).toEqual([400, 'VALIDATION_FAILED']);
    expect(await listOf(other)).toEqual([]);
  });

  it("answers 404 for another member's passkey, and leaves it as it was", async () => {
    const owner = await memberWithPasskey('Owner laptop');
    const intruder = await memberWithPasskey('Intruder phone');
    const attempt = await rename(intruder.client, owner.passkeyId, 'Mine now');
    expect(outcome(attempt)).toEqual([404, 'PASSKEY_NOT_FOUND']);
    // An id that exists nowhere answers the same.
    expect(outcome(await rename(intruder.client, 'bm8tc3VjaC1wYXNza2V5', 'Mine now'))).toEqual([
      404,
      'PASSKEY_NOT_FOUND',
    ]);
    expect((await listOf(owner.client)).map((passkey) => passkey.name)).toEqual(['Owner laptop']);
    expect((await listOf(intruder.client)).map((passkey) => passkey.name)).toEqual(['Intruder phone']);
    expect(await renameAudits(intruder.member)).toEqual([]);
    // Signed out: 401 before anything else.
    expect((await rename(newClient(), owner.passkeyId, 'Mine now')).statusCode).toBe(401);
  });

  it('keeps passkeys added before names existed (migration 0015): unnamed until renamed', async () => {
    const { client, passkeyId } = await memberWithPasskey('Named later');
    // As the table was before the migration: no name column. Then the migration runs.
    await passkeyNames.down(db() as unknown as Kysely<unknown>);
    await passkeyNames.up(db() as unknown as Kysely<unknown>);
    expect(await storedName(passkeyId)).toBeNull();
    expect(await listOf(client)).toEqual([expect.objectContaining({ id: passkeyId, name: null })]);
    expect((await rename(client, passkeyId, 'Old security key')).statusCode).toBe(200);
    expect((await listOf(client)).map((passkey) => passkey.name)).toEqual(['Old security key']);
  });
});
