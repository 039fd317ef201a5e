import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { EmailSender } from '../../../platform/email/index.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import type { Logger } from '../../../platform/log/logger.ts';
import type { PushSender } from '../../../platform/push/index.ts';
import type { SmsSender } from '../../../platform/sms/sms.ts';

export interface PagingDeps extends ServiceDeps {
  jobs: JobWaker;
  push: PushSender | null;
  sms: SmsSender | null;
  email: EmailSender | null;
  logger: Logger;
  /** AMPARO_PUBLIC_URL: the page link is `<publicUrl>/app/#/page/<id>`. */
  publicUrl: string;
}

export function pagingDepsFrom(context: PlatformContext): PagingDeps {
  return {
    ...serviceDepsFrom(context),
    jobs: context.jobs,
    push: context.senders.push,
    sms: context.senders.sms,
    email: context.senders.email,
    logger: context.logger,
    publicUrl: context.config.publicUrl,
  };
}
