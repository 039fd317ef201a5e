import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, dispatchWorld, outcome, responder } from './support.ts';

describeEachDatabase('evidence: upload limits for the responder app', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, {
      AMPARO_MEDIA_PHOTO_MAX_BYTES: String(3_000_000),
      AMPARO_MEDIA_VIDEO_MAX_BYTES: String(9_000_000),
    });
  });
  afterAll(() => testApp.close());

  it('tells a responder the configured limits, and no one else', async () => {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id);
    const answer = await call(testApp, 'GET', '/api/evidence/limits', observer);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      limits: {
        photoMaxBytes: 3_000_000,
        videoMaxBytes: 9_000_000,
        maxPixels: testApp.context.config.media.maxPixels,
      },
    });
    expect(outcome(await call(testApp, 'GET', '/api/evidence/limits', world.dispatcher))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(outcome(await call(testApp, 'GET', '/api/evidence/limits', null))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
  });
});
