/**
 * Intake: reports from every channel, screened for weaponized tips, limited against floods,
 * clustered into incidents that dispatchers triage; intake retention.
 */
export * from './reports/index.ts';
export * from './incidents/index.ts';
export * from './flood/index.ts';
export * from './tips/index.ts';
export * from './retention/index.ts';
export * from './places/index.ts';
export * from './intake.jobs.ts';
