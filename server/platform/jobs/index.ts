export { defineJob, createJobRegistry, recurring, defaultMaxAttempts, jobLanes } from './job-definition.ts';
export { JobDeadlineError } from './job-runner.ts';
export type {
  JobContext,
  JobDefinition,
  JobLane,
  JobRegistry,
  JobSet,
  RecurringJob,
} from './job-definition.ts';
export { enqueueJob, enqueueJobInUnitOfWork } from './enqueue.ts';
export type { EnqueueJobInput, JobWaker } from './enqueue.ts';
export { runEffectOnce, recordEffect, isEffectRecorded } from './effects.ts';
export type { EffectOptions, EffectResult } from './effects.ts';
export { createJobWorker, defaultLeaseMs } from './job-worker.ts';
export type { JobWorker, JobWorkerOptions } from './job-worker.ts';
export { scheduleRecurring } from './recurring.ts';
export {
  doneJobsPurgeTask,
  platformJobs,
  purgeFinishedJobs,
  purgeFinishedJobsDaily,
  spentEffectKeysPurgeTask,
} from './maintenance.jobs.ts';
