/**
 * Flood resistance for intake (issue 4 §6): layered in-memory limits per source, area, network and
 * process, with separate budgets for known reporters and operators, and a flood mode dispatchers
 * switch on to tighten limits for unknown sources.
 */
export { createIntakeGuard, intakeGuardFor, knownReporterMinimumAgeMs } from './intake-guard.ts';
export type { IntakeGuard, IntakeGuardDeps } from './intake-guard.ts';
export { areaKeyOf, createIntakeLimiter, intakeLayers } from './intake-limits.ts';
export type { IntakeAttempt, IntakeDecision, IntakeLane, IntakeLimiter } from './intake-limits.ts';
export { getFloodMode, readFloodMode, setFloodMode } from './flood-mode.service.ts';
export type { FloodModeState } from './flood-mode.service.ts';
export { registerFloodModeRoutes } from './flood-mode.routes.ts';
export { sendRateLimitedPage } from './rate-limited.pages.ts';
