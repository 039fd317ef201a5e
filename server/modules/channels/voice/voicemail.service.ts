import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { t } from '../../../platform/i18n/index.ts';
import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import { RecordingRequestError } from '../../../platform/sms/twilio-recordings.ts';
import type { RecordingStore } from '../../../platform/sms/twilio-recordings.ts';
import { newMediaKey } from '../../field/index.ts';
import { incidentRooms, recordReporterPhone, reportFieldContexts, submitReport } from '../../intake/index.ts';
import type { ReportDeps } from '../../intake/index.ts';
import type { Network } from '../../identity/index.ts';
import { callbackPhoneContext } from './voice-call.service.ts';
import { emptyAnswer } from './voice-twiml.ts';
import {
  findCall,
  findVoicemail,
  insertVoicemailOnce,
  listUndeletedAtProvider,
  updateVoicemail,
} from './voice.repository.ts';
import type { VoicemailsTable } from './voice.tables.ts';
import type { VoiceEventType } from './voice.contract.ts';
import type { VoiceDeps } from './voice.deps.ts';
import { sniffAudioType } from './voicemail-files.ts';
import type { VoicemailFiles } from './voicemail-files.ts';

export const storeVoicemailJobName = 'voice.storeVoicemail';
export const deleteRecordingJobName = 'voice.deleteRecording';
export const voicemailFileKeyContext = 'voicemails.file_key';

/**
 * Twilio's recordingStatusCallback: a finished recording of a known call. One voicemail row per
 * RecordingSid and its storing job, in one transaction; a repeated callback adds nothing.
 */
export async function acceptRecording(
  deps: VoiceDeps,
  input: { callSid: string; recordingSid: string; status: string; durationSeconds: number; language: string },
): Promise<string> {
  if (input.status !== 'completed') return emptyAnswer();
  const call = await findCall(deps.db, input.callSid);
  if (!call) return emptyAnswer();
  const network = await deps.networkOf(call.network_id);
  const language = network?.languages.includes(input.language)
    ? input.language
    : (call.language ?? network?.languages[0] ?? 'en');
  await inTransaction(deps, async (uow) => {
    const id = newId();
    const isNew = await insertVoicemailOnce(uow.trx, {
      id,
      network_id: call.network_id,
      call_sid: call.call_sid,
      recording_sid: input.recordingSid,
      report_id: null,
      incident_id: null,
      language,
      media_type: null,
      size_bytes: null,
      duration_seconds: input.durationSeconds,
      file_key_enc: null,
      provider_deleted_at: null,
      created_at: deps.clock.now(),
      stored_at: null,
    });
    if (!isNew) return;
    await enqueueJobInUnitOfWork(uow, deps, {
      name: storeVoicemailJobName,
      payload: { voicemailId: id },
      idempotencyKey: `${storeVoicemailJobName}:${input.recordingSid}`,
    });
  });
  return emptyAnswer();
}

export interface VoicemailJobDeps {
  report: ReportDeps;
  jobs: JobWaker;
  /** Null when Twilio is not configured (the job then fails and is retried once it is). */
  recordings: RecordingStore | null;
  files: VoicemailFiles;
  networkOf(networkId: string): Promise<Network | null>;
}

/**
 * Fetches a voicemail from Twilio, stores it encrypted, makes the report that puts it in the
 * dispatchers' queue ("voicemail — needs an operator"), and only then queues the deletion at
 * Twilio, so the provider's copy goes only once ours is durable. A retry after a crash between the
 * report and the row update makes a second report (rare; better than a lost voicemail).
 */
