import { bbox } from '@turf/bbox';
import { circle } from '@turf/circle';
import { Secret } from 'otpauth';
import { SoftwareAuthenticator } from '../auth/software-authenticator.ts';
import { csrfTokenFor, startSession } from '../../server/modules/identity/auth/session.service.ts';
import {
  memberEmailIndexPurpose,
  memberFieldContexts,
  normalizeEmail,
} from '../../server/modules/identity/members/member-contact.ts';
import { hashInvitationToken } from '../../server/modules/identity/members/index.ts';
import type { MemberStatus, Role } from '../../server/modules/identity/members/member.tables.ts';
import { hashPassword } from '../../server/modules/identity/auth/password.ts';
import { createNetwork } from '../../server/modules/identity/networks/index.ts';
import type {
  AreasTable,
  CreateNetworkInput,
  NetworksTable,
} from '../../server/modules/identity/networks/index.ts';
import type { PlatformContext } from '../../server/platform/context.ts';
import { newId, newSecretToken } from '../../server/platform/ids/ids.ts';

/**
 * Factories that write real rows the way the services do (encrypted fields, blind indexes, real
 * sessions), so a test sees what production sees. Each call makes fresh, unique data: tests never
 * share a network.
 *
 * `context` is a TestApp's context (or any PlatformContext-like object with database, crypto and
 * clock).
 */
export type FactoryContext = Pick<PlatformContext, 'database' | 'crypto' | 'clock'>;

export const defaultTestPassword = 'correct horse battery staple 42';

function uniqueSuffix(): string {
  return newId().replace(/-/g, '').slice(-12);
}

/**
 * A network made by the networks module's createNetwork (so `network.created` is audited, as in
 * production). `settings` is written as given, over the defaults.
 */
export async function buildNetwork(
  context: FactoryContext,
  overrides: {
    name?: string;
    slug?: string;
    timezone?: string;
    languages?: string[];
    settings?: Record<string, unknown>;
  } = {},
): Promise<NetworksTable> {
  const suffix = uniqueSuffix();
  const deps = { clock: context.clock, dialect: context.database.dialect };
  return context.database.db.transaction().execute(async (trx) => {
    const network = await createNetwork(deps, trx, {
      name: overrides.name ?? `Test network ${suffix}`,
      slug: overrides.slug ?? `net-${suffix}`,
      timezone: overrides.timezone ?? 'America/Chicago',
      languages: (overrides.languages ?? ['en', 'es']) as CreateNetworkInput['languages'],
    });
    if (overrides.settings) {
      await trx
        .updateTable('networks')
        .set({ settings: JSON.stringify(overrides.settings) })
        .where('id', '=', network.id)
        .execute();
      const numbers = overrides.settings.hotlineNumbers;
      // As PATCH /api/network does: a hotline number belongs to one network (hotline_numbers).
      if (Array.isArray(numbers) && numbers.length > 0) {
        await trx
          .insertInto('hotline_numbers')
          .values(
            (numbers as string[]).map((number) => ({
              number,
              network_id: network.id,
              created_at: network.createdAt,
            })),
          )
          .execute();
      }
    }
    return trx.selectFrom('networks').selectAll().where('id', '=', network.id).executeTakeFirstOrThrow();
  });
}

export interface AreaOverrides {
  id?: string;
  name?: string;
  /** Centre of the circle, default in Chicago's Pilsen neighbourhood. */
  center?: { lat: number; lon: number };
  radiusMeters?: number;
}

