import pg from 'pg';
import type { Logger } from '../log/logger.ts';
import { jobsChannel } from './job.repository.ts';

export interface JobListener {
  /** Settles after the first connection attempt (successful or not). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const firstRetryMs = 500;
const maximumRetryMs = 30_000;

/**
 * LISTENs for committed enqueues on a dedicated connection (a pooled one would drop the LISTEN).
 * On any error it reconnects with backoff and then calls `onNotification` once, because NOTIFYs
 * sent while it was away are lost. The worker also polls, so a gap only delays jobs.
 */
export function createJobListener(options: {
  url: string;
  /** Shown in pg_stat_activity; lets operators (and tests) find the connection. */
  applicationName: string;
  logger: Logger;
  onNotification: () => void;
}): JobListener {
  let client: pg.Client | null = null;
  let isClosed = false;
  let retryMs = firstRetryMs;
  let retryTimer: NodeJS.Timeout | undefined;

  const scheduleReconnect = (): void => {
    if (isClosed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, maximumRetryMs);
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
      application_name: options.applicationName.slice(0, 63),
    });
    next.on('notification', () => options.onNotification());
    next.on('error', (error) => {
      options.logger.warn({ error: error.message }, 'job listener connection failed; reconnecting');
      drop(next);
    });
    next.on('end', () => drop(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${jobsChannel}`);
    } catch (error) {
      options.logger.warn(
        { error: error instanceof Error ? error.message : 'unknown' },
        'job listener could not connect; retrying',
      );
      next.end().catch(() => undefined);
      scheduleReconnect();
      return;
    }
    if (isClosed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retryMs = firstRetryMs;
    options.onNotification();
  };

  return {
    ready: connect(),
    close: async () => {
      isClosed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
