import { describe, expect, it } from 'vitest';
import {
  createI18n,
  directionOf,
  errorMessage,
  negotiateLanguage,
  parseAcceptLanguage,
  supportedLanguages,
  t,
} from './index.ts';

function testI18n() {
  const missing: string[] = [];
  const catalogs = new Map([
    [
      'en',
      new Map([
        ['common.hello', 'Hello {name}'],
        ['common.only', 'Only English'],
        ['common.items', '{count, plural, one {# item} other {# items}}'],
      ]),
    ],
    [
      'es',
      new Map([
        ['common.hello', 'Hola {name}'],
        ['common.items', '{count, plural, one {# artículo} other {# artículos}}'],
      ]),
    ],
  ]);
  const i18n = createI18n({
    catalogs,
    onMissingMessage: (key, language) => missing.push(`${language}:${key}`),
  });
  return { i18n, missing };
}

describe('t', () => {
  it('formats ICU messages in the requested language', () => {
    const { i18n } = testI18n();
    expect(i18n.t('es', 'common.hello', { name: 'Ana' })).toBe('Hola Ana');
    expect(i18n.t('es', 'common.items', { count: 2 })).toBe('2 artículos');
    expect(i18n.t('en', 'common.items', { count: 1 })).toBe('1 item');
  });

  it('falls back to English for a missing key and reports the key once', () => {
    const { i18n, missing } = testI18n();
    expect(i18n.t('es', 'common.only')).toBe('Only English');
    expect(i18n.t('es', 'common.only')).toBe('Only English');
    expect(missing).toEqual(['es:common.only']);
  });

  it('returns the key itself when no language has it, without throwing', () => {
    const { i18n, missing } = testI18n();
    expect(i18n.t('es', 'common.nowhere')).toBe('common.nowhere');
    expect(missing).toEqual(['es:common.nowhere', 'en:common.nowhere']);
  });

  it('uses the base language of a regional tag and English for an unknown language', () => {
    const { i18n } = testI18n();
    expect(i18n.t('es-MX', 'common.hello', { name: 'Ana' })).toBe('Hola Ana');
    expect(i18n.t('zz', 'common.hello', { name: 'Ana' })).toBe('Hello Ana');
  });

  it('does not throw when a value is missing', () => {
    const { i18n, missing } = testI18n();
    expect(i18n.t('es', 'common.hello')).toBe('common.hello');
    expect(missing).toContain('es:common.hello');
  });

  it('treats markup in messages as plain text', () => {
    const i18n = createI18n({ catalogs: new Map([['en', new Map([['x.tag', 'a <b>bold</b> {v}']])]]) });
    expect(i18n.t('en', 'x.tag', { v: '<i>' })).toBe('a <b>bold</b> <i>');
  });

  it('reads the real catalogs through the shared instance', () => {
    expect(supportedLanguages.slice(0, 2)).toEqual(['en', 'es']);
    expect(supportedLanguages).toContain('ar');
    expect(t('es', 'common.languageName')).toBe('Español');
    expect(t('ar', 'common.errorSummary', { count: 2 })).toContain('مشكلتان');
  });
});

describe('directionOf', () => {
  it('is rtl for Arabic, Persian, Hebrew and Urdu, ltr otherwise', () => {
    for (const language of ['ar', 'fa', 'he', 'ur', 'ar-EG']) expect(directionOf(language)).toBe('rtl');
    for (const language of ['en', 'es', 'zh', 'es-MX']) expect(directionOf(language)).toBe('ltr');
  });
});

describe('negotiateLanguage', () => {
  const enabled = ['en', 'es', 'ar'];

  it('prefers the query, then the cookie, then Accept-Language', () => {
    expect(negotiateLanguage({ query: 'ar', cookie: 'es', acceptLanguage: 'en', enabled })).toBe('ar');
    expect(negotiateLanguage({ cookie: 'es', acceptLanguage: 'ar', enabled })).toBe('es');
    expect(negotiateLanguage({ acceptLanguage: 'fr-FR, es-MX;q=0.8, en;q=0.5', enabled })).toBe('es');
  });

  it('ignores languages the network has not enabled and garbage values', () => {
    expect(negotiateLanguage({ query: 'ar', enabled: ['en', 'es'] })).toBe('en');
    expect(
      negotiateLanguage({ query: '../../etc', cookie: '"><script>', acceptLanguage: ';;;,*', enabled }),
    ).toBe('en');
  });

  it("defaults to the network's first enabled language, English when none is given", () => {
    expect(negotiateLanguage({ enabled })).toBe('en');
    expect(negotiateLanguage({ enabled: ['es', 'en'] })).toBe('es');
    expect(negotiateLanguage({ acceptLanguage: 'fr', enabled: ['es', 'ar'] })).toBe('es');
    expect(negotiateLanguage({ enabled: [] })).toBe('en');
  });

  it('maps a regional query to its base language', () => {
    expect(negotiateLanguage({ query: 'es-MX', enabled })).toBe('es');
  });
});

describe('parseAcceptLanguage', () => {
  it('orders by quality, drops wildcards, zero weights and invalid tags', () => {
    expect(parseAcceptLanguage('en;q=0.3, es-MX, *, fr;q=0, @@;q=0.9, ar;q=0.5')).toEqual([
      'es-MX',
      'ar',
      'en',
    ]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });
});

describe('errorMessage', () => {
  it('translates platform codes and falls back to the generic message for unknown ones', () => {
    expect(errorMessage('es', 'RATE_LIMITED')).toBe(t('es', 'errors.RATE_LIMITED'));
    expect(errorMessage('ar', 'NO_SUCH_CODE')).toBe(t('ar', 'errors.INTERNAL'));
  });
});
