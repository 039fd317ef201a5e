/** Retention of intake data: reports, reporter contacts and flagged tips (server/retention.ts runs them). */
export { intakePurgeTasks, reporterContactMaximumAgeMs } from './intake-retention.jobs.ts';
