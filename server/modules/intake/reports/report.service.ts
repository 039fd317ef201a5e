import type { ServiceDeps } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import { recordAudit } from '../../identity/index.ts';
import { attachReportToIncident, reportFieldContexts } from '../incidents/index.ts';
import { divertWeaponizedTip, readTipForRelease, takeReleasedTip } from '../tips/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { IncidentSettingsSource, IncidentStatus, Point, ReportCategory } from '../incidents/index.ts';
import { resolveLocation } from './report-location.ts';
import type { ZipLookup } from './report-location.ts';
import { insertReport } from './report.repository.ts';
import { tipStatusDecoyKey } from './report-status-link.ts';
import { sourceHashOf } from './report-source.ts';
import type { ReportSource } from './report-source.ts';
import type { ReportChannel } from './report.tables.ts';
import { locateInGazetteer } from '../places/index.ts';

export interface ReportDeps extends ServiceDeps {
  lookupZip: ZipLookup;
  settingsFor: IncidentSettingsSource;
  /** Runs in the report's transaction when it opens a new incident (field pages dispatchers). */
  onIncidentOpened?: (
    uow: UnitOfWork,
    incident: { id: string; networkId: string; createdAt: number },
  ) => Promise<void>;
}

/** A report from any channel, already parsed at its edge. */
export interface ReportSubmission {
  networkId: string;
  /** The network's languages, first the default: the report's language must be one of them. */
  networkLanguages: readonly string[];
  channel: ReportChannel;
  category: ReportCategory;
  location?: Point;
  locationText?: string;
  zip?: string;
  occurredAt?: number;
  description?: string;
  callbackContact?: string;
  contactConsent?: boolean;
  language?: string;
  source: ReportSource | null;
  /** The operator who typed it in (channel operator); their entry is audited. */
  enteredBy?: { memberId: string };
  /** A flagged tip a coordinator released (tip screening already happened; it is taken out of the flagged store). */
  released?: { principal: Principal; flaggedReportId: string; sourceHash: string | null };
}

export interface SubmittedReport {
  reportId: string;
  incidentId: string;
  incidentPublicId: string;
  incidentStatus: IncidentStatus;
  isNewIncident: boolean;
  language: string;
  /**
   * Set when the text pointed at a private person (modules/tips): the report was stored apart for
   * coordinators and joined no incident (incidentId is ''; the public id leads to a status page
   * that answers like an unattended report's, tips/tip_status_decoys).
   */
  isFlagged?: true;
}

/** A report about more than a week ago is history, not something to respond to. */
const oldestOccurredAtMs = 7 * 24 * 60 * 60 * 1000;
/** Phones' clocks drift; a few minutes ahead is accepted and counted as now. */
const clockSkewMs = 5 * 60 * 1000;

/**
 * Stores a report and clusters it into an incident in one transaction, and resolves only after
 * that transaction has committed durably: callers acknowledge the reporter with the result, so an
 * acknowledged report survives a crash (SQLite WAL synchronous=FULL, PostgreSQL synchronous_commit).
 */
