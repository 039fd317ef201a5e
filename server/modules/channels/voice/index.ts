import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerVoiceWebhookRoutes } from './voice-webhook.routes.ts';
import { registerVoicemailRoutes } from './voicemail.routes.ts';

/**
 * The phone line (issue 18): Twilio voice webhooks with a language menu, the on-duty operators
 * rung at once with a whisper they must answer, voicemail stored encrypted as a report and deleted
 * at Twilio, a know-your-rights message, and the flood limits; the members' side plays voicemails
 * and lists live calls.
 */
export { createVoiceJobSet, createVoiceJobs } from './voice.jobs.ts';
export { sweepRecordingDeletions } from './voicemail.service.ts';
export { voicePurgeTasks } from './voice-retention.jobs.ts';
export { createVoicemailFiles, sniffAudioType } from './voicemail-files.ts';
export { voicemailFileKeyContext } from './voicemail.service.ts';

export function registerVoiceLineRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerVoiceWebhookRoutes(app, context);
  registerVoicemailRoutes(app, context);
}
