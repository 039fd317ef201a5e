import { z } from 'zod';
import { emailSchema, passwordSchema } from '../members/member.contract.ts';
import {
  networkLanguagesSchema,
  networkNameSchema,
  networkSlugSchema,
  timeZoneSchema,
} from '../networks/network.contract.ts';

const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code.');

/** `amparo operator create --email`: the operator's sign-in address. */
export const operatorCreateSchema = z.object({ email: emailSchema });

/** The setup link's token (path parameter). */
export const operatorSetupTokenSchema = z.object({ token: z.string().max(100) });

/** Setting a password and proving the authenticator app at the setup link. */
export const operatorSetupSchema = z.object({ password: passwordSchema, code: totpCodeSchema });

/** One step: email, password and the authenticator code (an operator always has one). */
export const operatorSignInSchema = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(256),
  code: totpCodeSchema,
});

/** A network and the invitation of its first admin (a one-time setup link). */
export const operatorNetworkSchema = z.object({
  name: networkNameSchema,
  slug: networkSlugSchema,
  timezone: timeZoneSchema,
  languages: networkLanguagesSchema.default(['en', 'es']),
});

export const operatorNetworkIdSchema = z.object({ networkId: z.string().min(1).max(64) });

/** Suspend or resume: a fresh authenticator code is the step-up. */
export const operatorStepUpSchema = z.object({ code: totpCodeSchema });

export type OperatorNetworkInput = z.input<typeof operatorNetworkSchema>;

/** What the setup screen shows: the authenticator secret to enrol (only while the link is unused). */
export interface OperatorSetupView {
  totpSecret: string;
  totpUri: string;
  qrSvg: string;
}

export interface OperatorSessionView {
  operatorId: string;
  csrfToken: string;
}

/** Counts only: never a name, a contact, a report or an alert's text (ADR 0032). */
export interface NetworkHealth {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  languages: string[];
  createdAt: number;
  suspendedAt: number | null;
  members: number;
  openIncidents: number;
  lastReportAt: number | null;
  queuedDeliveries: number;
  isStopSwitchOn: boolean;
}

export interface OperatorNetworkList {
  networks: NetworkHealth[];
}

export interface CreatedOperatorNetwork {
  id: string;
  slug: string;
  /** The one-time link the first admin opens to make their account. */
  adminSetupLink: string;
  adminSetupExpiresAt: number;
}

export interface NetworkSuspension {
  id: string;
  suspendedAt: number | null;
}
