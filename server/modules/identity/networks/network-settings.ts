import { networkSettingFields as settingFields } from './network.contract.ts';
import type { NetworkSettings } from './network.contract.ts';

// The rules and bounds are in the contract (the members' app shows the bounds).
export type { NetworkSettings } from './network.contract.ts';

export const defaultNetworkSettings: Readonly<NetworkSettings> = Object.freeze({
  clusteringRadiusMeters: 500,
  clusteringWindowMinutes: 60,
  unverifiedIncidentExpiryHours: 12,
  reportTextRetentionDays: 30,
  reporterContactRetentionHoursAfterClose: 0,
  alertCapPerAreaPerHour: 3,
  smsPerSecond: 1,
  privilegeCoolingOffHours: 24,
  alertExpiryHoursUrgent: 6,
  alertExpiryHoursUpdate: 24,
  hotlineNumbers: [],
  // Issue 16: an unanswered offer at 3 a.m. must not wait for a dispatcher to notice it.
  isOfferEscalationOn: true,
  // Issue 16: an unclaimed incident pages the on-duty dispatchers again after N minutes and its
  // coordinators after M (docs/adr/0028).
  pageUnclaimedAfterMinutes: 5,
  escalateUnclaimedAfterMinutes: 15,
  // Issue 15 §5: 0 publishes a confirmed incident at once; a network may hold it back.
  publicationDelayMinutes: 0,
});

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
    isOfferEscalationOn: settings.isOfferEscalationOn,
    pageUnclaimedAfterMinutes: settings.pageUnclaimedAfterMinutes,
    escalateUnclaimedAfterMinutes: settings.escalateUnclaimedAfterMinutes,
    publicationDelayMinutes: settings.publicationDelayMinutes,
  };
}
