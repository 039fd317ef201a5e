import { createPgListener } from '../database/pg-listener.ts';
import type { Logger } from '../log/logger.ts';
import { jobsChannel } from './job.repository.ts';

export interface JobListener {
  /** Settles after the first connection attempt (successful or not). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Wakes the worker on committed enqueues (`pg_notify('amparo_jobs')`), through the shared
 * PostgreSQL listener. After every (re)connection it wakes the worker once more, because NOTIFYs
 * sent while no connection listened are lost. The worker also polls, so a gap only delays jobs.
 */
export function createJobListener(options: {
  url: string;
  /** Shown in pg_stat_activity; lets operators (and tests) find the connection. */
  applicationName: string;
  logger: Logger;
  onNotification: () => void;
}): JobListener {
  const listener = createPgListener({
    url: options.url,
    channels: [jobsChannel],
    applicationName: options.applicationName,
    logger: options.logger,
    label: 'job listener',
    onNotification: () => options.onNotification(),
    onConnected: () => options.onNotification(),
  });
  return { ready: listener.ready, close: () => listener.close() };
}
