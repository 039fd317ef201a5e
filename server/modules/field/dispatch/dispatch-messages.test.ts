import { describe, expect, it } from 'vitest';
import { checkCatalogs } from '../../../platform/i18n/catalog-check.ts';
import { loadCatalogs } from '../../../platform/i18n/catalog-loader.ts';
import { t } from '../../../platform/i18n/i18n.ts';

describe('dispatch text messages', () => {
  it('exist in every language and fit the SMS budget', () => {
    const problems = checkCatalogs(loadCatalogs(), { smsNamespaces: ['dispatch'] });
    expect(problems.filter((problem) => problem.includes('dispatch.'))).toEqual([]);
  });

  it('quote the code and the keywords of the responder’s language', () => {
    const values = { networkName: 'Red', code: 'K7H3', minutes: 3 };
    expect(t('es', 'dispatch.offerSms', values)).toContain('ACEPTO K7H3');
    expect(t('en', 'dispatch.offerSms', values)).toContain('YES K7H3');
    expect(t('ar', 'dispatch.offerSms', values)).toContain('NO K7H3');
  });
});
