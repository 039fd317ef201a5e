import type { ServiceDeps } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../../identity/index.ts';
import { areasFor, requireRole, requireStepUp } from '../../identity/index.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import type { Principal } from '../../identity/index.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { assessTip } from './tip-detector.ts';
import type { FlaggedReportList, PresentedFlaggedReport, TipReason } from './flagged-report.contract.ts';
import type { FlaggedReportsTable } from './flagged-report.tables.ts';
import {
  deleteFlaggedReport,
  findFlaggedReportRow,
  insertFlaggedReport,
  insertTipStatusDecoy,
  listFlaggedReportRows,
} from './flagged-report.repository.ts';

/** The shortest schedule of all intake data (issue 4 §8): gone a day after it arrived. */
export const flaggedReportLifetimeMs = 24 * 60 * 60 * 1000;

export const flaggedReportContexts = {
  description: 'flagged_reports.description',
  locationText: 'flagged_reports.location_text',
} as const;

export type FlaggedReportDeps = ServiceDeps;

/** What intake knows about a report when it decides whether it is a weaponized tip. */
export interface TipCandidate {
  reportId: string;
  networkId: string;
  channel: string;
  category: string;
  language: string;
  description?: string;
  locationText?: string;
  zip?: string;
  sourceHash: string | null;
  /** The status link's id the sender is given, and when a real report would have occurred/expired. */
  statusLink: { publicId: string; occurredAt: number; expiresAt: number };
}

/**
 * Stores the report apart (and returns true) when its text points at a private person rather than
 * enforcement activity; returns false for an ordinary report, which intake then stores as usual.
 * The tipster's contact, exact pin and callback consent are dropped: nobody calls a tipster back.
 * Coordinators hear that one arrived (no content in the event).
 */
export async function divertWeaponizedTip(
  deps: FlaggedReportDeps,
  candidate: TipCandidate,
): Promise<boolean> {
  const text = [candidate.description, candidate.locationText].filter(Boolean).join('\n');
  const assessment = assessTip(text);
  if (!assessment.isFlagged) return false;
  const now = deps.clock.now();
  const encrypt = (value: string | undefined, context: string) =>
    value === undefined ? null : deps.crypto.encrypt(value, context);
  await inTransaction(deps, async (uow) => {
    await insertFlaggedReport(uow.trx, {
      id: candidate.reportId,
      network_id: candidate.networkId,
      channel: candidate.channel,
      category: candidate.category,
      language: candidate.language,
      reasons: JSON.stringify(assessment.reasons),
      description_enc: encrypt(candidate.description, flaggedReportContexts.description),
      location_text_enc: encrypt(candidate.locationText, flaggedReportContexts.locationText),
      zip: candidate.zip ?? null,
      source_hash: candidate.sourceHash,
      created_at: now,
      purge_at: now + flaggedReportLifetimeMs,
    });
    // The sender's status link answers like an unattended report's (issue 14 §8).
    await insertTipStatusDecoy(uow.trx, {
      public_id: candidate.statusLink.publicId,
      network_id: candidate.networkId,
      category: candidate.category,
      zip: candidate.zip ?? null,
      first_report_at: candidate.statusLink.occurredAt,
      created_at: now,
      expires_at: candidate.statusLink.expiresAt,
    });
    uow.emit({
      type: 'tips.reportFlagged',
      networkId: candidate.networkId,
      rooms: [rooms.role(candidate.networkId, 'coordinator')],
      data: { flaggedReportId: candidate.reportId, channel: candidate.channel },
      occurredAt: now,
    });
  });
  return true;
}

export type { PresentedFlaggedReport } from './flagged-report.contract.ts';

/**
 * Flagged reports of the coordinator's network, newest first. Only coordinators whose grant covers
 * the whole network (the text names private people, anywhere). The read is audited, with the ids
 * shown, before anything is returned.
 */
export async function listFlaggedReports(
  deps: FlaggedReportDeps,
  principal: Principal,
  options: { limit: number },
): Promise<FlaggedReportList> {
  requireFlaggedReader(principal);
  const now = deps.clock.now();
  const rows = await listFlaggedReportRows(deps.db, {
    networkId: principal.networkId,
    now,
    limit: options.limit,
  });
  await recordAudit(deps, deps.db, {
    networkId: principal.networkId,
    actorMemberId: principal.memberId,
    action: 'sensitive.read',
    objectType: 'flagged_report',
    objectId: principal.networkId,
    metadata: { field: 'flaggedReports', ids: rows.map((row) => row.id) },
  });
  return { flaggedReports: rows.map((row) => presentFlaggedReport(deps, row)) };
}

