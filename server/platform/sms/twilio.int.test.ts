import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilio } from '../../../test/support/fake-twilio.ts';
import type { FakeTwilio } from '../../../test/support/fake-twilio.ts';
import { SmsSendError } from './sms.ts';
import { createTwilioSmsSender } from './twilio-sms.ts';
import { isValidTwilioSignature, signTwilioRequest, twimlMessages } from './twilio-webhook.ts';

describe('Twilio adapter against a local Twilio-compatible server', () => {
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  afterAll(() => twilio.close());

  const sender = () =>
    createTwilioSmsSender({
      apiBase: twilio.url,
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: '+13125550100',
    });

  it('sends a message through the Messages resource with Basic auth', async () => {
    const sent = await sender().send({
      to: '+13125550123',
      body: 'Alerta verificada',
      statusCallbackUrl: 'https://a.test/cb',
    });
    expect(sent.providerMessageId).toMatch(/^SM/);
    expect(twilio.messages.at(-1)).toMatchObject({
      to: '+13125550123',
      body: 'Alerta verificada',
      from: '+13125550100',
      statusCallback: 'https://a.test/cb',
    });
  });

  it('classifies provider failures as retryable or permanent', async () => {
    twilio.failNext(1, 503);
    await expect(sender().send({ to: '+13125550123', body: 'x' })).rejects.toMatchObject({
      isRetryable: true,
    });
    twilio.failNext(1, 400, 21610); // recipient unsubscribed: never retry
    const error = await sender()
      .send({ to: '+13125550123', body: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ isRetryable: false, providerCode: '21610' });
  });

  it('treats a wrong auth token as a permanent failure', async () => {
    const wrong = createTwilioSmsSender({
      apiBase: twilio.url,
      accountSid: twilio.accountSid,
      authToken: 'nope-nope',
      from: '+13125550100',
    });
    await expect(wrong.send({ to: '+13125550123', body: 'x' })).rejects.toMatchObject({ isRetryable: false });
  });

  it('treats an unreachable provider as retryable', async () => {
    const unreachable = createTwilioSmsSender({
      apiBase: 'http://127.0.0.1:9',
      accountSid: 'AC1',
      authToken: 'tok-tok-tok',
      from: '+13125550100',
      timeoutMs: 2000,
    });
    await expect(unreachable.send({ to: '+13125550123', body: 'x' })).rejects.toMatchObject({
      isRetryable: true,
    });
  });
});

describe('Twilio webhook signatures and TwiML', () => {
  const url = 'https://amparo.example.org/webhooks/twilio/sms';
  const params = { From: '+13125550123', To: '+13125550100', Body: 'ALTA 60608', MessageSid: 'SM1' };

  it('accepts Twilio’s signature and rejects a changed body, URL or token', () => {
    const signature = signTwilioRequest('secret-token', url, params);
    expect(isValidTwilioSignature({ authToken: 'secret-token', signature, url, params })).toBe(true);
    expect(
      isValidTwilioSignature({
        authToken: 'secret-token',
        signature,
        url,
        params: { ...params, Body: 'STOP' },
      }),
    ).toBe(false);
    expect(isValidTwilioSignature({ authToken: 'secret-token', signature, url: `${url}?x=1`, params })).toBe(
      false,
    );
    expect(isValidTwilioSignature({ authToken: 'other-token', signature, url, params })).toBe(false);
    expect(isValidTwilioSignature({ authToken: 'secret-token', signature: undefined, url, params })).toBe(
      false,
    );
  });

  it('escapes message text in TwiML', () => {
    expect(twimlMessages(['<Redirect>http://evil</Redirect> & más'])).toContain(
      '&lt;Redirect&gt;http://evil&lt;/Redirect&gt; &amp; más',
    );
  });
});
