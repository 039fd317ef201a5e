import { z } from 'zod';
// Straight from password.ts, not auth/index.ts: this constant is read while modules load, and the
// auth index imports this module back (through sign-in), so only a cycle-free import is safe here.
import { newPasswordSchema } from '../auth/index.ts';
import { roles } from './member.tables.ts';

export const memberIdSchema = z.uuid();

export const roleGrantSchema = z.strictObject({
  role: z.enum(roles),
  areaId: z.uuid().nullish(),
});

/** At most one grant per role and area; an empty list is allowed (a member with no role). */
export const roleGrantListSchema = z.array(roleGrantSchema).max(30);

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Use at most 80 characters.')
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'Use letters, numbers and punctuation only.');

export const emailSchema = z.string().trim().max(254).pipe(z.email('Enter a valid email address.'));

/** The sign-in module's rule for new passwords: 12 to 256 characters, nothing else. */
export const passwordSchema = newPasswordSchema;

export const newMemberSchema = z.object({
  displayName: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type NewMemberInput = z.infer<typeof newMemberSchema>;

export const replaceRolesSchema = z.strictObject({ roles: roleGrantListSchema });

export const exerciseRecipientSchema = z.strictObject({ isExerciseRecipient: z.boolean() });

export const createInvitationSchema = z.strictObject({
  roles: roleGrantListSchema.min(1, 'Grant at least one role.'),
  expiresInHours: z.number().int().min(1).max(336).default(168),
});

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