/** Only coordinators whose grant covers the whole network handle flagged reports. */
function requireFlaggedReader(principal: Principal): void {
  requireRole(principal, ['coordinator']);
  if (areasFor(principal, ['coordinator']) !== 'all') {
    throw new AppError('FORBIDDEN', 'Only coordinators of the whole network see flagged reports.');
  }
}

function presentFlaggedReport(deps: FlaggedReportDeps, row: FlaggedReportsTable): PresentedFlaggedReport {
  const read = (envelope: string | null, context: string) => {
    if (envelope === null) return null;
    try {
      return deps.crypto.decrypt(envelope, context);
    } catch {
      return null;
    }
  };
  return {
    id: row.id,
    channel: row.channel,
    category: row.category,
    language: row.language,
    reasons: parseReasons(row.reasons),
    description: read(row.description_enc, flaggedReportContexts.description),
    locationText: read(row.location_text_enc, flaggedReportContexts.locationText),
    zip: row.zip,
    createdAt: row.created_at,
    purgeAt: row.purge_at,
  };
}

/** A flagged report a coordinator decided was a real report after all, taken out of the flagged store. */
export interface ReleasedTip {
  report: PresentedFlaggedReport;
  sourceHash: string | null;
}

/**
 * Reads a flagged report for its release (coordinators of the whole network, with step-up), or
 * NOT_FOUND when it was purged or another coordinator already handled it. The release itself
 * (modules/reports) stores it as a report and calls `takeReleasedTip` in the same transaction.
 */
export async function readTipForRelease(
  deps: FlaggedReportDeps,
  principal: Principal,
  flaggedReportId: string,
): Promise<ReleasedTip> {
  requireFlaggedReader(principal);
  requireStepUp(principal, deps.clock);
  const row = await findFlaggedReportRow(deps.db, {
    networkId: principal.networkId,
    id: flaggedReportId,
    now: deps.clock.now(),
  });
  if (!row) throw new AppError('NOT_FOUND', 'This flagged report is gone: purged, or already handled.');
  return { report: presentFlaggedReport(deps, row), sourceHash: row.source_hash };
}

/**
 * Removes the released tip inside the release's transaction (the release audits it); a second coordinator
 * releasing or purging the same tip at the same moment finds it gone (NOT_FOUND, nothing stored).
 */
export async function takeReleasedTip(
  deps: FlaggedReportDeps,
  uow: UnitOfWork,
  input: { principal: Principal; flaggedReportId: string },
): Promise<void> {
  const { principal, flaggedReportId } = input;
  const wasThere = await deleteFlaggedReport(uow.trx, {
    networkId: principal.networkId,
    id: flaggedReportId,
  });
  if (!wasThere) throw new AppError('NOT_FOUND', 'This flagged report is gone: purged, or already handled.');
  uow.emit({
    type: 'tips.reportHandled',
    networkId: principal.networkId,
    rooms: [rooms.role(principal.networkId, 'coordinator')],
    data: { flaggedReportId },
    occurredAt: deps.clock.now(),
  });
}

/**
 * Deletes a flagged report now rather than at its 24-hour purge (coordinators of the whole
 * network, with step-up; audited). Its sender's status link goes on answering as before.
 */
export async function purgeFlaggedReport(
  deps: FlaggedReportDeps,
  principal: Principal,
  flaggedReportId: string,
): Promise<void> {
  requireFlaggedReader(principal);
  requireStepUp(principal, deps.clock);
  await inTransaction(deps, async (uow) => {
    const wasThere = await deleteFlaggedReport(uow.trx, {
      networkId: principal.networkId,
      id: flaggedReportId,
    });
    if (!wasThere)
      throw new AppError('NOT_FOUND', 'This flagged report is gone: purged, or already handled.');
    await recordAudit(deps, uow.trx, {
      networkId: principal.networkId,
      actorMemberId: principal.memberId,
      action: 'report.tipPurged',
      objectType: 'flagged_report',
      objectId: flaggedReportId,
      metadata: {},
    });
    uow.emit({
      type: 'tips.reportHandled',
      networkId: principal.networkId,
      rooms: [rooms.role(principal.networkId, 'coordinator')],
      data: { flaggedReportId },
      occurredAt: deps.clock.now(),
    });
  });
}

function parseReasons(stored: string): TipReason[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? (value.filter((item) => typeof item === 'string') as TipReason[]) : [];
  } catch {
    return [];
  }
}
