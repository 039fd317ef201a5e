/** Pure geometry for areas: GeoJSON checks, containment, distances, circles and US ZIP centroids. */
export {
  isPointInArea,
  isPointInGeometry,
  shapeArea,
  zipAreaReachMeters,
  zipMarkerRadiusMeters,
} from './area-shape.ts';
export type { AreaDefinition, AreaShape } from './area-shape.ts';
export {
  boundingBoxAround,
  boundingBoxOfGeometry,
  isPointInBoundingBox,
  mergeBoundingBoxes,
} from './bounding-box.ts';
export type { BoundingBox } from './bounding-box.ts';
export { circlePolygon, circleSteps } from './circle.ts';
export { distanceMeters, earthRadiusMeters, isValidLatLon } from './distance.ts';
export type { LatLon } from './distance.ts';
export { GeoJsonValidationError, maxAreaVertices, validateAreaGeometry } from './geojson.ts';
export type {
  AreaGeometry,
  GeoJsonIssue,
  LinearRing,
  MultiPolygonGeometry,
  PolygonGeometry,
  Position,
} from './geojson.ts';
export { isZipFormat, lookupZip, zipForPoint, zipRadiusMeters } from './zip-index.ts';
export type { NearestZip, ZipCentroid } from './zip-index.ts';
