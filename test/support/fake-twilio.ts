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
  /** Refuse every send for `ms` from now (429 with Twilio's 20429 and `Retry-After`, by default). */
  refuseFor(ms: number, answer?: { status?: number; code?: number; retryAfterSeconds?: number }): void;
  /** End a refusal started by refuseFor now: the provider recovers. */
  recover(): void;
  /** Always refuse sends to this number with this error (e.g. 400 / 21610, the recipient said STOP). */
  refuseNumber(to: string, status: number, code: number): void;
  /** Accept and record the next `count` messages but hold their answers for `ms` (past the client's deadline). */
  holdAnswers(count: number, ms: number): void;
  /** Lose the next `count` messages before Twilio records them, and never answer (a request lost in transit). */
  loseNext(count: number): void;
  /** Every send request that reached the stand-in, accepted or not, in order. */
  attempts: { to: string; status: number; at: number }[];
  /** How many list queries (GET Messages.json) were answered. */
  listQueries(): number;
  /** Serves `bytes` as Recordings/<sid>.mp3 until a DELETE of Recordings/<sid>.json removes it. */
  addRecording(sid: string, bytes: Uint8Array): void;
  /** Recordings still held (not deleted). */
  recordings: Map<string, Uint8Array>;
  /** Every recording request: GET of the audio or DELETE, with the HTTP status answered. */
  recordingRequests: { method: string; sid: string; status: number }[];
  /** Make the next `count` recording DELETEs fail with 500 (Twilio's side down). */
  failRecordingDeletes(count: number): void;
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
  let refusal: { until: number; status: number; code: number; retryAfterSeconds?: number } | null = null;
  const refusedNumbers = new Map<string, { status: number; code: number }>();
  let held = { remaining: 0, ms: 0 };
  let listCount = 0;
  let lost = 0;
  const attempts: { to: string; status: number; at: number }[] = [];
  const listPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const recordings = new Map<string, Uint8Array>();
  const recordingRequests: { method: string; sid: string; status: number }[] = [];
  let failingDeletes = 0;
  const recordingPath = new RegExp(
    `^/2010-04-01/Accounts/${accountSid}/Recordings/(RE[0-9a-fA-F]{32})\\.(mp3|wav|json)$`,
  );
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      const url = new URL(request.url ?? '/', 'http://localhost');
      const recording = recordingPath.exec(url.pathname);
      if (recording) return answerRecording(request.method ?? 'GET', recording[1] ?? '', recording[2] ?? '');
      if (request.headers.authorization !== expectedAuth && url.pathname === listPath) {
        return send(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      if (request.method === 'GET' && url.pathname === listPath) {
        listCount += 1;
        return send(200, { messages: listMessages(url.searchParams), next_page_uri: null });
      }
      if (request.method !== 'POST' || url.pathname !== listPath) {
        return send(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      }
      /** Twilio's Recording resource: GET .mp3 is the audio, DELETE .json removes it (204). */
      function answerRecording(method: string, sid: string, extension: string): void {
        const note = (status: number) => recordingRequests.push({ method, sid, status });
        if (request.headers.authorization !== expectedAuth) {
          note(401);
          return send(401, { code: 20003, message: 'Authenticate', status: 401 });
        }
        const bytes = recordings.get(sid);
        if (method === 'GET' && extension === 'mp3' && bytes) {
          note(200);
          response.writeHead(200, {
            'content-type': 'audio/mpeg',
            'content-length': String(bytes.byteLength),
          });
          response.end(Buffer.from(bytes));
          return;
        }
        if (method === 'DELETE' && extension === 'json') {
          if (failingDeletes > 0) {
            failingDeletes -= 1;
            note(500);
            return send(500, { code: 20500, message: 'Injected failure', status: 500 });
          }
          if (!bytes) {
            note(404);
            return send(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
          }
          recordings.delete(sid);
          note(204);
          response.writeHead(204);
          response.end();
          return;
        }
        note(404);
        return send(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      }
      const posted = new URLSearchParams(raw);
      const attempt = { to: posted.get('To') ?? '', status: 201, at: Date.now() };
      attempts.push(attempt);
      const refuse = (status: number, code: number, headers: Record<string, string> = {}): void => {
        attempt.status = status;
        send(status, { code, message: 'Refused by the stand-in', status }, headers);
      };
      if (refusal && Date.now() < refusal.until) {
        const headers: Record<string, string> =
          refusal.retryAfterSeconds === undefined ? {} : { 'retry-after': String(refusal.retryAfterSeconds) };
        return refuse(refusal.status, refusal.code, headers);
      }
      if (lost > 0) {
        lost -= 1;
        attempt.status = 0;
        return; // no record, no answer: the client's deadline ends it
      }
      const refusedNumber = refusedNumbers.get(attempt.to);
      if (refusedNumber) return refuse(refusedNumber.status, refusedNumber.code);
      if (failures.remaining > 0) {
        failures.remaining -= 1;
        attempt.status = failures.status;
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
      const answer = (): void => send(201, { sid, status: 'queued', to, body, account_sid: accountSid });
      if (held.remaining > 0) {
        // Twilio has the message; its answer is what gets lost.
        held.remaining -= 1;
        setTimeout(() => {
          if (!response.destroyed) answer();
        }, held.ms);
        return;
      }
      answer();
    });
  });
  /** Twilio's list filters: To, From, DateSent (a UTC day); newest first like Twilio. */
  const listMessages = (query: URLSearchParams) =>
    messages
      .filter((message) => !query.get('To') || message.to === query.get('To'))
      .filter((message) => !query.get('From') || message.from === query.get('From'))
      .filter(
        (message) =>
          !query.get('DateSent') ||
          new Date(message.receivedAt).toISOString().slice(0, 10) === query.get('DateSent'),
      )
      .reverse()
      .map((message) => ({
        sid: message.sid,
        to: message.to,
        from: message.from,
        body: message.body,
        status: 'sent',
        date_sent: new Date(message.receivedAt).toUTCString(),
      }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    attempts,
    failNext: (count, status, code) => {
      failures = { remaining: count, status, code };
    },
    refuseFor: (ms, answer = {}) => {
      refusal = {
        until: Date.now() + ms,
        status: answer.status ?? 429,
        code: answer.code ?? 20429,
        retryAfterSeconds: answer.retryAfterSeconds,
      };
    },
    recover: () => {
      refusal = null;
    },
    refuseNumber: (to, status, code) => void refusedNumbers.set(to, { status, code }),
    holdAnswers: (count, ms) => {
      held = { remaining: count, ms };
    },
    loseNext: (count) => {
      lost = count;
    },
    listQueries: () => listCount,
    recordings,
    recordingRequests,
    addRecording: (sid, bytes) => void recordings.set(sid, bytes),
    failRecordingDeletes: (count) => {
      failingDeletes = count;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
