import { t } from '../../lib/i18n.ts';
import { describeDevice } from './passkey-device.ts';
import type { NavigatorInfo } from './passkey-device.ts';

/** A name for a passkey made here, from what the page can see: "Chromium on Linux". */
export function suggestedPasskeyName(info: NavigatorInfo = navigator): string {
  const { browser, platform } = describeDevice(info);
  if (browser && platform) return t('passkey.defaultName', { browser, platform });
  return browser ?? platform ?? t('passkey.defaultNameFallback');
}
