import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { boundingBoxAround, distanceMeters } from '../../../platform/geo/index.ts';
import type { LatLon } from '../../../platform/geo/index.ts';
import { estimatedMinutesFor, onCallSourceAt, parseLanguages, parseWindows } from '../responders/index.ts';
import type { OnCallSource } from '../responders/index.ts';
import { selectLocatedCandidates, selectUnlocatedCandidates } from './nearest.repository.ts';
import type { CandidateFilter, CandidateRow } from './nearest.repository.ts';

export interface NearestResponderQuery extends CandidateFilter {
  /** The incident's coarse point. */
  point: LatLon;
  /** The network's IANA time zone, for recurring on-call windows. */
  timeZone: string;
  /** Preferred language (BCP 47); speakers rank first. */
  language?: string;
  limit: number;
  /** Responders without a current location are listed after located ones, up to the limit. */
  includeUnlocated?: boolean;
}

export interface NearestResponder {
  memberId: string;
  languages: string[];
  isLanguageMatch: boolean;
  onCallSource: OnCallSource;
  /** Null when the responder shares no current location. */
  distanceMeters: number | null;
  /** Minutes as the crow flies at urban driving speed; null without a location. */
  etaMinutes: number | null;
}

/** Search radii, smallest first: most dispatches are answered within the first ring. */
export const searchRadiiMeters = [2_000, 5_000, 10_000, 25_000, 50_000, 100_000] as const;
/** Rows read per ring: enough for any sane density after on-call and language filters. */
const rowsPerRing = 1_000;

/**
 * The nearest available responders for a point: vetted, covering the incident's areas, on call now
 * (toggle or a window in the network's zone), holding no live offer; speakers of `language`
 * first, then by distance. Searches growing bounding boxes in SQL (index on network, lat, lon), and
 * accepts a ring's results only within its radius, so the order is exact, not box-shaped. Exported
 * for the benchmark (100,000 responders) as well as suggestions and escalation.
 */
export async function findNearestAvailableResponders(
  db: Kysely<Database>,
  query: NearestResponderQuery,
): Promise<NearestResponder[]> {
  // Speakers first: a separate search filtered by language in SQL, so a dense crowd of others
  // nearby cannot push them out of a ring's row budget. Then everyone, to fill the list.
  const speakers = query.language ? await searchRings(db, query, query.language) : [];
  let ranked = speakers;
  if (ranked.length < query.limit) ranked = mergeRanked(ranked, await searchRings(db, query, undefined));
  ranked = ranked.slice(0, query.limit);
  if (ranked.length >= query.limit || query.includeUnlocated === false) return ranked;
  const unlocated = await selectUnlocatedCandidates(db, { ...query, limit: rowsPerRing });
  const extra = unlocated.flatMap((row) => {
    const candidate = toCandidate(row, query);
    return candidate ? [candidate] : [];
  });
  return mergeRanked(ranked, extra).slice(0, query.limit);
}

async function searchRings(
  db: Kysely<Database>,
  query: NearestResponderQuery,
  language: string | undefined,
): Promise<NearestResponder[]> {
  const found = new Map<string, NearestResponder>();
  for (const radius of searchRadiiMeters) {
    const rows = await selectLocatedCandidates(db, {
      ...query,
      box: boundingBoxAround(query.point, radius),
      center: query.point,
      language,
      limit: rowsPerRing,
    });
    // With a full page, nothing beyond its farthest row is known yet.
    const last = rows.at(-1);
    const reach =
      rows.length === rowsPerRing && last?.location_lat != null && last.location_lon != null
        ? Math.min(radius, distanceMeters(query.point, { lat: last.location_lat, lon: last.location_lon }))
        : radius;
    for (const row of rows) {
      if (found.has(row.member_id)) continue;
      const candidate = toCandidate(row, query);
      if (candidate && candidate.distanceMeters !== null && candidate.distanceMeters <= reach) {
        found.set(row.member_id, candidate);
      }
    }
    if (found.size >= query.limit) break;
  }
  return rank([...found.values()]);
}

function mergeRanked(first: NearestResponder[], second: NearestResponder[]): NearestResponder[] {
  const seen = new Set(first.map((candidate) => candidate.memberId));
  return rank([...first, ...second.filter((candidate) => !seen.has(candidate.memberId))]);
}

function toCandidate(row: CandidateRow, query: NearestResponderQuery): NearestResponder | null {
  const windows = parseWindows(row.on_call_windows);
  const onCallSource = onCallSourceAt({ isOnCall: row.is_on_call === 1, windows }, query.timeZone, query.now);
  if (!onCallSource) return null;
  const languages = parseLanguages(row.languages);
  const distance =
    row.location_lat === null || row.location_lon === null
      ? null
      : Math.round(distanceMeters(query.point, { lat: row.location_lat, lon: row.location_lon }));
  return {
    memberId: row.member_id,
    languages,
    isLanguageMatch: query.language ? speaks(languages, query.language) : true,
    onCallSource,
    distanceMeters: distance,
    etaMinutes: distance === null ? null : estimatedMinutesFor(distance),
  };
}

/** `es` matches `es-MX` and the other way round: a dialect is not a reason to skip someone. */
export function speaks(languages: readonly string[], wanted: string): boolean {
  const base = (tag: string) => tag.toLowerCase().split('-')[0];
  return languages.some((language) => base(language) === base(wanted));
}

/** Language match first, then located before unlocated, then distance, then id (stable). */
function rank(candidates: NearestResponder[]): NearestResponder[] {
  return [...candidates].sort(
    (a, b) =>
      Number(b.isLanguageMatch) - Number(a.isLanguageMatch) ||
      (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity) ||
      a.memberId.localeCompare(b.memberId),
  );
}
