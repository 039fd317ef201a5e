import { z } from 'zod';
import { displayNameSchema, emailSchema, passwordSchema } from '../members/member.contract.ts';
import {
  networkLanguagesSchema,
  networkNameSchema,
  networkSlugSchema,
  timeZoneSchema,
} from '../networks/network.contract.ts';

/** The first network and its admin: the networks module's rules for the one, members' for the other. */
export const firstNetworkSchema = z.object({
  networkName: networkNameSchema,
  slug: networkSlugSchema,
  timezone: timeZoneSchema,
  languages: networkLanguagesSchema.default(['en', 'es']),
  adminDisplayName: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type FirstNetworkInput = z.input<typeof firstNetworkSchema>;
