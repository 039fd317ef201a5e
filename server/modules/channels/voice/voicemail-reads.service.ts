import type { ServiceDeps } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordSensitiveRead, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import { requireIncidentAccess } from '../../intake/index.ts';
import { liveCallStatuses } from './voice.contract.ts';
import type { LiveCallList, PresentedVoicemail, VoicemailList } from './voice.contract.ts';
import { findVoicemail, listCallsOf, listIncidentVoicemails } from './voice.repository.ts';
import type { VoicemailsTable } from './voice.tables.ts';
import type { VoicemailFiles } from './voicemail-files.ts';
import { voicemailFileKeyContext } from './voicemail.service.ts';

export interface VoicemailReadDeps extends ServiceDeps {
  files: VoicemailFiles;
}

/** The voicemails of an incident, for those who may read it (the incident's roles and areas). */
export async function listVoicemails(
  deps: VoicemailReadDeps,
  principal: Principal,
  incidentId: string,
): Promise<VoicemailList> {
  const { incident } = await requireIncidentAccess(deps.db, { principal, incidentId });
  const rows = await listIncidentVoicemails(deps.db, incident.id);
  return { voicemails: rows.flatMap((row) => (row.report_id && row.media_type ? [present(row)] : [])) };
}

/**
 * The decrypted audio of one voicemail, for members allowed to read its incident; each play is
 * an audited read. Another network's voicemail, or one outside the member's areas, is
 * VOICEMAIL_NOT_FOUND like a missing one.
 */
export async function openVoicemailAudio(
  deps: VoicemailReadDeps,
  principal: Principal,
  voicemailId: string,
): Promise<{ mediaType: string; sizeBytes: number; chunks: AsyncGenerator<Buffer> }> {
  const voicemail = await findVoicemail(deps.db, voicemailId);
  const notFound = () => new AppError('VOICEMAIL_NOT_FOUND', 'Voicemail not found.');
  if (!voicemail?.incident_id || !voicemail.file_key_enc || !voicemail.media_type) throw notFound();
  if (voicemail.network_id !== principal.networkId) throw notFound();
  try {
    await requireIncidentAccess(deps.db, { principal, incidentId: voicemail.incident_id });
  } catch {
    throw notFound();
  }
  await recordSensitiveRead(deps, deps.db, {
    networkId: voicemail.network_id,
    actorMemberId: principal.memberId,
    objectType: 'report',
    objectId: voicemail.report_id ?? voicemail.id,
    field: 'voicemail',
  });
  const key = new Uint8Array(
    Buffer.from(deps.crypto.decrypt(voicemail.file_key_enc, voicemailFileKeyContext), 'base64'),
  );
  return {
    mediaType: voicemail.media_type,
    sizeBytes: voicemail.size_bytes ?? 0,
    chunks: deps.files.read(voicemail.network_id, voicemail.id, key),
  };
}

const liveWindowMs = 2 * 60 * 60 * 1000;

/** Calls on the line now (menus, ringing, talking, leaving a message), for dispatchers and coordinators. */
export async function listLiveCalls(deps: ServiceDeps, principal: Principal): Promise<LiveCallList> {
  requireRole(principal, ['dispatcher', 'coordinator']);
  const now = deps.clock.now();
  const rows = await listCallsOf(deps.db, {
    networkId: principal.networkId,
    statuses: liveCallStatuses,
    since: now - liveWindowMs,
  });
  return {
    now,
    calls: rows.map((row) => ({
      callSid: row.call_sid,
      status: row.status as (typeof liveCallStatuses)[number],
      language: row.language,
      callerLastDigits: row.caller_last_digits,
      startedAt: row.created_at,
      answeredBy: row.answered_by,
      isAnsweredByMe: row.answered_by === principal.memberId,
    })),
  };
}

function present(row: VoicemailsTable): PresentedVoicemail {
  return {
    id: row.id,
    reportId: row.report_id ?? '',
    language: row.language,
    durationSeconds: row.duration_seconds,
    mediaType: row.media_type ?? '',
    receivedAt: row.created_at,
    audioPath: `/api/voicemails/${row.id}/audio`,
    isDeletedAtProvider: row.provider_deleted_at !== null,
  };
}
