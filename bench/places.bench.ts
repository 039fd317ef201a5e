import {
  addToEstimate,
  chooseIncident,
  isPlacedLocation,
} from '../server/modules/intake/incidents/clustering.ts';
import type { Point } from '../server/modules/intake/incidents/clustering.ts';
import type { LocationPrecision } from '../server/modules/intake/incidents/index.ts';
import { locateText, streetKey } from '../server/modules/intake/places/index.ts';
import type { StreetLine } from '../server/modules/intake/places/index.ts';
import { distanceMeters, lookupZip } from '../server/platform/geo/index.ts';
import { scoreClustering } from '../test/fixtures/clustering-surge.ts';
import { pilsenStreetsGeoJson, typedLocationSet } from '../test/fixtures/pilsen-gazetteer.ts';
import type { BenchRow } from './results.ts';

/**
 * Issue 25 on labelled sets, in memory: how many typed intersections (English, Spanish, misspelled)
 * the street list places within 50 m of the truth, and clustering precision / recall on a surge of
 * text-only reports of simultaneous events in one ZIP, beside the rules before issue 25 (every
 * text-only report on its ZIP's centroid, clustered by distance).
 */
export function benchPlaces(): BenchRow[] {
  const streets = streetsOfFixture();
  const set = typedLocationSet();
  const zipCentroid = lookupZip('60608')!;
  const errors = set.map((item) => {
    const found = locateText(item.text, [], streets);
    return found ? distanceMeters(found.point, item.truth) : Infinity;
  });
  const within = errors.filter((error) => error <= 50).length;
  const centroidErrors = set.map((item) => distanceMeters(zipCentroid, item.truth)).sort((a, b) => a - b);
  const median = centroidErrors[Math.floor(centroidErrors.length / 2)]!;

  // Five simultaneous events at crossings of one ZIP 800 m or more apart, five typed reports each.
  const events = [0, 5, 14, 30, 35].map((index) => set.slice(index * 5, index * 5 + 5));
  const reports = events.flatMap((texts, eventIndex) =>
    texts.map((item, index) => ({
      item,
      eventId: `event-${eventIndex}`,
      occurredAt: index * 3 * 60_000 + eventIndex * 1000,
    })),
  );
  reports.sort((a, b) => a.occurredAt - b.occurredAt);
  const truth = reports.map((report) => report.eventId);
  const withLists = clusterWith(reports, (text) => {
    const found = locateText(text, [], streets);
    return found
      ? { point: found.point, precision: 'place' as const, radiusMeters: found.radiusMeters }
      : { point: zipCentroid, precision: 'zip' as const, radiusMeters: 2_000 };
  });
  const before = clusterWith(reports, () => ({
    point: zipCentroid,
    precision: 'pin' as const,
    radiusMeters: 50,
  }));
  const now = scoreClustering(truth, withLists);
  const old = scoreClustering(truth, before);
  const base = { section: 'places', database: 'in memory' };
  return [
    {
      ...base,
      figure: 'typed intersections placed within 50 m',
      value: `${within} / ${set.length}`,
      baseline: `0 / ${set.length} before (ZIP centroid, median ${Math.round(median)} m off)`,
      ratio: `${((within / set.length) * 100).toFixed(1)}%`,
      note: 'English and Spanish, 2 of 5 phrasings misspelled; street list of the Pilsen fixture',
    },
    {
      ...base,
      figure: 'text-only surge precision / recall',
      value: `${now.pairwisePrecision.toFixed(3)} / ${now.pairwiseRecall.toFixed(3)}`,
      baseline: `${old.pairwisePrecision.toFixed(3)} / ${old.pairwiseRecall.toFixed(3)} before`,
      ratio: `${now.predictedClusters} incidents for ${now.trueClusters} events (before: ${old.predictedClusters})`,
      note: '5 simultaneous events in ZIP 60608 (0.8-2 km apart), 5 typed reports each, within an hour',
    },
  ];
}

function streetsOfFixture(): StreetLine[] {
  const collection = JSON.parse(pilsenStreetsGeoJson) as {
    features: { properties: { name: string }; geometry: { coordinates: [number, number][] } }[];
  };
  return collection.features.map((feature) => ({
    name: feature.properties.name,
    key: streetKey(feature.properties.name),
    positions: feature.geometry.coordinates,
  }));
}

interface Located {
  point: Point;
  precision: LocationPrecision;
  radiusMeters: number;
}

/** Intake's rules in memory: chooseIncident over placed incidents, a running mean per incident. */
function clusterWith(
  reports: readonly { item: { text: string }; occurredAt: number }[],
  locate: (text: string) => Located,
): string[] {
  const incidents: {
    id: string;
    estimate: ReturnType<typeof addToEstimate>;
    radius: number;
    firstReportAt: number;
    latestReportAt: number;
  }[] = [];
  return reports.map((report) => {
    const located = locate(report.item.text);
    const isPlaced = isPlacedLocation(located.precision, located.radiusMeters);
    const chosen = chooseIncident(
      { point: located.point, occurredAt: report.occurredAt, isPlaced },
      incidents.map((incident) => ({
        id: incident.id,
        lat: incident.estimate.lat,
        lon: incident.estimate.lon,
        firstReportAt: incident.firstReportAt,
        latestReportAt: incident.latestReportAt,
        isPlaced: isPlacedLocation(incident.estimate.precision, incident.radius),
      })),
      { distanceMeters: 500, windowMs: 60 * 60_000 },
    );
    const incident = chosen ? incidents.find((candidate) => candidate.id === chosen.id) : undefined;
    if (incident) {
      incident.estimate = addToEstimate(incident.estimate, located.point, located.precision);
      incident.latestReportAt = Math.max(incident.latestReportAt, report.occurredAt);
      return incident.id;
    }
    const id = `incident-${incidents.length}`;
    incidents.push({
      id,
      estimate: addToEstimate(
        { lat: null, lon: null, precision: 'none', count: 0 },
        located.point,
        located.precision,
      ),
      radius: located.radiusMeters,
      firstReportAt: report.occurredAt,
      latestReportAt: report.occurredAt,
    });
    return id;
  });
}
