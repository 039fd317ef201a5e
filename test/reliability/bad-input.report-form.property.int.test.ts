import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import {
  badInputWorld,
  category,
  checkSurface,
  fieldValue,
  hostileString,
  latitude,
  longitude,
  numRunsFor,
  publicUrl,
  reportFields,
} from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/** The public report form (urlencoded, no JavaScript) answers hostile posts with a page, never a 5xx. */
describeEachDatabase('bad input: the public report form', (dialect) => {
  let world: BadInputWorld;
  beforeAll(async () => {
    world = await badInputWorld(dialect);
  }, 60_000);
  afterAll(() => world.testApp.close());

  it('never answers with a 5xx, a crash or a hang', async () => {
    const asText = (arbitrary: fc.Arbitrary<unknown>) =>
      arbitrary.map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')));
    const form = fc.record(
      {
        ...Object.fromEntries(Object.entries(reportFields()).map(([key, value]) => [key, asText(value)])),
        lat: asText(fieldValue(latitude.map(String))),
        lon: asText(fieldValue(longitude.map(String))),
        minutesAgo: fc.oneof(fc.constantFrom('0', '15', '480'), hostileString),
        contactConsent: fc.oneof(fc.constantFrom('yes', 'on'), hostileString),
      },
      { requiredKeys: [] },
    );
    // Well-formed posts too (as the JSON surface has), so a 201 is reached even in 150 cases.
    const validForm = fc.record({
      category: category,
      lat: latitude.map(String),
      lon: longitude.map(String),
      description: fc.string({ minLength: 1, maxLength: 200 }).filter((text) => text.trim() !== ''),
    });
    const payload = fc.oneof(
      { weight: 1, arbitrary: validForm.map((fields) => new URLSearchParams(fields).toString()) },
      {
        weight: 5,
        arbitrary: form.map((fields) => new URLSearchParams(fields as Record<string, string>).toString()),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    );
    const origin = fc.oneof(
      { weight: 9, arbitrary: fc.constant(publicUrl) },
      { weight: 1, arbitrary: fc.webUrl() },
    );
    const outcomes = await checkSurface(
      world.testApp,
      numRunsFor(dialect),
      fc.tuple(payload, origin).map(([body, from]) => ({
        method: 'POST' as const,
        url: `/r/${world.slug}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: from },
        payload: body,
      })),
    );
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 html')).toBeGreaterThan(0);
  }, 120_000);
});
