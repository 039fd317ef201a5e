import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import type { MemberStatus } from '../members/index.ts';
import type { RoleGrant } from './principal.ts';

/** Who a member is for authorization: loaded fresh on every request. */
export interface PrincipalGrants {
  networkId: string;
  status: MemberStatus;
  roles: RoleGrant[];
}

/**
 * What auth reads and writes of member accounts. Members implements it
 * (members/member-accounts.repository.ts) and the composition root hands it in as
 * `context.ports.memberAccounts`, so auth names no members table and never imports members' code.
 */
export interface MemberAccounts {
  /** Status and role grants, or undefined for no such member (a removed role stops at once). */
  loadPrincipalGrants(db: Kysely<Database>, memberId: string): Promise<PrincipalGrants | undefined>;
  /** What password sign-in needs of the member behind an email blind index, and nothing else. */
  findForSignIn(
    db: Kysely<Database>,
    emailIndex: string,
  ): Promise<
    { id: string; networkId: string; status: MemberStatus; passwordHash: string | null } | undefined
  >;
  /** The encrypted email and display name (shown by the member's own passkey authenticator). */
  findContact(db: Kysely<Database>, memberId: string): Promise<{ emailEnc: string; displayNameEnc: string }>;
  /** Replaces the password hash (a rehash with newer parameters at sign-in). */
  setPasswordHash(db: Kysely<Database>, memberId: string, passwordHash: string): Promise<void>;
}

declare module '../../../platform/context.ts' {
  interface ModulePorts {
    memberAccounts: MemberAccounts;
  }
}
