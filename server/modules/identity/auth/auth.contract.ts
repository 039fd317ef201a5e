import { z } from 'zod';
import type { MemberStatus, RoleGrant } from '../members/member.contract.ts';

/** Length is what makes a password strong (NIST SP 800-63B): no composition rules. */
export const passwordLength = { min: 12, max: 256 } as const;

/** Counted in characters (code points), so an accented or non-Latin password is not penalized. */
export function passwordCharacterCount(password: string): number {
  return [...password].length;
}

/** For new passwords (join, change): 12 to 256 characters, nothing else. */
export const newPasswordSchema = z
  .string()
  .refine((password) => passwordCharacterCount(password) >= passwordLength.min, 'Use at least 12 characters.')
  .refine(
    (password) => passwordCharacterCount(password) <= passwordLength.max,
    'Use at most 256 characters.',
  );

const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, 'Not base64url.');

export const signInSchema = z.object({
  email: z.string().trim().min(1).max(320),
  // Long enough for any allowed password; longer ones are refused by verifyPassword like a wrong one.
  password: z.string().min(1).max(1100),
});

export const pendingTokenSchema = z.string().min(20).max(100);

/** Six digits; spaces people type between the groups ("123 456") are ignored. */
export const totpCodeSchema = z
  .string()
  .max(20)
  .transform((code) => code.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your app.'));

export const totpSignInSchema = z.object({ pendingToken: pendingTokenSchema, code: totpCodeSchema });

export const codeSchema = z.object({ code: totpCodeSchema });

const transports = z
  .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
  .max(10);
const clientExtensionResults = z.record(z.string().max(64), z.unknown()).default({});
const authenticatorAttachment = z.enum(['platform', 'cross-platform']).optional();

const registrationResponseSchema = z.object({
  id: base64url(1024),
  rawId: base64url(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(4096),
    attestationObject: base64url(32768),
    authenticatorData: base64url(32768).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(8192).optional(),
  }),
  authenticatorAttachment,
  clientExtensionResults,
});

const authenticationResponseSchema = z.object({
  id: base64url(1024),
  rawId: base64url(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(4096),
    authenticatorData: base64url(32768),
    signature: base64url(4096),
    userHandle: base64url(1024).optional(),
  }),
  authenticatorAttachment,
  clientExtensionResults,
});

/**
 * The member's own name for a passkey ("Chromium on Linux"): one line of 1–60 characters after
 * trimming, with no control characters (a name is shown in lists and must not break them).
 */
export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the passkey a name.')
  .max(60, 'At most 60 characters.')
  .refine((name) => !/\p{Cc}/u.test(name), 'No control characters.');

/** Shape and size only; the WebAuthn library checks every value cryptographically. */
export const passkeyRegistrationSchema = z.object({
  response: registrationResponseSchema,
  name: passkeyNameSchema.optional(),
});

export const passkeyRenameSchema = z.object({ name: passkeyNameSchema });

export const passkeySignInOptionsSchema = z
  .object({ pendingToken: pendingTokenSchema.optional() })
  .default({});

export const passkeySignInSchema = z.object({
  response: authenticationResponseSchema,
  pendingToken: pendingTokenSchema.optional(),
});

export const stepUpSchema = z.union([codeSchema, z.object({ response: authenticationResponseSchema })]);

export const passkeyParamsSchema = z.object({ passkeyId: base64url(1024).min(1) });

export const memberParamsSchema = z.object({ memberId: z.uuid() });

// Answers

export const secondFactorMethods = ['totp', 'passkey'] as const;
export type SecondFactorMethod = (typeof secondFactorMethods)[number];

/** GET /api/auth/session: who is signed in, with what, and the CSRF token to echo. */
export interface SessionView {
  memberId: string;
  networkId: string;
  status: MemberStatus;
  roles: RoleGrant[];
  hasSecondFactor: boolean;
  csrfToken: string;
  /** Until when privileged actions need no new step-up (null: none in this session). */
  stepUpUntil: number | null;
}

/**
 * POST /api/auth/sign-in (and its TOTP and passkey steps): signed in (the session token is in the
 * cookie only), or a second step to take with `pendingToken`.
 */
export type SignInAnswer =
  | { status: 'signed_in'; memberId: string; networkId: string; csrfToken: string }
  | {
      status: 'second_factor_required';
      methods: SecondFactorMethod[];
      pendingToken: string;
      expiresAt: number;
    };

/** One of the member's passkeys. */
export interface PasskeyView {
  id: string;
  /** The member's name for it; null for a passkey added before passkeys had names. */
  name: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

/** GET /api/auth/passkeys. */
export interface PasskeyList {
  passkeys: PasskeyView[];
}

/** POST /api/auth/totp/enroll: the secret, its otpauth URI, and a QR code as SVG text. */
export interface TotpEnrollment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** POST /api/auth/totp/confirm. */
export interface TotpConfirmation {
  confirmedAt: number;
}

/** DELETE /api/auth/totp. */
export interface TotpRemoval {
  isRemoved: boolean;
}

/** POST /api/auth/step-up. */
export interface StepUpAnswer {
  secondFactorAt: number;
  stepUpUntil: number;
}

/** One live session of the member; no IP address or device is kept, so none is shown. */
export interface LiveSession {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  isCurrent: boolean;
}

/** GET /api/auth/sessions. */
export interface LiveSessionList {
  sessions: LiveSession[];
}

/** POST /api/auth/sign-out-everywhere. */
export interface SignedOutEverywhere {
  endedCount: number;
}

/** POST /api/members/:memberId/sessions/revoke. */
export interface RevokedSessions {
  memberId: string;
  revokedCount: number;
}
