import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { defaultTestPassword } from '../support/factories.ts';
import {
  badInputWorld,
  checkSurface,
  fieldValue,
  jsonBody,
  numRunsFor,
  publicUrl,
  shapedObject,
} from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/** Sign-in: hostile credentials in JSON, text and form bodies get a stable 4xx. */
describeEachDatabase('bad input: sign-in', (dialect) => {
  let world: BadInputWorld;
  beforeAll(async () => {
    world = await badInputWorld(dialect);
  }, 60_000);
  afterAll(() => world.testApp.close());

  it('never answers with a 5xx, a crash or a hang', async () => {
    const body = shapedObject({
      email: fieldValue(fc.oneof(fc.constant(world.adminEmail), fc.emailAddress())),
      password: fieldValue(fc.oneof(fc.constant(defaultTestPassword), fc.string({ maxLength: 60 }))),
    });
    const outcomes = await checkSurface(
      world.testApp,
      numRunsFor(dialect),
      fc
        .tuple(
          jsonBody(
            body,
            fc.record({ email: fc.constant(world.adminEmail), password: fc.constant(defaultTestPassword) }),
          ),
          fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        )
        .map(([payload, contentType]) => ({
          method: 'POST' as const,
          url: '/api/auth/sign-in',
          headers: { 'content-type': contentType, origin: publicUrl },
          payload,
        })),
    );
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);
});
