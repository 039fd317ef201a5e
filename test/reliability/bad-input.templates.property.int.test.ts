import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import {
  badInputWorld,
  checkSurface,
  fieldValue,
  hostileString,
  jsonBody,
  numRunsFor,
  shapedObject,
} from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/** Alert template proposals: hostile ICU message bodies get a 201 or a stable 4xx. */
describeEachDatabase('bad input: alert templates', (dialect) => {
  let world: BadInputWorld;
  let templateKeys: string[] = [];
  beforeAll(async () => {
    world = await badInputWorld(dialect);
    const templates = await world.testApp.app.inject({
      method: 'GET',
      url: '/api/alert-templates',
      headers: world.admin.headers,
    });
    templateKeys = [...new Set(JSON.stringify(templates.json()).match(/"key":"([^"]+)"/g) ?? [])].map(
      (match) => match.slice(7, -1),
    );
  }, 60_000);
  afterAll(() => world.testApp.close());

  it('never answers with a 5xx, a crash or a hang', async () => {
    const icuPiece = fc.constantFrom(
      '{',
      '}',
      'place',
      ',',
      ' plural',
      ' select',
      '#',
      'one {x}',
      'other {y}',
      "'",
      '<b>',
      '</b>',
      'text ',
      '{place}',
      '{time, date}',
    );
    const templateBody = fc.oneof(
      fc.array(icuPiece, { maxLength: 20 }).map((pieces) => pieces.join('')),
      hostileString,
      fc.constant(null),
    );
    const body = shapedObject({
      key: fieldValue(fc.constantFrom(...(templateKeys.length > 0 ? templateKeys : ['alert']))),
      texts: fieldValue(fc.dictionary(fc.constantFrom('en', 'es', 'ar', '__proto__'), templateBody)),
    });
    const valid = fc.record({
      key: fc.constantFrom(...(templateKeys.length > 0 ? templateKeys : ['alert'])),
      texts: fc.dictionary(
        fc.constantFrom('en', 'es'),
        fc.constantFrom(null, 'Verified activity near {place}.', 'Actividad verificada.'),
        { minKeys: 1 },
      ),
    });
    const outcomes = await checkSurface(
      world.testApp,
      numRunsFor(dialect),
      jsonBody(body, valid).map((payload) => ({
        method: 'POST' as const,
        url: '/api/alert-templates/proposals',
        headers: { 'content-type': 'application/json', ...world.admin.headers },
        payload,
      })),
    );
    expect(templateKeys.length).toBeGreaterThan(0);
    expect(outcomes.get('201')).toBeGreaterThan(0);
    expect(outcomes.get('400 VALIDATION_FAILED')).toBeGreaterThan(0);
  }, 120_000);
});
