/** Retention: what Amparo deletes on schedule so it holds as little as possible (`amparo purge`). */
export { listPurgeTasks, registerPurgeTask, runPurge } from './retention.ts';
export type { PurgeDeps, PurgeReport, PurgeTask } from './retention.ts';
