import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';

export interface AlertDeps extends ServiceDeps {
  jobs: JobWaker;
  /** Links in messages, CAP and feeds. */
  publicUrl: string;
  /** The SMS account's messages per second (AMPARO_SMS_RATE_PER_SECOND), shared by every network. */
  smsRatePerSecond: number;
}

export function alertDepsFrom(context: PlatformContext): AlertDeps {
  return {
    ...serviceDepsFrom(context),
    jobs: context.jobs,
    publicUrl: context.config.publicUrl,
    smsRatePerSecond: context.config.sms.ratePerSecond,
  };
}
