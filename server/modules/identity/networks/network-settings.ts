import { z } from 'zod';

/** Bounds keep an admin's typo (a retention of 30000 days, a cap of 0) from disabling a safeguard. */
const settingFields = {
  clusteringRadiusMeters: z.number().int().min(50).max(50_000),
  clusteringWindowMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  unverifiedIncidentExpiryHours: z
    .number()
    .int()
    .min(1)
    .max(7 * 24),
  reportTextRetentionDays: z.number().int().min(1).max(365),
  /** 0: the reporter's contact is deleted when the incident closes. */
  reporterContactRetentionHoursAfterClose: z
    .number()
    .int()
    .min(0)
    .max(30 * 24),
  alertCapPerAreaPerHour: z.number().int().min(1).max(100),
  smsPerSecond: z.number().min(0.1).max(100),
  /** The SMS hotline's numbers (E.164) texted to reach this network (Twilio's `To`). */
  hotlineNumbers: z
    .array(z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number such as +13125550100'))
    .max(10)
    .refine((numbers) => new Set(numbers).size === numbers.length, 'List each number once.'),
};

export type NetworkSettings = { [K in keyof typeof settingFields]: z.infer<(typeof settingFields)[K]> };

export const defaultNetworkSettings: Readonly<NetworkSettings> = Object.freeze({
  clusteringRadiusMeters: 500,
  clusteringWindowMinutes: 60,
  unverifiedIncidentExpiryHours: 12,
  reportTextRetentionDays: 30,
  reporterContactRetentionHoursAfterClose: 0,
  alertCapPerAreaPerHour: 3,
  smsPerSecond: 1,
  hotlineNumbers: [],
});

/** What an admin may send in PATCH /api/network: any subset, each value within its bounds. */
export const networkSettingsPatchSchema = z.strictObject({
  clusteringRadiusMeters: settingFields.clusteringRadiusMeters.optional(),
  clusteringWindowMinutes: settingFields.clusteringWindowMinutes.optional(),
  unverifiedIncidentExpiryHours: settingFields.unverifiedIncidentExpiryHours.optional(),
  reportTextRetentionDays: settingFields.reportTextRetentionDays.optional(),
  reporterContactRetentionHoursAfterClose: settingFields.reporterContactRetentionHoursAfterClose.optional(),
  alertCapPerAreaPerHour: settingFields.alertCapPerAreaPerHour.optional(),
  smsPerSecond: settingFields.smsPerSecond.optional(),
  hotlineNumbers: settingFields.hotlineNumbers.optional(),
});
export type NetworkSettingsPatch = z.infer<typeof networkSettingsPatchSchema>;

/**
 * Reads the stored settings column. A missing or out-of-bounds value falls back to its default
 * field by field, so a settings row from an older version never stops intake or alerts.
 */
export function parseStoredSettings(stored: string): NetworkSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    raw = {};
  }
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const settings = { ...defaultNetworkSettings };
  for (const key of Object.keys(settingFields) as (keyof NetworkSettings)[]) {
    const parsed = settingFields[key].safeParse(record[key]);
    if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.data;
  }
  return settings;
}

/** Settings any active member may see; alert caps and send rates are anti-abuse knobs for admins only. */
export function memberVisibleSettings(settings: NetworkSettings) {
  return {
    clusteringRadiusMeters: settings.clusteringRadiusMeters,
    clusteringWindowMinutes: settings.clusteringWindowMinutes,
    unverifiedIncidentExpiryHours: settings.unverifiedIncidentExpiryHours,
    reportTextRetentionDays: settings.reportTextRetentionDays,
    reporterContactRetentionHoursAfterClose: settings.reporterContactRetentionHoursAfterClose,
  };
}
