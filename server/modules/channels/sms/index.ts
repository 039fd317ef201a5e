import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import type { JobDefinition } from '../../../platform/jobs/index.ts';
import { createNotifyOutcomeJob, createSendMessageJob } from './hotline.jobs.ts';
import { registerSmsWebhookRoutes } from './sms-webhook.routes.ts';
import { registerThreadRoutes } from './thread.routes.ts';

/**
 * The SMS hotline (issue 4 §2, §7): Twilio's incoming-message webhook with a keyword router
 * (dispatch replies, subscriptions, reports as a short conversation), and the two-way thread
 * between dispatchers and consenting reporters, with outcome notices.
 */
export { createSmsKeywordRouter, smsKeywordHandlersFor } from './sms-keywords.ts';
export type {
  KeywordMatch,
  SmsKeywordHandler,
  SmsKeywordMessage,
  SmsKeywordResult,
  SmsKeywordRouter,
} from './sms-keywords.ts';
export { handleInboundSms } from './sms-inbound.service.ts';
export type { HotlineDeps, InboundSms } from './sms-inbound.service.ts';
export { hotlineDepsFrom } from './sms-webhook.routes.ts';
export { detectSmsCategory, detectSmsLanguage, parseSmsLocation } from './sms-text.ts';
export { createNotifyOutcomeJob, createSendMessageJob, notifyOutcomeJobName } from './hotline.jobs.ts';
export type { HotlineJobDeps } from './hotline.jobs.ts';
export { conversationLifetimeMs } from './sms-report.service.ts';
export { messageBodyContext } from './thread.service.ts';

export function registerSmsHotlineRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerSmsWebhookRoutes(app, context);
  registerThreadRoutes(app, context);
}

/** The hotline's jobs, with the process's SMS sender (none when Twilio is not configured). */
export function createHotlineJobs(context: PlatformContext): JobDefinition[] {
  const deps = {
    db: context.database.db,
    clock: context.clock,
    crypto: context.crypto,
    sms: context.senders.sms,
    publicUrl: context.config.publicUrl,
  };
  return [createSendMessageJob(deps), createNotifyOutcomeJob(deps)] as JobDefinition[];
}
