import { z } from 'zod';

/** Caps of one import: a network's landmarks, and the street centerlines of its areas. */
export const placesMaxRows = 2_000;
export const streetsMaxRows = 20_000;
export const placesMaxBytes = 512 * 1024;
export const streetsMaxBytes = 4 * 1024 * 1024;
/** At most this many problem rows are listed back (the counts say how many there are in all). */
export const listedProblemRows = 100;

export const placeKinds = [
  'landmark',
  'workplace',
  'courthouse',
  'school',
  'transit',
  'store',
  'other',
] as const;
export type PlaceKind = (typeof placeKinds)[number];

export const importFormats = ['csv', 'geojson'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Why one row (CSV record or GeoJSON feature) cannot be imported. */
export const placeRowProblems = [
  'NAME_MISSING',
  'NAME_TOO_LONG',
  'KIND_UNKNOWN',
  'POINT_INVALID',
  'RADIUS_INVALID',
  'LINE_INVALID',
  'GEOMETRY_UNSUPPORTED',
  'NAME_DUPLICATE',
] as const;
export type PlaceRowProblem = (typeof placeRowProblems)[number];

/** POST /api/gazetteer/places(/preview) and /api/gazetteer/streets(/preview): a file's text. */
export const placesImportSchema = z.strictObject({
  format: z.enum(importFormats),
  text: z.string().min(1).max(placesMaxBytes),
});
export const streetsImportSchema = z.strictObject({
  format: z.enum(importFormats),
  text: z.string().min(1).max(streetsMaxBytes),
});
export type GazetteerImportInput = z.infer<typeof placesImportSchema>;

/** POST /api/gazetteer/locate: a typed place to find. */
export const locateSchema = z.strictObject({ text: z.string().trim().min(1).max(200) });
export type LocateInput = z.infer<typeof locateSchema>;

export interface ImportProblemRow {
  /** CSV: the record's line counting the header as 1; GeoJSON: the feature's number from 1. */
  line: number;
  name: string;
  problems: PlaceRowProblem[];
}

/** The check of a file: counts, and the first rows with problems. Nothing is stored. */
export interface GazetteerImportPreview {
  validCount: number;
  invalidCount: number;
  problemRows: ImportProblemRow[];
}

export interface GazetteerImported {
  /** The rows now in the list (the file replaced the previous list as a whole). */
  imported: number;
}

export interface PlaceView {
  id: string;
  name: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
  radiusMeters: number;
}

/** GET /api/gazetteer. */
export interface GazetteerView {
  places: PlaceView[];
  streetCount: number;
  /** Distinct street names in the list. */
  streetNameCount: number;
}

/** What a typed place resolves to, with how sure the point is. */
export interface LocatedPlaceView {
  kind: 'place' | 'intersection' | 'street';
  label: string;
  lat: number;
  lon: number;
  radiusMeters: number;
}

export interface LocateAnswer {
  found: LocatedPlaceView | null;
}
