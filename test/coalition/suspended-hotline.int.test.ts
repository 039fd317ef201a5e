import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildOperator } from '../support/operators.ts';
import {
  buildHotlineNetwork,
  createHotlineApp,
  randomPhone,
  sendText,
  twimlTexts,
} from '../hotline/support.ts';

describeEachDatabase("a suspended network's hotline", (dialect) => {
  let testApp: TestApp;
  beforeEach(async () => {
    testApp = await createHotlineApp(dialect);
  });
  afterEach(() => testApp?.close());

  it('answers "not in service", stores nothing, and takes reports again once resumed', async () => {
    const { db } = testApp.context.database;
    const { network, hotline } = await buildHotlineNetwork(testApp.context, ['es', 'en']);
    const operator = await buildOperator(testApp);
    const reportsOf = async () =>
      (await db.selectFrom('reports').select('id').where('network_id', '=', network.id).execute()).length;
    const text = { from: randomPhone(), to: hotline, body: 'ICE van at 18th and Blue Island' };

    const suspended = await testApp.app.inject({
      method: 'POST',
      url: `/api/operator/networks/${network.id}/suspend`,
      headers: operator.headers,
      payload: { code: operator.nextCode() },
    });
    expect(suspended.statusCode).toBe(200);
    // The hotline's directory keeps a network for ten seconds.
    testApp.clock.advance(11_000);
    const refused = await sendText(testApp, text);
    expect(refused.statusCode).toBe(200);
    expect(twimlTexts(refused)).toEqual([
      'Este número no está en servicio en este momento. En una emergencia, llame al 911.',
    ]);
    expect(await reportsOf()).toBe(0);

    await testApp.app.inject({
      method: 'POST',
      url: `/api/operator/networks/${network.id}/resume`,
      headers: operator.headers,
      payload: { code: operator.nextCode() },
    });
    testApp.clock.advance(11_000);
    const answered = await sendText(testApp, { ...text, from: randomPhone() });
    expect(twimlTexts(answered).join(' ')).not.toContain('no está en servicio');
    expect(await reportsOf()).toBe(1);
  });
});
