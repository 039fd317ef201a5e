import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { registerNetworkApiRoutes } from './network.routes.ts';

/** Networks (name, zone, languages, settings) and their areas. */
export { findAreasContainingPoint } from './area-containment.service.ts';
export type { ContainingArea } from './area-containment.service.ts';
export { maxCircleRadiusMeters, maxZipsPerArea } from './area.contract.ts';
export type { Area, NetworkDeps } from './area.service.ts';
export {
  createNetwork,
  findNetworkById,
  findNetworkBySlug,
  getNetworkSettings,
  sumOverNetworks,
} from './network.service.ts';
export type { CreateNetworkOptions, Network } from './network.service.ts';
export {
  createNetworkSchema,
  isSupportedTimeZone,
  networkLanguagesSchema,
  networkNameSchema,
  networkSlugSchema,
  timeZoneSchema,
} from './network.contract.ts';
export { refuseUnofferedLanguages, supportedLanguages } from './network-languages.ts';
export type { CreateNetworkInput, SupportedLanguage } from './network.contract.ts';
export { defaultNetworkSettings } from './network-settings.ts';
export type { NetworkSettings } from './network-settings.ts';
export type { AreasTable, HotlineNumbersTable, NetworksTable } from './network.tables.ts';
export { listHotlineNumbers } from './hotline-number.repository.ts';
export { selectAreaNamesOfNetwork } from './area.repository.ts';
// Narrow reads for other modules: they never name the networks or areas tables themselves.
export {
  findAreaBoxes,
  findAreaIdsInNetwork,
  findNetworkName,
  hasAnyNetwork,
  listAreaNames,
  listNetworkIds,
  listNetworkSettingsRows,
  lockNetworkRow,
  networkNames,
} from './network-reads.repository.ts';

/** GET/PATCH /api/network and the /api/areas resource. */
export function registerNetworkRoutes(app: FastifyInstance, context: PlatformContext): void {
  registerNetworkApiRoutes(app, context);
}