/** A circular area (stored as a 64-point polygon with its bounding box). */
export async function buildArea(
  context: FactoryContext,
  networkId: string,
  overrides: AreaOverrides = {},
): Promise<AreasTable> {
  const center = overrides.center ?? { lat: 41.8564, lon: -87.6604 };
  const radiusMeters = overrides.radiusMeters ?? 2000;
  const polygon = circle([center.lon, center.lat], radiusMeters / 1000, { steps: 64, units: 'kilometers' });
  const [minLon, minLat, maxLon, maxLat] = bbox(polygon);
  const now = context.clock.now();
  const row: AreasTable = {
    id: overrides.id ?? newId(),
    network_id: networkId,
    name: overrides.name ?? `Area ${uniqueSuffix()}`,
    kind: 'circle',
    definition: JSON.stringify({ center, radiusMeters }),
    geometry: JSON.stringify(polygon.geometry),
    min_lat: minLat,
    min_lon: minLon,
    max_lat: maxLat,
    max_lon: maxLon,
    created_at: now,
    updated_at: now,
  };
  await context.database.db.insertInto('areas').values(row).execute();
  return row;
}

export interface MemberOptions {
  networkId: string;
  roles?: { role: Role; areaId?: string | null }[];
  status?: MemberStatus;
  displayName?: string;
  email?: string;
  /** Stored as a real password hash; null leaves the member without a password. */
  password?: string | null;
  /**
   * Adds a confirmed TOTP credential (the member then "has a second factor"). Defaults to true for a
   * member with any role: such members enrol a factor at first sign-in before any work API opens
   * (ADR 0019), so every test that signs one in gets a factor here, in one place. Pass false to
   * test the enrolment-required path.
   */
  withTotp?: boolean;
  /**
   * Registers a real ES256 passkey (a SoftwareAuthenticator, returned as `passkey`). Defaults to
   * true for an admin or coordinator built with TOTP: they approve and administer with a passkey
   * (ADR 0026), so a test can step up with it over HTTP or hand it to Chromium's virtual
   * authenticator.
   */
  withPasskey?: boolean;
  isExerciseRecipient?: boolean;
  languages?: string[];
}

export interface BuiltMember {
  id: string;
  networkId: string;
  displayName: string;
  email: string;
  password: string | null;
  status: MemberStatus;
  roles: { role: Role; areaId: string | null }[];
  /** Base32 TOTP secret when built withTotp: `new TOTP({ secret: Secret.fromBase32(s) }).generate()`. */
  totpSecret: string | null;
  /** The member's registered passkey when built withPasskey (origin http://localhost:8080). */
  passkey: SoftwareAuthenticator | null;
}

export async function buildMember(context: FactoryContext, options: MemberOptions): Promise<BuiltMember> {
  const suffix = uniqueSuffix();
  const displayName = options.displayName ?? `Member ${suffix}`;
  const email = options.email ?? `member-${suffix}@example.test`;
  const password = options.password === undefined ? defaultTestPassword : options.password;
  const status = options.status ?? 'active';
  const roles = (options.roles ?? []).map((grant) => ({ role: grant.role, areaId: grant.areaId ?? null }));
  const now = context.clock.now();
  const id = newId();
  const { crypto } = context;
  const withTotp = options.withTotp ?? roles.length > 0;
  const totpSecret = withTotp ? new Secret({ size: 20 }).base32 : null;
  // A member built without TOTP is an unenrolled one (or one enrolling a passkey itself).
  const withPasskey =
    options.withPasskey ??
    (withTotp && roles.some((grant) => grant.role === 'admin' || grant.role === 'coordinator'));
  const passkey = withPasskey ? new SoftwareAuthenticator() : null;
  const passwordHash = password === null ? null : await hashPassword(password);

  await context.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('members')
      .values({
        id,
        network_id: options.networkId,
        display_name_enc: crypto.encrypt(displayName, memberFieldContexts.displayName),
        email_enc: crypto.encrypt(email, memberFieldContexts.email),
        email_index: crypto.blindIndex(normalizeEmail(email), memberEmailIndexPurpose),
        password_hash: passwordHash,
        status,
        is_exercise_recipient: options.isExerciseRecipient ? 1 : 0,
        languages: JSON.stringify(options.languages ?? ['en']),
        created_at: now,
        vetted_at: status === 'active' ? now : null,
        removed_at: status === 'removed' ? now : null,
      })
      .execute();
    for (const grant of roles) {
      await trx
        .insertInto('member_roles')
        .values({
          id: newId(),
          network_id: options.networkId,
          member_id: id,
          role: grant.role,
          area_id: grant.areaId,
          granted_by: null,
          created_at: now,
        })
        .execute();
    }
    if (totpSecret) {
      await trx
        .insertInto('totp_credentials')
        .values({
          member_id: id,
          secret_enc: crypto.encrypt(totpSecret, 'totp_credentials.secret'),
          last_used_step: null,
          confirmed_at: now,
          created_at: now,
        })
        .execute();
    }
    if (passkey) {
      await trx
        .insertInto('webauthn_credentials')
        .values({
          id: passkey.credentialId,
          member_id: id,
          public_key: Buffer.from(passkey.coseKey()).toString('base64url'),
          counter: 0,
          transports: '["internal"]',
          created_at: now,
          last_used_at: null,
        })
        .execute();
    }
  });
  return {
    id,
    networkId: options.networkId,
    displayName,
    email,
    password,
    status,
    roles,
    totpSecret,
    passkey,
  };
}

