import { t } from '../../../platform/i18n/index.ts';
import type { SubscriberAreasTable, SubscriptionPreference } from './subscription.tables.ts';

export interface SettingsToSummarize {
  areas: Pick<SubscriberAreasTable, 'kind' | 'zip' | 'radius_meters'>[];
  language: string;
  preference: SubscriptionPreference;
}

/** What a subscription gets, in words: its areas, its language and which alerts (issue 27). */
export interface SettingsSummary {
  areas: string;
  language: string;
  kind: string;
}

export function summarizeSettings(language: string, settings: SettingsToSummarize): SettingsSummary {
  const zips = settings.areas.flatMap((area) => (area.kind === 'zip' && area.zip ? [area.zip] : []));
  const places = settings.areas.filter((area) => area.kind !== 'zip');
  const parts = [
    ...(zips.length > 0 ? [t(language, 'subscriptions.summary.zips', { zips: zips.join(', ') })] : []),
    ...places.map((area) =>
      t(language, 'subscriptions.summary.place', {
        km: String(Math.round(((area.radius_meters ?? 0) / 1000) * 10) / 10),
      }),
    ),
  ];
  return {
    areas: parts.join('; '),
    language: t(settings.language, 'common.languageName'),
    kind: t(
      language,
      settings.preference === 'all'
        ? 'subscriptions.page.preferenceAll'
        : 'subscriptions.page.preferenceUrgent',
    ),
  };
}

/** The summary as lines of text, for the confirmation mail. */
export function summaryText(language: string, summary: SettingsSummary): string {
  return [
    t(language, 'subscriptions.summary.areasLine', { areas: summary.areas }),
    t(language, 'subscriptions.summary.languageLine', { language: summary.language }),
    t(language, 'subscriptions.summary.kindLine', { kind: summary.kind }),
  ].join('\n');
}
