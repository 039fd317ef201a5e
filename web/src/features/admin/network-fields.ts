import { offeredLanguages } from '../../lib/i18n.ts';
import type { NetworkSettingBounds, SupportedLanguage } from './api/types.ts';

/**
 * The languages a network may offer, in the order the form lists them: those the server offers
 * (registered with a complete catalog, GET /app/languages, ADR 0033), never a list typed here.
 */
export function supportedLanguages(): SupportedLanguage[] {
  return offeredLanguages().map((language) => language.code as SupportedLanguage);
}

/**
 * The server's bounds, so the form explains a value out of range before sending it. The contract
 * types each bound as its value: a bound changed on the server fails this file's typecheck.
 */
const settingBounds = {
  clusteringRadiusMeters: { min: 50, max: 50_000 },
  clusteringWindowMinutes: { min: 5, max: 1440 },
  unverifiedIncidentExpiryHours: { min: 1, max: 168 },
  reportTextRetentionDays: { min: 1, max: 365 },
  reporterContactRetentionHoursAfterClose: { min: 0, max: 720 },
  alertCapPerAreaPerHour: { min: 1, max: 100 },
  smsPerSecond: { min: 0.1, max: 100 },
  privilegeCoolingOffHours: { min: 1, max: 168 },
  alertExpiryHoursUrgent: { min: 1, max: 72 },
  alertExpiryHoursUpdate: { min: 1, max: 168 },
  pageUnclaimedAfterMinutes: { min: 1, max: 120 },
  escalateUnclaimedAfterMinutes: { min: 1, max: 240 },
  publicationDelayMinutes: { min: 0, max: 1440 },
} satisfies NetworkSettingBounds;

export type NumericSetting = keyof NetworkSettingBounds;

/** A numeric setting with the server's bounds. */
export interface SettingField {
  name: NumericSetting;
  min: number;
  max: number;
  step?: number;
}

const field = (name: NumericSetting, step?: number): SettingField => ({
  name,
  ...settingBounds[name],
  ...(step === undefined ? {} : { step }),
});

export const retentionFields: SettingField[] = [
  field('reportTextRetentionDays'),
  field('reporterContactRetentionHoursAfterClose'),
];

export const operationFields: SettingField[] = [
  field('clusteringRadiusMeters'),
  field('clusteringWindowMinutes'),
  field('unverifiedIncidentExpiryHours'),
  field('alertCapPerAreaPerHour'),
  field('smsPerSecond', 0.1),
  field('privilegeCoolingOffHours'),
  field('alertExpiryHoursUrgent'),
  field('alertExpiryHoursUpdate'),
  field('pageUnclaimedAfterMinutes'),
  field('escalateUnclaimedAfterMinutes'),
  field('publicationDelayMinutes'),
];
