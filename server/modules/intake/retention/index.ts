import { registerPurgeTask } from '../../../platform/retention/index.ts';
import { intakePurgeTasks } from './intake-retention.jobs.ts';

/** Retention of intake data: reports, reporter contacts, threads, flagged tips, SMS conversations. */
export {
  intakePurgeEveryMs,
  intakePurgeTasks,
  purgeIntakeData,
  purgeIntakeJob,
  reporterContactMaximumAgeMs,
} from './intake-retention.jobs.ts';

// `amparo purge` runs every registered task (this module is imported by the CLI's purge command).
for (const task of intakePurgeTasks) registerPurgeTask(task);
