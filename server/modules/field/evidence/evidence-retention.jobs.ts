import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteEvidenceExportsRequestedBefore } from './evidence-export.repository.ts';

/**
 * How long an export request stays: it can be downloaded within a day of its request at most
 * (evidence-export.service.ts), so after seven days the row only says who wanted an incident's
 * evidence. The audit log keeps that the export happened.
 */
export const evidenceExportRetentionMs = 7 * 24 * 60 * 60 * 1000;

/** Field's retention (issue 15): evidence export requests after 7 days. */
export const fieldPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'evidence export requests older than 7 days',
    tables: ['evidence_exports'],
    run: (deps) =>
      deleteEvidenceExportsRequestedBefore(deps.db, deps.clock.now() - evidenceExportRetentionMs),
  },
];
