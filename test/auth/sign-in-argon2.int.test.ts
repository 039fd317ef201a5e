import type * as Argon2 from '@node-rs/argon2';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { defaultTestPassword } from '../support/factories.ts';
import { buildMemberWithPassword, newClient, signInWithPassword } from './auth-support.ts';

// Every argon2 verify the server makes is recorded (and still really run).
const verifyCalls = vi.hoisted(() => [] as { hash: string }[]);
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const original = await importOriginal<typeof Argon2>();
  return {
    ...original,
    verify: (
      hash: string,
      ...rest: Parameters<typeof original.verify> extends [unknown, ...infer R] ? R : never
    ) => {
      verifyCalls.push({ hash });
      return original.verify(hash, ...rest);
    },
  };
});

describeEachDatabase('sign-in argon2 work on every path', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    verifyCalls.length = 0;
  });

  it('an unknown email runs one argon2id verify, against a dummy hash with the same parameters', async () => {
    const member = await buildMemberWithPassword(testApp);
    const memberRow = await testApp.context.database.db
      .selectFrom('members')
      .select('password_hash')
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    verifyCalls.length = 0;

    const unknown = await signInWithPassword(
      testApp,
      newClient(),
      'no-such-member@example.test',
      defaultTestPassword,
    );
    expect(unknown.statusCode).toBe(401);
    expect(verifyCalls).toHaveLength(1);
    const dummy = verifyCalls[0]!.hash;
    expect(dummy).not.toBe(memberRow.password_hash);
    const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$');
    expect(parameters(dummy)).toBe('argon2id$v=19$m=19456,t=2,p=1');
    expect(parameters(memberRow.password_hash!)).toBe(parameters(dummy));

    const wrong = await signInWithPassword(
      testApp,
      newClient(),
      member.email,
      'a wrong password, long enough',
    );
    expect(wrong.statusCode).toBe(401);
    expect(verifyCalls.map((call) => call.hash)).toEqual([dummy, memberRow.password_hash]);
  });

  it('removed members and members without a password also cost one verify', async () => {
    const removed = await buildMemberWithPassword(testApp, { status: 'removed' });
    const withoutPassword = await buildMemberWithPassword(testApp, { password: null });
    verifyCalls.length = 0;
    await signInWithPassword(testApp, newClient(), removed.email, defaultTestPassword);
    await signInWithPassword(testApp, newClient(), withoutPassword.email, defaultTestPassword);
    expect(verifyCalls).toHaveLength(2);
  });
});
