import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface ServerSentMessage {
  id?: string;
  event: string;
  data: string;
  /** performance.timeOrigin-based wall clock when the frame was parsed (for latency). */
  receivedAt: number;
}

export interface StreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** The JSON body of a non-200 answer. */
  body: unknown;
  /** Every `retry:` value and comment line seen, in order. */
  controls: string[];
  messages: ServerSentMessage[];
  /** Resolves when the server ends or cuts the stream. */
  ended: Promise<void>;
  isEnded(): boolean;
  response: IncomingMessage;
  /** Waits for the first message (from the start) that matches. */
  waitFor(predicate: (message: ServerSentMessage) => boolean, timeoutMs?: number): Promise<ServerSentMessage>;
  close(): void;
}

/**
 * A minimal EventSource over node:http for tests: fastify's inject buffers the whole response, so
 * streams are read from a real listening server instead.
 */
export function openStream(url: string, headers: Record<string, string> = {}): Promise<StreamClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const messages: ServerSentMessage[] = [];
      const controls: string[] = [];
      const waiters = new Set<() => void>();
      let isEnded = false;
      let buffered = '';
      const ended = new Promise<void>((resolveEnded) => {
        const finish = (): void => {
          isEnded = true;
          for (const waiter of waiters) waiter();
          resolveEnded();
        };
        response.once('end', finish);
        response.once('close', finish);
        response.once('error', finish);
      });
      const client: StreamClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: undefined,
        controls,
        messages,
        ended,
        isEnded: () => isEnded,
        response,
        waitFor: (predicate, timeoutMs = 5000) =>
          new Promise((resolveMessage, rejectMessage) => {
            const check = (): boolean => {
              const found = messages.find(predicate);
              if (found) {
                cleanup();
                resolveMessage(found);
                return true;
              }
              if (isEnded) {
                cleanup();
                rejectMessage(new Error('stream ended before the expected message'));
                return true;
              }
              return false;
            };
            const timer = setTimeout(() => {
              cleanup();
              rejectMessage(new Error(`no matching message within ${timeoutMs} ms`));
            }, timeoutMs);
            const cleanup = (): void => {
              clearTimeout(timer);
              waiters.delete(waiter);
            };
            const waiter = (): void => void check();
            if (!check()) waiters.add(waiter);
          }),
        close: () => {
          request.destroy();
          response.destroy();
        },
      };
      if (client.status !== 200) {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          try {
            client.body = JSON.parse(body);
          } catch {
            client.body = body;
          }
          resolve(client);
        });
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffered += chunk;
        let boundary = buffered.indexOf('\n\n');
        while (boundary !== -1) {
          const frame = buffered.slice(0, boundary);
          buffered = buffered.slice(boundary + 2);
          parseFrame(frame, messages, controls);
          boundary = buffered.indexOf('\n\n');
        }
        for (const waiter of [...waiters]) waiter();
      });
      resolve(client);
    });
    request.on('error', reject);
  });
}

function parseFrame(frame: string, messages: ServerSentMessage[], controls: string[]): void {
  const message: Partial<ServerSentMessage> = {};
  for (const line of frame.split('\n')) {
    if (line.startsWith(':') || line.startsWith('retry:')) controls.push(line);
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = line.slice(6);
  }
  if (message.event !== undefined) {
    messages.push({ ...message, event: message.event, data: message.data ?? '', receivedAt: Date.now() });
  }
}

/** The parsed `data:` of a domain event frame. */
export function payloadOf(message: ServerSentMessage): {
  type: string;
  data: Record<string, unknown>;
  occurredAt: number;
} {
  return JSON.parse(message.data) as { type: string; data: Record<string, unknown>; occurredAt: number };
}
