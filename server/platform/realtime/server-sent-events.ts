import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';

/** Where the hub writes one client's stream. */
export interface RealtimeSink {
  /** Bytes accepted but not yet handed to the client's network connection. */
  readonly bufferedBytes: number;
  write(chunk: string): void;
  /** Ends the stream once what is buffered has been sent. */
  end(): void;
  /** Cuts the stream now, discarding what is buffered. */
  destroy(): void;
  /** Called once when the stream ends for any reason (client gone, end, destroy). */
  onClose(listener: () => void): void;
}

export interface ServerSentEvent {
  id?: string;
  event: string;
  /** One line: JSON has no raw newlines. */
  data: string;
}

/** One event in the `text/event-stream` format. */
export function formatServerSentEvent(message: ServerSentEvent): string {
  const lines = [];
  if (message.id !== undefined) lines.push(`id: ${stripNewlines(message.id)}`);
  lines.push(`event: ${stripNewlines(message.event)}`, `data: ${stripNewlines(message.data)}`);
  return `${lines.join('\n')}\n\n`;
}

/** A comment line: browsers ignore it; it keeps proxies from closing an idle stream. */
export function formatServerSentComment(text: string): string {
  return `: ${stripNewlines(text)}\n\n`;
}

export function formatRetry(milliseconds: number): string {
  return `retry: ${Math.round(milliseconds)}\n\n`;
}

function stripNewlines(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

/**
 * A readable stream to hand to Fastify's `reply.send`, and the sink the hub writes into. Buffered
 * bytes count both what waits in the stream and what waits in the HTTP response (and its socket),
 * so a client that stops reading shows up as a growing number the hub can act on.
 */
export function createServerSentEventStream(response: Pick<Writable, 'writableLength'>): {
  stream: Readable;
  sink: RealtimeSink;
} {
  // Data is pushed, never pulled: read() has nothing to do.
  const stream = new Readable({ read: () => undefined });
  const closeListeners: (() => void)[] = [];
  let isFinished = false;
  const finish = (): void => {
    if (isFinished) return;
    isFinished = true;
    for (const listener of closeListeners) listener();
  };
  stream.once('close', finish);
  stream.once('end', finish);
  const sink: RealtimeSink = {
    get bufferedBytes() {
      return stream.readableLength + response.writableLength;
    },
    write: (chunk) => {
      if (!stream.destroyed && !stream.readableEnded) stream.push(chunk, 'utf8');
    },
    end: () => {
      if (!stream.destroyed) stream.push(null);
    },
    destroy: () => {
      stream.destroy();
      finish();
    },
    onClose: (listener) => {
      if (isFinished) listener();
      else closeListeners.push(listener);
    },
  };
  return { stream, sink };
}
