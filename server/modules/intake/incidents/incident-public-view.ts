import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { lookupZip } from '../../../platform/geo/index.ts';
import { findAreasContainingPoint } from '../../identity/index.ts';
import type { IncidentRow } from './incident.repository.ts';

/*
 * What the public pages (rumor board, an incident's status page) may say about an incident
 * (issue 15 §5): nothing while a coordinator withholds it, nothing about a confirmed one before the
 * network's publication delay, and for a `home` incident never a ZIP and an exact time together:
 * the name of the network's area and the hour, so no page can point at a family.
 */

const minuteMs = 60 * 1000;
export const publicHourMs = 60 * minuteMs;

/** Where a public page says an incident is. */
export type PublicPlace =
  { kind: 'zip'; zip: string } | { kind: 'areas'; names: string[] } | { kind: 'none' };

type PlaceFacts = { category: string; zip: string | null; lat?: number | null; lon?: number | null };

export function isHomeIncident(incident: { category: string }): boolean {
  return incident.category === 'home';
}

/**
 * A `home` incident is placed by the names of the network's areas containing it (its point, else
 * its ZIP's centroid), never by its ZIP; others by their ZIP code at most.
 */
export async function publicPlaceOf(
  db: Kysely<Database>,
  networkId: string,
  incident: PlaceFacts,
): Promise<PublicPlace> {
  if (!isHomeIncident(incident)) return incident.zip ? { kind: 'zip', zip: incident.zip } : { kind: 'none' };
  const point =
    incident.lat !== undefined && incident.lat !== null && incident.lon !== undefined && incident.lon !== null
      ? { lat: incident.lat, lon: incident.lon }
      : incident.zip
        ? lookupZip(incident.zip)
        : null;
  if (!point) return { kind: 'none' };
  const areas = await findAreasContainingPoint(db, networkId, point.lat, point.lon);
  const names = [...new Set(areas.map((area) => area.name))].sort();
  return names.length > 0 ? { kind: 'areas', names } : { kind: 'none' };
}

/** A time as a public page shows it: to the hour for a `home` incident, else to `stepMs`. */
export function publicTimeOf(incident: { category: string }, at: number, stepMs: number): number {
  const step = isHomeIncident(incident) ? Math.max(publicHourMs, stepMs) : stepMs;
  return Math.floor(at / step) * step;
}

/** Whether the incident counts as confirmed for the publication delay (open or closed). */
function isConfirmed(incident: Pick<IncidentRow, 'status' | 'outcome'>): boolean {
  return incident.status === 'confirmed' || incident.outcome === 'confirmed';
}

/** Confirmed incidents first reported after this time are not public yet (the network's delay). */
export function confirmedPublishedBefore(now: number, publicationDelayMinutes: number): number {
  return now - publicationDelayMinutes * minuteMs;
}

/** Whether a public page may show the incident at all at `now`. */
export function isShownInPublic(
  incident: Pick<IncidentRow, 'status' | 'outcome' | 'first_report_at' | 'public_withheld_at'>,
  now: number,
  publicationDelayMinutes: number,
): boolean {
  if (incident.public_withheld_at !== null) return false;
  return (
    !isConfirmed(incident) ||
    incident.first_report_at <= confirmedPublishedBefore(now, publicationDelayMinutes)
  );
}
