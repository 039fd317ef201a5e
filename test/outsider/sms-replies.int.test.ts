import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { smsRepliesPerPhone } from '../../server/modules/intake/flood/intake-guard.ts';
import { createTestContext } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  buildHotlineNetwork,
  createHotlineApp,
  randomPhone,
  sendText,
  twimlTexts,
} from '../hotline/support.ts';

describeEachDatabase('outsider limits: SMS replies', (dialect) => {
  let testApp: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    testApp = await createHotlineApp(dialect);
    // A second app instance on the same database and keys, as a second process of one deployment.
    const context = createTestContext(testApp.database, testApp.clock, testApp.context.config);
    Object.assign(context, { crypto: testApp.context.crypto });
    const app = await buildApp(context);
    await app.ready();
    other = { ...testApp, app, context, close: () => app.close() };
  });
  afterAll(async () => {
    await other.close();
    await testApp.close();
  });

  it('answers no branch past the per-phone budget, across two app instances; opt-outs still work', async () => {
    const { hotline } = await buildHotlineNetwork(testApp.context);
    const from = randomPhone();
    const answered: number[] = [];
    // "YES <code>" from a number dispatch does not know: answered before any report limit applied.
    for (let index = 0; index < smsRepliesPerPhone + 10; index += 1) {
      const instance = index % 2 === 0 ? testApp : other;
      const response = await sendText(instance, { from, to: hotline, body: `YES K7Q${index % 10}` });
      if (response.statusCode === 200 && twimlTexts(response).length > 0) answered.push(index);
      else expect(response.statusCode).toBe(429);
    }
    expect(answered).toHaveLength(smsRepliesPerPhone);
    for (const body of ['YES K7Q2', 'ALTA 60608', 'HELP', 'hola', 'Hay agentes en la escuela 60608', 'es']) {
      const response = await sendText(other, { from, to: hotline, body });
      expect(response.statusCode, body).toBe(429);
      expect(twimlTexts(response), body).toEqual([]);
    }
    // Opting out is never limited.
    for (const body of ['STOP', 'ALTO']) {
      const response = await sendText(testApp, { from, to: hotline, body });
      expect(response.statusCode, body).toBe(200);
    }
    // Another phone is not affected, and the budget comes back in the next window.
    expect((await sendText(testApp, { from: randomPhone(), to: hotline, body: 'HELP' })).statusCode).toBe(
      200,
    );
    testApp.clock.advance(11 * 60 * 1000);
    expect((await sendText(testApp, { from, to: hotline, body: 'YES K7Q2' })).statusCode).toBe(200);
  });
});