export interface BuiltInvitation {
  id: string;
  /** The secret from the link (`/join/<token>`); the row holds only its hash. */
  token: string;
  expiresAt: number;
}

/** A pending invitation, as if `createdBy` had invited someone (default: one responder grant). */
export async function buildInvitation(
  context: FactoryContext,
  options: {
    networkId: string;
    createdBy: string;
    roles?: { role: Role; areaId?: string | null }[];
    expiresInHours?: number;
  },
): Promise<BuiltInvitation> {
  const token = newSecretToken(32);
  const now = context.clock.now();
  const id = newId();
  const expiresAt = now + (options.expiresInHours ?? 168) * 60 * 60 * 1000;
  const roles = (options.roles ?? [{ role: 'responder' }]).map((grant) => ({
    role: grant.role,
    areaId: grant.areaId ?? null,
  }));
  await context.database.db
    .insertInto('invitations')
    .values({
      id,
      network_id: options.networkId,
      token_hash: hashInvitationToken(token),
      roles: JSON.stringify(roles),
      created_by: options.createdBy,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      used_by: null,
      revoked_at: null,
    })
    .execute();
  return { id, token, expiresAt };
}

/**
 * A registered passkey row for `memberId` (the member then "has a second factor"). The public key
 * is a placeholder: enough for listing, deleting and authorization, not for a real assertion.
 */
export async function buildPasskey(context: FactoryContext, memberId: string): Promise<{ id: string }> {
  const id = newSecretToken(16);
  await context.database.db
    .insertInto('webauthn_credentials')
    .values({
      id,
      member_id: memberId,
      public_key: newSecretToken(64),
      counter: 0,
      transports: '["internal"]',
      created_at: context.clock.now(),
      last_used_at: null,
    })
    .execute();
  return { id };
}

export interface SignedIn {
  token: string;
  sessionId: string;
  /** `__Host-amparo_session=<token>`, ready for a `cookie` header. */
  cookie: string;
  csrfToken: string;
  /** Headers for `app.inject`: the session cookie and the CSRF header. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/**
 * A real session for `member`. With `secondFactorProved` the session counts as freshly stepped-up
 * (for five minutes of the test clock) with a passkey, unless `secondFactor: 'totp'` says it was
 * an authenticator code (which approves nothing, ADR 0026).
 */
export async function signIn(
  context: FactoryContext,
  member: { id: string; networkId: string },
  options: { secondFactorProved?: boolean; secondFactor?: 'passkey' | 'totp' } = {},
): Promise<SignedIn> {
  const proved = options.secondFactorProved ?? false;
  const { token, sessionId } = await startSession({ clock: context.clock }, context.database.db, member, {
    secondFactor: proved ? (options.secondFactor ?? 'passkey') : null,
  });
  const cookie = `__Host-amparo_session=${token}`;
  const csrfToken = csrfTokenFor(token);
  return { token, sessionId, cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
