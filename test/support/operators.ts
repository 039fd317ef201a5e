import { expect } from 'vitest';
import { createAuthDeps } from '../../server/modules/identity/auth/auth.deps.ts';
import { totpCodeAt } from '../../server/modules/identity/auth/totp.ts';
import { createOperator } from '../../server/modules/identity/index.ts';
import type { TestApp } from './app.ts';
import { defaultTestPassword } from './factories.ts';

export interface BuiltOperator {
  operatorId: string;
  email: string;
  totpSecret: string;
  /** A fresh authenticator code (moves the test clock to the next 30-second step first). */
  nextCode(): string;
  /** Headers of a signed-in operator session, for `app.inject`. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/**
 * An operator made as `amparo operator create` makes one, set up through the API their setup
 * screen calls, then signed in through the API: everything real but the clock.
 */
export async function buildOperator(testApp: TestApp, email = `op-${Date.now()}@example.org`) {
  const link = await createOperator(createAuthDeps(testApp.context), { email });
  const token = link.path.split('/').pop()!;
  const setup = await testApp.app.inject({ method: 'GET', url: `/api/operator/setup/${token}` });
  expect(setup.statusCode).toBe(200);
  const totpSecret = setup.json<{ totpSecret: string }>().totpSecret;
  const nextCode = () => {
    testApp.clock.advance(30_000);
    return totpCodeAt(totpSecret, testApp.clock.now());
  };
  const done = await testApp.app.inject({
    method: 'POST',
    url: `/api/operator/setup/${token}`,
    payload: { password: defaultTestPassword, code: nextCode() },
  });
  expect(done.statusCode).toBe(200);
  const signedIn = await testApp.app.inject({
    method: 'POST',
    url: '/api/operator/sign-in',
    payload: { email, password: defaultTestPassword, code: nextCode() },
  });
  expect(signedIn.statusCode).toBe(200);
  const cookie = signedIn.cookies.find((candidate) => candidate.name === '__Host-amparo_session')!;
  const csrfToken = signedIn.json<{ csrfToken: string }>().csrfToken;
  const operator: BuiltOperator = {
    operatorId: link.operatorId,
    email,
    totpSecret,
    nextCode,
    headers: { cookie: `__Host-amparo_session=${cookie.value}`, 'x-csrf-token': csrfToken },
  };
  return operator;
}
