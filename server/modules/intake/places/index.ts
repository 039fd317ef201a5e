/**
 * Places: the network's own gazetteer of named places and its street list, and how a typed place
 * ("18th & Blue Island", "esquina de la 18 con Paulina", "the courthouse") is found in them, with
 * an uncertainty radius (docs/adr/0036-where-is-it.md).
 */
export { registerPlaceRoutes } from './place.routes.ts';
export { locateInGazetteer, loadGazetteer } from './place-lookup.ts';
export { locateText } from './place-locator.ts';
export type { GazetteerPlace, LocatedPlace, StreetLine } from './place-locator.ts';
export { foldText, parseIntersection, placeKey, streetKey } from './place-text.ts';
