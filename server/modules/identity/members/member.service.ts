import { serviceDepsFrom } from '../../../platform/context.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { PlatformContext, ServiceDeps } from '../../../platform/context.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { RoleGrant } from '../auth/index.ts';
import { memberEmailIndexPurpose, memberFieldContexts, normalizeEmail } from './member-contact.ts';
import { findAreaIdsInNetwork } from '../networks/index.ts';
import { insertMember, insertRoleGrants, isEmailIndexTaken } from './member.repository.ts';
import type { MemberStatus } from './member.tables.ts';

export type MemberDeps = ServiceDeps;

export function memberDepsFrom(context: PlatformContext): MemberDeps {
  return serviceDepsFrom(context);
}

export interface NewMemberRecord {
  networkId: string;
  displayName: string;
  email: string;
  /** An Argon2 PHC string, or null for a member who signs in by passkey only. */
  passwordHash: string | null;
  status: MemberStatus;
  roles: readonly RoleGrant[];
  grantedBy: string | null;
}

/**
 * Inserts a member with encrypted contact fields and their role grants, inside the caller's
 * transaction. EMAIL_TAKEN when the normalized email already belongs to any member.
 */
export async function createMemberRecord(
  deps: { crypto: FieldCrypto; clock: Clock },
  trx: Transaction<Database>,
  input: NewMemberRecord,
): Promise<string> {
  const emailIndex = deps.crypto.blindIndex(normalizeEmail(input.email), memberEmailIndexPurpose);
  if (await isEmailIndexTaken(trx, emailIndex)) throw emailTaken();
  const id = newId();
  const now = deps.clock.now();
  try {
    await insertMember(trx, {
      id,
      network_id: input.networkId,
      display_name_enc: deps.crypto.encrypt(input.displayName, memberFieldContexts.displayName),
      email_enc: deps.crypto.encrypt(input.email.trim(), memberFieldContexts.email),
      email_index: emailIndex,
      password_hash: input.passwordHash,
      status: input.status,
      is_exercise_recipient: 0,
      languages: '[]',
      created_at: now,
      vetted_at: input.status === 'active' ? now : null,
      removed_at: null,
    });
  } catch (error) {
    // A concurrent sign-up with the same email lost the race on the unique index.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  await insertRoleGrants(
    trx,
    input.roles.map((grant) => ({
      id: newId(),
      network_id: input.networkId,
      member_id: id,
      role: grant.role,
      area_id: grant.areaId,
      granted_by: input.grantedBy,
      created_at: now,
    })),
  );
  return id;
}

/** Every area a grant names must be an area of this network. */
export async function requireAreasInNetwork(
  db: Kysely<Database>,
  networkId: string,
  grants: readonly RoleGrant[],
): Promise<void> {
  const named = [...new Set(grants.map((grant) => grant.areaId).filter((id): id is string => id !== null))];
  const found = await findAreaIdsInNetwork(db, networkId, named);
  const details = grants.flatMap((grant, index) =>
    grant.areaId !== null && !found.has(grant.areaId)
      ? [{ path: `roles.${index}.areaId`, message: 'No such area in this network.' }]
      : [],
  );
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'The request is not valid.', details);
}

export function decryptDisplayName(crypto: FieldCrypto, envelope: string): string {
  return crypto.decrypt(envelope, memberFieldContexts.displayName);
}

function emailTaken(): AppError {
  return new AppError('EMAIL_TAKEN', 'An account with this email already exists.');
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