export async function submitReport(deps: ReportDeps, input: ReportSubmission): Promise<SubmittedReport> {
  const now = deps.clock.now();
  const occurredAt = checkOccurredAt(input.occurredAt, now);
  const hasContact = input.callbackContact !== undefined;
  if (hasContact && input.contactConsent !== true) {
    throw new AppError('VALIDATION_FAILED', 'Agree to be contacted, or leave the contact empty.', [
      { path: 'contactConsent', message: 'consent is required to keep a callback contact' },
    ]);
  }
  const found =
    !input.location && input.locationText
      ? await locateInGazetteer(deps.db, input.networkId, input.locationText)
      : null;
  const location = resolveLocation(deps.lookupZip, input, found);
  const language =
    input.language && input.networkLanguages.includes(input.language)
      ? input.language
      : (input.networkLanguages[0] ?? 'en');
  const settings = await deps.settingsFor(input.networkId);
  const reportId = input.released?.flaggedReportId ?? newId();
  const sourceHash = input.released ? input.released.sourceHash : sourceHashOf(deps.crypto, input.source);
  const encrypt = (value: string | undefined, context: string) =>
    value === undefined ? null : deps.crypto.encrypt(value, context);

  // Issue 4 §8 (modules/tips): a weaponized tip never joins an incident or the dispatch queue.
  const { networkId, channel, category, description, locationText } = input;
  const tip = { reportId, networkId, channel, category, language, description, locationText, sourceHash };
  // The tipster gets a status link like any reporter's, answering as an unattended report would.
  const statusLink = {
    publicId: tipStatusDecoyKey(deps.crypto, reportId),
    occurredAt,
    expiresAt: occurredAt + settings.unverifiedExpiryMs,
  };
  const isScreened = input.released !== undefined;
  if (
    !isScreened &&
    (await divertWeaponizedTip(deps, { ...tip, zip: location.zip ?? undefined, statusLink }))
  ) {
    const unlinked = {
      incidentId: '',
      incidentPublicId: statusLink.publicId,
      incidentStatus: 'new' as const,
    };
    return { reportId, ...unlinked, isNewIncident: false, language, isFlagged: true };
  }

  return inTransaction(deps, async (uow) => {
    // First, so a second coordinator releasing the same tip waits on its row and finds it gone.
    if (input.released) {
      const { principal, flaggedReportId } = input.released;
      await takeReleasedTip(deps, uow, { principal, flaggedReportId });
    }
    const { incident, isNewIncident } = await attachReportToIncident(
      deps,
      uow,
      {
        reportId,
        networkId: input.networkId,
        channel: input.channel,
        category: input.category,
        point: location.point,
        precision: location.precision,
        radiusMeters: location.radiusMeters,
        zip: location.zip,
        occurredAt,
        sourceHash,
      },
      settings,
    );
    await insertReport(uow.trx, {
      id: reportId,
      network_id: input.networkId,
      incident_id: incident.id,
      channel: input.channel,
      category: input.category,
      lat: location.point?.lat ?? null,
      lon: location.point?.lon ?? null,
      location_precision: location.precision,
      location_radius_meters: location.radiusMeters,
      location_point_enc: location.exactPin
        ? deps.crypto.encrypt(
            `${location.exactPin.lat},${location.exactPin.lon}`,
            reportFieldContexts.locationPoint,
          )
        : null,
      location_text_enc: encrypt(input.locationText, reportFieldContexts.locationText),
      zip: location.zip,
      occurred_at: occurredAt,
      description_enc: encrypt(input.description, reportFieldContexts.description),
      callback_contact_enc: encrypt(input.callbackContact, reportFieldContexts.callbackContact),
      contact_consent: hasContact ? 1 : 0,
      source_hash: sourceHash,
      language,
      entered_by: input.enteredBy?.memberId ?? null,
      flagged_reason: null,
      text_purged_at: null,
      contact_purged_at: null,
      created_at: now,
    });
    if (input.released) {
      await recordAudit(deps, uow.trx, {
        networkId: input.networkId,
        actorMemberId: input.released.principal.memberId,
        action: 'report.tipReleased',
        objectType: 'report',
        objectId: reportId,
        metadata: { incidentId: incident.id, isNewIncident },
      });
    }
    if (isNewIncident && deps.onIncidentOpened) {
      await deps.onIncidentOpened(uow, {
        id: incident.id,
        networkId: incident.network_id,
        createdAt: incident.created_at,
      });
    }
    if (input.enteredBy) {
      await recordAudit(deps, uow.trx, {
        networkId: input.networkId,
        actorMemberId: input.enteredBy.memberId,
        action: 'report.entered',
        objectType: 'report',
        objectId: reportId,
        metadata: { incidentId: incident.id, channel: input.channel, isNewIncident },
      });
    }
    return {
      reportId,
      incidentId: incident.id,
      incidentPublicId: incident.public_id,
      incidentStatus: incident.status,
      isNewIncident,
      language,
    };
  });
}

function checkOccurredAt(occurredAt: number | undefined, now: number): number {
  if (occurredAt === undefined) return now;
  if (occurredAt > now + clockSkewMs || occurredAt < now - oldestOccurredAtMs) {
    throw new AppError('VALIDATION_FAILED', 'The time is not valid.', [
      { path: 'occurredAt', message: 'must be within the last 7 days and not in the future' },
    ]);
  }
  return Math.min(occurredAt, now);
}

/**
 * A coordinator of the whole network decided a flagged tip is a real report after all (with
 * step-up): it is stored as a report from its original channel, without the tipster's contact or
 * exact pin (never kept), clusters into an incident and reaches the dispatch queue; the flagged
 * copy is deleted in the same transaction, and the release is audited.
 */
export async function releaseFlaggedTip(
  deps: ReportDeps,
  principal: Principal,
  flaggedReportId: string,
): Promise<SubmittedReport> {
  const { report, sourceHash } = await readTipForRelease(deps, principal, flaggedReportId);
  return submitReport(deps, {
    networkId: principal.networkId,
    networkLanguages: [report.language],
    channel: report.channel as ReportChannel,
    category: report.category as ReportCategory,
    zip: report.zip ?? undefined,
    locationText: report.locationText ?? undefined,
    description: report.description ?? undefined,
    occurredAt: report.createdAt,
    language: report.language,
    source: null,
    released: { principal, flaggedReportId, sourceHash },
  });
}