export async function storeVoicemail(
  deps: VoicemailJobDeps,
  voicemailId: string,
  signal?: AbortSignal,
): Promise<void> {
  const { db, clock, crypto } = deps.report;
  const voicemail = await findVoicemail(db, voicemailId);
  if (!voicemail || voicemail.stored_at !== null) return;
  const network = await deps.networkOf(voicemail.network_id);
  if (!network) return;
  if (!deps.recordings) throw new RecordingRequestError('Twilio is not configured', true);
  const fetched = await deps.recordings.fetch(voicemail.recording_sid, signal);
  const mediaType = sniffAudioType(fetched.bytes.subarray(0, 16));
  if (!mediaType) throw new RecordingRequestError('the recording is not MP3 or WAV audio', false);
  const key = newMediaKey();
  await deps.files.write(network.id, voicemail.id, key, fetched.bytes);
  const language = network.languages[0] ?? 'en';
  const minutes = `${Math.floor(voicemail.duration_seconds / 60)}:${String(voicemail.duration_seconds % 60).padStart(2, '0')}`;
  const stored = await submitReport(deps.report, {
    networkId: network.id,
    networkLanguages: network.languages,
    channel: 'voicemail',
    category: 'other',
    locationText: t(language, 'voice.voicemailLocation'),
    description: t(language, 'voice.voicemailReport', {
      duration: minutes,
      language: t(voicemail.language, 'voice.languageName'),
    }),
    language: voicemail.language,
    source: null,
  });
  await inTransaction(deps.report, async (uow) => {
    await updateVoicemail(uow.trx, voicemail.id, {
      report_id: stored.reportId,
      incident_id: stored.incidentId || null,
      media_type: mediaType,
      size_bytes: fetched.bytes.byteLength,
      file_key_enc: crypto.encrypt(Buffer.from(key).toString('base64'), voicemailFileKeyContext),
      stored_at: clock.now(),
    });
    const call = await findCall(uow.trx, voicemail.call_sid);
    if (call?.callback_phone_enc) {
      const phone = crypto.decrypt(call.callback_phone_enc, callbackPhoneContext);
      await recordReporterPhone(uow.trx, {
        reportId: stored.reportId,
        networkId: network.id,
        contactEnvelope: crypto.encrypt(phone, reportFieldContexts.callbackContact),
      });
    }
    await enqueueDeletion(uow, deps, voicemail);
    if (stored.incidentId) {
      uow.emit({
        type: 'voice.voicemailStored' satisfies VoiceEventType,
        networkId: network.id,
        rooms: incidentRooms(network.id, []),
        data: { incidentId: stored.incidentId, voicemailId: voicemail.id },
        occurredAt: clock.now(),
      });
    }
  });
}

/** Deletes the recording at Twilio; retried (with back-off) until Twilio says it is gone. */
export async function deleteRecordingAtProvider(
  deps: VoicemailJobDeps,
  voicemailId: string,
  signal?: AbortSignal,
): Promise<void> {
  const voicemail = await findVoicemail(deps.report.db, voicemailId);
  if (!voicemail || voicemail.provider_deleted_at !== null) return;
  if (!deps.recordings) throw new RecordingRequestError('Twilio is not configured', true);
  await deps.recordings.remove(voicemail.recording_sid, signal);
  await updateVoicemail(deps.report.db, voicemail.id, { provider_deleted_at: deps.report.clock.now() });
}

export async function enqueueDeletion(
  uow: UnitOfWork,
  deps: { report: ReportDeps; jobs: JobWaker },
  voicemail: Pick<VoicemailsTable, 'id' | 'recording_sid'>,
): Promise<void> {
  await enqueueJobInUnitOfWork(
    uow,
    { clock: deps.report.clock, jobs: deps.jobs },
    {
      name: deleteRecordingJobName,
      payload: { voicemailId: voicemail.id },
      idempotencyKey: `${deleteRecordingJobName}:${voicemail.recording_sid}`,
    },
  );
}

export const sweepDeletionsJobName = 'voice.sweepRecordingDeletions';
export const sweepDeletionsEveryMs = 60 * 60 * 1000;

/**
 * Re-queues the Twilio deletion of every stored voicemail Twilio has not confirmed deleted an hour
 * on (a deletion job that ran out of attempts during a long outage), so it is retried until it
 * succeeds. Keyed per hour: one new attempt per voicemail per sweep.
 */
export async function sweepRecordingDeletions(deps: VoicemailJobDeps): Promise<number> {
  const { db, clock } = deps.report;
  const now = clock.now();
  const waiting = await listUndeletedAtProvider(db, now - sweepDeletionsEveryMs);
  const hour = now - (now % sweepDeletionsEveryMs);
  let queued = 0;
  for (const voicemail of waiting) {
    await inTransaction(deps.report, async (uow) => {
      const job = await enqueueJobInUnitOfWork(
        uow,
        { clock, jobs: deps.jobs },
        {
          name: deleteRecordingJobName,
          payload: { voicemailId: voicemail.id },
          idempotencyKey: `${deleteRecordingJobName}:${voicemail.recording_sid}:${hour}`,
        },
      );
      if (job.isNew) queued += 1;
    });
  }
  return queued;
}
