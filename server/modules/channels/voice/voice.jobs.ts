import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineJob, recurring } from '../../../platform/jobs/index.ts';
import type { JobDefinition, JobSet } from '../../../platform/jobs/index.ts';
import {
  createTwilioRecordingStore,
  RecordingRequestError,
} from '../../../platform/sms/twilio-recordings.ts';
import { findNetworkById } from '../../identity/index.ts';
import { reportDepsFrom } from '../../intake/index.ts';
import { createVoicemailFiles } from './voicemail-files.ts';
import {
  deleteRecordingAtProvider,
  deleteRecordingJobName,
  storeVoicemail,
  storeVoicemailJobName,
  sweepDeletionsEveryMs,
  sweepDeletionsJobName,
  sweepRecordingDeletions,
} from './voicemail.service.ts';
import type { VoicemailJobDeps } from './voicemail.service.ts';

export function voicemailJobDepsFrom(context: PlatformContext): VoicemailJobDeps {
  const twilio = context.config.twilio;
  return {
    report: reportDepsFrom(context),
    jobs: context.jobs,
    recordings: twilio ? createTwilioRecordingStore(twilio) : null,
    files: createVoicemailFiles(context.config.dataDirectory),
    networkOf: (networkId) => findNetworkById(context.database.db, networkId),
  };
}

const payload = z.object({ voicemailId: z.uuid() });

/** A refusal that cannot change (not audio, too large) ends the job instead of retrying it. */
async function unlessPermanent(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof RecordingRequestError && !error.isRetryable) return;
    throw error;
  }
}

/**
 * The voice line's jobs: store a voicemail, then delete Twilio's copy (retried, and re-queued
 * hourly by the sweep, until it is gone).
 */
export function createVoiceJobSet(context: PlatformContext): JobSet {
  const deps = voicemailJobDepsFrom(context);
  const sweep = defineJob({
    name: sweepDeletionsJobName,
    payload: z.object({}),
    maxAttempts: 3,
    handle: async () => {
      await sweepRecordingDeletions(deps);
    },
  });
  return {
    jobs: [...createVoiceJobs(context, deps), sweep],
    recurring: [recurring(sweep, sweepDeletionsEveryMs, {})],
  };
}

export function createVoiceJobs(
  context: PlatformContext,
  deps: VoicemailJobDeps = voicemailJobDepsFrom(context),
): JobDefinition[] {
  return [
    defineJob({
      name: storeVoicemailJobName,
      lane: 'intake',
      payload,
      maxAttempts: 30,
      handle: ({ voicemailId }, job) => unlessPermanent(() => storeVoicemail(deps, voicemailId, job.signal)),
    }),
    defineJob({
      name: deleteRecordingJobName,
      lane: 'intake',
      payload,
      // Back-off grows to its cap: a hundred attempts span days of a provider outage.
      maxAttempts: 100,
      handle: ({ voicemailId }, job) => deleteRecordingAtProvider(deps, voicemailId, job.signal),
    }),
  ] as JobDefinition[];
}
