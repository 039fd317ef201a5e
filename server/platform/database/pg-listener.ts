import pg from 'pg';
import type { Logger } from '../log/logger.ts';

/**
 * The one PostgreSQL LISTEN client (job wake-ups, realtime events): a dedicated pg.Client (a
 * pooled connection would drop its LISTEN when returned), LISTEN on named channels, reconnect with
 * capped exponential backoff and jitter, LISTEN again after each reconnect, and `onConnected` so
 * callers can catch up on what was NOTIFYed while no connection was listening (those are lost).
 */
export interface PgListener {
  /** Settles after the first connection attempt, successful or not (it keeps retrying). */
  readonly ready: Promise<void>;
  /** Whether a connection is listening right now. */
  isListening(): boolean;
  /** Stops listening and reconnecting; idempotent. */
  close(): Promise<void>;
}

export interface PgListenerOptions {
  url: string;
  /** Channel names as pg_notify is given them (case-sensitive, at most 63 bytes, no double quote). */
  channels: readonly string[];
  /** Shown in pg_stat_activity, so operators (and tests) can find the connection. */
  applicationName: string;
  logger: Logger;
  /** Names the listener in log lines ("realtime listener", "job listener"). */
  label: string;
  onNotification(channel: string, payload: string | undefined): void;
  /** After every connection whose LISTENs are in place; `isReconnect` false the first time. */
  onConnected?(info: { isReconnect: boolean }): void;
  backoff?: Partial<BackoffPolicy>;
}

export interface BackoffPolicy {
  firstMs: number;
  maximumMs: number;
}

export const defaultBackoff: BackoffPolicy = { firstMs: 250, maximumMs: 30_000 };

/** Quoted in LISTEN, so anything but a double quote or NUL; pg_notify rejects names over 63 bytes. */
const identifier = /^[^"\0]+$/;
const maximumIdentifierBytes = 63;

/**
 * The wait before reconnect attempt `attempt` (0 first): exponential, capped, with "equal jitter"
 * (between half and all of the step) so many nodes that lost the database together do not
 * reconnect in lockstep.
 */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy, random = Math.random): number {
  const step = Math.min(policy.firstMs * 2 ** Math.min(attempt, 30), policy.maximumMs);
  return Math.round(step / 2 + random() * (step / 2));
}

export function createPgListener(options: PgListenerOptions): PgListener {
  for (const channel of options.channels) {
    if (!identifier.test(channel) || Buffer.byteLength(channel) > maximumIdentifierBytes) {
      throw new Error(`Not a LISTEN channel name: ${JSON.stringify(channel)}`);
    }
  }
  const channels = new Set(options.channels);
  const policy: BackoffPolicy = { ...defaultBackoff, ...options.backoff };
  let client: pg.Client | null = null;
  /** A connection still being opened (ended by close, so closing never waits on a slow server). */
  let opening: pg.Client | null = null;
  let isClosed = false;
  let hasConnectedBefore = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  const scheduleReconnect = (): void => {
    if (isClosed || retryTimer) return;
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void connect();
      },
      reconnectDelayMs(attempt, policy),
    );
    attempt += 1;
  };

  const drop = (which: pg.Client): void => {
    if (client !== which) return;
    client = null;
    which.end().catch(() => undefined);
    scheduleReconnect();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: options.url,
      application_name: options.applicationName.slice(0, maximumIdentifierBytes),
      // Notice a silently dead peer (a dropped NAT entry) instead of waiting forever.
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    next.on('notification', (message) => {
      if (channels.has(message.channel)) options.onNotification(message.channel, message.payload);
    });
    next.on('error', (error) => {
      // Error messages from pg name the server or the failure, never a payload.
      options.logger.warn({ error: error.message }, `${options.label} connection failed; reconnecting`);
      drop(next);
    });
    next.on('end', () => drop(next));
    opening = next;
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN "${channel}"`);
    } catch (error) {
      opening = null;
      if (isClosed) return;
      options.logger.warn(
        { error: error instanceof Error ? error.message : 'unknown' },
        `${options.label} could not connect; retrying`,
      );
      next.end().catch(() => undefined);
      scheduleReconnect();
      return;
    }
    opening = null;
    if (isClosed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    attempt = 0;
    const isReconnect = hasConnectedBefore;
    hasConnectedBefore = true;
    if (isReconnect) options.logger.info(`${options.label} reconnected`);
    try {
      options.onConnected?.({ isReconnect });
    } catch (error) {
      options.logger.error({ err: error }, `${options.label} onConnected failed`);
    }
  };

  return {
    ready: connect(),
    isListening: () => client !== null,
    close: async () => {
      isClosed = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      const current = client ?? opening;
      client = null;
      opening = null;
      await current?.end().catch(() => undefined);
    },
  };
}
