/**
 * Services the demo seeder drives that their modules do not (yet) export from index.ts. They are
 * imported here, in one place, so that when a module exports them this file is the only change.
 */
export { createAuthDeps } from '../../modules/identity/auth/auth.deps.ts';
export type { AuthDeps } from '../../modules/identity/auth/auth.deps.ts';
export { signOut } from '../../modules/identity/auth/session-management.service.ts';
export { resolvePrincipal } from '../../modules/identity/auth/session.service.ts';
export { confirmTotp, enrollTotp } from '../../modules/identity/auth/totp.service.ts';
export { totpCodeAt } from '../../modules/identity/auth/totp.ts';
export { vetMember } from '../../modules/identity/members/vetting.service.ts';
export { createArea } from '../../modules/identity/networks/area.service.ts';
export type { AreaInput } from '../../modules/identity/networks/area.contract.ts';
export { responderDepsFrom } from '../../modules/field/responders/index.ts';
export { setOwnAvailability, shareOwnLocation } from '../../modules/field/responders/responder.service.ts';
