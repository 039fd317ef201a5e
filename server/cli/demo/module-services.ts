/**
 * Services the demo seeder drives that their modules do not (yet) export from index.ts. They are
 * imported here, in one place, so that when a module exports them this file is the only change.
 */
export { createAuthDeps } from '../../modules/auth/auth.deps.ts';
export type { AuthDeps } from '../../modules/auth/auth.deps.ts';
export { signOut } from '../../modules/auth/session-management.service.ts';
export { resolvePrincipal } from '../../modules/auth/session.service.ts';
export { confirmTotp, enrollTotp } from '../../modules/auth/totp.service.ts';
export { totpCodeAt } from '../../modules/auth/totp.ts';
export { vetMember } from '../../modules/members/vetting.service.ts';
export { createArea } from '../../modules/networks/area.service.ts';
export type { AreaInput } from '../../modules/networks/area.schemas.ts';
export { responderDepsFrom } from '../../modules/responders/index.ts';
export { setOwnAvailability, shareOwnLocation } from '../../modules/responders/responder.service.ts';
