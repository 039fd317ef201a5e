import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSms {
  sid: string;
  to: string;
  from: string | null;
  body: string;
  statusCallback: string | null;
  receivedAt: number;
}

export interface FakeTwilio {
  /** Use as TWILIO_API_BASE. */
  url: string;
  accountSid: string;
  authToken: string;
  messages: RecordedSms[];
  /** Make the next `count` sends fail with this HTTP status (e.g. 500, or 400 with a Twilio code). */
  failNext(count: number, status: number, code?: number): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for Twilio's Messages REST resource (this machine cannot reach Twilio). It
 * checks the account path and Basic auth like Twilio, records each message, and answers with
 * Twilio's JSON shape. The real adapter (server/platform/sms/twilio-sms.ts) talks to it unchanged.
 */
export async function startFakeTwilio(
  options: { accountSid?: string; authToken?: string } = {},
): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? 'ACtest00000000000000000000000000';
  const authToken = options.authToken ?? 'test-auth-token-123';
  const messages: RecordedSms[] = [];
  let failures: { remaining: number; status: number; code?: number } = { remaining: 0, status: 500 };
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
        return send(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      }
      if (request.headers.authorization !== expectedAuth) {
        return send(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      if (failures.remaining > 0) {
        failures.remaining -= 1;
        return send(failures.status, {
          code: failures.code ?? 20500,
          message: 'Injected failure',
          status: failures.status,
        });
      }
      const form = new URLSearchParams(raw);
      const to = form.get('To');
      const body = form.get('Body');
      if (!to || body === null || (!form.get('From') && !form.get('MessagingServiceSid'))) {
        return send(400, { code: 21604, message: 'A required parameter is missing', status: 400 });
      }
      const sid = `SM${(messages.length + 1).toString(16).padStart(32, '0')}`;
      messages.push({
        sid,
        to,
        from: form.get('From'),
        body,
        statusCallback: form.get('StatusCallback'),
        receivedAt: Date.now(),
      });
      send(201, { sid, status: 'queued', to, body, account_sid: accountSid });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    failNext: (count, status, code) => {
      failures = { remaining: count, status, code };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
