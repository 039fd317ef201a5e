/** The languages the server accepts (server/modules/networks/network.schemas.ts supportedLanguages). */
export const supportedLanguages = ['en', 'es', 'ar', 'fr', 'ht', 'pt', 'zh', 'vi', 'ko', 'tl', 'ru', 'fa'];

/** A numeric setting with the server's bounds (server/modules/networks/network.settings.ts). */
export interface SettingField {
  name: string;
  min: number;
  max: number;
  step?: number;
}

export const retentionFields: SettingField[] = [
  { name: 'reportTextRetentionDays', min: 1, max: 365 },
  { name: 'reporterContactRetentionHoursAfterClose', min: 0, max: 720 },
];

export const operationFields: SettingField[] = [
  { name: 'clusteringRadiusMeters', min: 50, max: 50_000 },
  { name: 'clusteringWindowMinutes', min: 5, max: 1440 },
  { name: 'unverifiedIncidentExpiryHours', min: 1, max: 168 },
  { name: 'alertCapPerAreaPerHour', min: 1, max: 100 },
  { name: 'smsPerSecond', min: 0.1, max: 100, step: 0.1 },
];
