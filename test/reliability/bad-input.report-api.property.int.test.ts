import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import {
  badInputWorld,
  category,
  checkSurface,
  fieldValue,
  jsonBody,
  latitude,
  longitude,
  numRunsFor,
  reportFields,
  shapedObject,
} from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/** The public JSON report API answers hostile bodies with a 201 or a 4xx with a stable code. */
describeEachDatabase('bad input: the JSON report API', (dialect) => {
  let world: BadInputWorld;
  beforeAll(async () => {
    world = await badInputWorld(dialect);
  }, 60_000);
  afterAll(() => world.testApp.close());

  it('never answers with a 5xx, a crash or a hang', async () => {
    const body = shapedObject({
      ...reportFields(),
      location: fieldValue(shapedObject({ lat: fieldValue(latitude), lon: fieldValue(longitude) })),
      occurredAt: fieldValue(
        fc.oneof(
          fc.integer({ min: 1, max: Date.now() }),
          fc.date().map((d) => d.toISOString()),
        ),
      ),
      contactConsent: fieldValue(fc.boolean()),
    });
    const valid = fc.record(
      {
        category,
        location: fc.record({ lat: latitude, lon: longitude }),
        description: fc.string({ minLength: 1, maxLength: 300 }).filter((text) => text.trim() !== ''),
      },
      { requiredKeys: ['category', 'location'] },
    );
    const outcomes = await checkSurface(
      world.testApp,
      numRunsFor(dialect),
      jsonBody(body, valid).map((payload) => ({
        method: 'POST' as const,
        url: `/api/public/${world.slug}/reports`,
        headers: { 'content-type': 'application/json' },
        payload,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);
});
