import { AppError } from '../../../platform/errors/app-error.ts';
import type { IncidentOutcome, IncidentStatus, ReportCategory } from './incident.tables.ts';

/**
 * new → verifying → confirmed | unconfirmed | false_alarm → closed. Nothing leaves closed; a
 * closed incident is never reopened (a new report opens a new incident instead).
 */
const allowedTransitions: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['verifying'],
  verifying: ['confirmed', 'unconfirmed', 'false_alarm'],
  confirmed: ['closed'],
  unconfirmed: ['closed'],
  false_alarm: ['closed'],
  closed: [],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** INCIDENT_CLOSED for any change to a closed incident, INCIDENT_TRANSITION_INVALID otherwise. */
export function requireTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (from === 'closed') throw new AppError('INCIDENT_CLOSED', 'This incident is closed.');
  if (!canTransition(from, to)) {
    throw new AppError('INCIDENT_TRANSITION_INVALID', `An incident cannot go from ${from} to ${to}.`, [
      { path: 'status', message: `allowed from ${from}: ${allowedTransitions[from].join(', ') || 'none'}` },
    ]);
  }
}

export function isUnverified(status: IncidentStatus): boolean {
  return status === 'new' || status === 'verifying';
}

export function outcomeOf(status: IncidentStatus): IncidentOutcome | null {
  return status === 'confirmed' || status === 'unconfirmed' || status === 'false_alarm' ? status : null;
}

/** Categories where people are taken from a private or closed place rank above public ones. */
const categoryWeight: Record<ReportCategory, number> = {
  home: 4,
  workplace: 4,
  transport: 3,
  checkpoint: 3,
  street_stop: 2,
  courthouse: 2,
  other: 1,
};

/**
 * Queue priority (higher first): the category's weight, then how many distinct people reported
 * it (capped so a flood of one event cannot bury every other incident).
 */
export function priorityOf(category: ReportCategory, sourceCount: number): number {
  return categoryWeight[category] * 100 + Math.min(sourceCount, 20);
}
