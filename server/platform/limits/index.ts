/** Limits counted in the database, so they hold across every app process (ADR 0022, ADR 0027). */
export { expiredSharedCountersPurgeTask, hourMs, takeSharedLimits } from './shared-limits.ts';
export type { SharedLimit } from './shared-limits.ts';
export { createSharedRateLimiter, sharedLimitKey, takeSharedCount } from './shared-rate-limiter.ts';
export type { SharedRateLimiter, SharedRateLimiterOptions } from './shared-rate-limiter.ts';
export { countSharedEvent, readSharedEventCounts } from './shared-events.ts';
export type { SharedCountersTable } from './shared-counter.tables.ts';
