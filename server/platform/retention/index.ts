/** Retention: how purge tasks run (each module declares its own; server/retention.ts lists them). */
export { checkPurgeTasks, purgeAndCompact, purgeOnSchedule, runPurgeTasks } from './retention.ts';
export type { PurgeDeps, PurgeReport, PurgeTask } from './retention.ts';
