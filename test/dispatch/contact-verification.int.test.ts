import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverContactCode, responderDepsFrom } from '../../server/modules/field/responders/index.ts';
import type { OutboundSms, SmsSender } from '../../server/platform/sms/sms.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, dispatchWorld, outcome, responder } from './support.ts';
import type { Person } from './support.ts';

interface Profile {
  smsPhoneEnding: string | null;
  pendingSmsPhoneEnding: string | null;
}

/** An SMS number is used for offers only after the responder types back the code texted to it. */
describeEachDatabase('verifying a responder SMS number by code', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  /** Runs the code job against a recording SMS adapter; returns the code from the text. */
  async function textedCode(who: Person): Promise<{ code: string; sms: OutboundSms }> {
    const texted: OutboundSms[] = [];
    const sms: SmsSender = {
      send: (message) => {
        texted.push(message);
        return Promise.resolve({ providerMessageId: 'SM1', status: 'queued' });
      },
    };
    expect(await deliverContactCode({ ...responderDepsFrom(testApp.context), sms }, who.id)).toBe(true);
    const message = texted[0]!;
    return { code: /\b([0-9]{6})\b/.exec(message.body)![1]!, sms: message };
  }
  const profileOf = async (who: Person) =>
    (await call(testApp, 'GET', '/api/responders/me', who)).json<{ responder: Profile }>().responder;
  const verify = (who: Person, code: string) =>
    call(testApp, 'POST', '/api/responders/me/contact/verify', who, { code });

  it('keeps a new number pending until the texted code comes back, then uses it', async () => {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id, { languages: ['es'] });
    const saved = await call(testApp, 'PUT', '/api/responders/me/contact', observer, {
      smsPhone: '+13125550111',
    });
    expect(saved.json<{ responder: Profile }>().responder).toMatchObject({
      smsPhoneEnding: null,
      pendingSmsPhoneEnding: '0111',
    });
    const { code, sms } = await textedCode(observer);
    expect(sms.to).toBe('+13125550111');
    expect(sms.body).toContain('codigo'); // in the responder's language
    const wrong = code === '000000' ? '111111' : '000000';
    expect(outcome(await verify(observer, wrong))).toEqual([400, 'RESPONDER_CODE_WRONG']);
    expect(outcome(await verify(observer, 'abc'))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await profileOf(observer)).toMatchObject({ smsPhoneEnding: null, pendingSmsPhoneEnding: '0111' });
    const right = await verify(observer, code);
    expect(right.statusCode).toBe(200);
    expect(right.json<{ responder: Profile }>().responder).toMatchObject({
      smsPhoneEnding: '0111',
      pendingSmsPhoneEnding: null,
    });
    // The code is used up.
    expect(outcome(await verify(observer, code))).toEqual([409, 'RESPONDER_CODE_EXPIRED']);
  });

  it('ends the attempt after five wrong codes or ten minutes, and texts at most one code a minute', async () => {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id);
    await call(testApp, 'PUT', '/api/responders/me/contact', observer, { smsPhone: '+13125550112' });
    const again = await call(testApp, 'PUT', '/api/responders/me/contact', observer, {
      smsPhone: '+13125550113',
    });
    expect(outcome(again)).toEqual([429, 'RATE_LIMITED']);
    const { code } = await textedCode(observer);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt < 5; attempt += 1)
      expect(outcome(await verify(observer, wrong))).toEqual([400, 'RESPONDER_CODE_WRONG']);
    expect(outcome(await verify(observer, wrong))).toEqual([409, 'RESPONDER_CODE_EXPIRED']);
    expect(outcome(await verify(observer, code))).toEqual([409, 'RESPONDER_CODE_EXPIRED']);
    expect((await profileOf(observer)).smsPhoneEnding).toBeNull();

    testApp.clock.advance(61_000);
    await call(testApp, 'PUT', '/api/responders/me/contact', observer, { smsPhone: '+13125550112' });
    const late = await textedCode(observer);
    testApp.clock.advance(10 * 60_000 + 1);
    expect(outcome(await verify(observer, late.code))).toEqual([409, 'RESPONDER_CODE_EXPIRED']);
    expect(await profileOf(observer)).toMatchObject({ smsPhoneEnding: null, pendingSmsPhoneEnding: null });
  });

  it('removes the number at once with null', async () => {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id);
    await call(testApp, 'PUT', '/api/responders/me/contact', observer, { smsPhone: '+13125550114' });
    await verify(observer, (await textedCode(observer)).code);
    expect((await profileOf(observer)).smsPhoneEnding).toBe('0114');
    await call(testApp, 'PUT', '/api/responders/me/contact', observer, { smsPhone: null });
    expect(await profileOf(observer)).toMatchObject({ smsPhoneEnding: null, pendingSmsPhoneEnding: null });
  });
});
