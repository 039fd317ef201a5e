import type { PurgeTask } from '../../../platform/retention/index.ts';
import { sumOverNetworks } from '../../identity/index.ts';
import { purgeReportText, purgeReporterContacts } from '../reports/index.ts';
import { deleteDueFlaggedReports, deleteExpiredTipStatusDecoys } from '../tips/index.ts';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
/** A reporter's contact is never kept longer than this, even while the incident stays open. */
export const reporterContactMaximumAgeMs = 7 * dayMs;
/**
 * A weaponized tip's status stand-in reads "expired" once it expires, as an unattended report's
 * link would; it is deleted this long after (issue 15 §2), with the report text of real ones.
 */
export const tipStatusDecoyMaximumAgeAfterExpiryMs = 30 * dayMs;

/**
 * Intake's retention (issue 4 §9), shortest first: weaponized tips after 24 hours, a reporter's
 * contact when the incident closes (plus the network's grace hours; at most seven days), raw
 * report text after the network's `reportTextRetentionDays` (default 30). The SMS hotline's own
 * copies (conversations, thread phones and text) are channels' tasks, listed after these in
 * server/retention.ts.
 */
export const intakePurgeTasks: readonly PurgeTask[] = [
  {
    name: 'flagged reports (weaponized tips) older than 24 hours',
    tables: ['flagged_reports'],
    run: (deps) => deleteDueFlaggedReports(deps.db, deps.clock.now()),
  },
  {
    name: "weaponized tips' status stand-ins 30 days after they expired",
    tables: ['tip_status_decoys'],
    run: (deps) =>
      deleteExpiredTipStatusDecoys(deps.db, deps.clock.now() - tipStatusDecoyMaximumAgeAfterExpiryMs),
  },
  {
    name: 'reporter contacts of closed incidents (or older than 7 days)',
    tables: ['reports'],
    run: (deps) =>
      sumOverNetworks(deps.db, (networkId, settings) => {
        const now = deps.clock.now();
        return purgeReporterContacts(deps.db, {
          networkId,
          now,
          closedBefore: now - settings.reporterContactRetentionHoursAfterClose * hourMs,
          createdBefore: now - reporterContactMaximumAgeMs,
        });
      }),
  },
  {
    name: 'report text older than the network retention (default 30 days)',
    tables: ['reports'],
    run: (deps) =>
      sumOverNetworks(deps.db, (networkId, settings) => {
        const now = deps.clock.now();
        return purgeReportText(deps.db, {
          networkId,
          createdBefore: now - settings.reportTextRetentionDays * dayMs,
          now,
        });
      }),
  },
];
