/** Limits counted in the database, so they hold across every app process (ADR 0022). */
export { expiredSharedCountersPurgeTask, hourMs, takeSharedLimits } from './shared-limits.ts';
export type { SharedLimit } from './shared-limits.ts';
export type { SharedCountersTable } from './shared-counter.tables.ts';
