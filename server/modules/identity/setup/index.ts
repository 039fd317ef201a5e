export { registerSetupRoutes } from './setup.routes.ts';
export { createFirstNetwork, hasAnyNetwork, issueSetupTokenIfNeeded } from './setup.service.ts';
export type { FirstNetwork } from './setup.service.ts';
export { firstNetworkSchema } from './setup.contract.ts';
export type { FirstNetworkInput } from './setup.contract.ts';
