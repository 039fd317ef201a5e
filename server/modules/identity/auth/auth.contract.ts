import { z } from 'zod';

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
