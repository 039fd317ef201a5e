import { describe, expect, it } from 'vitest';
import { errorCodes } from '../errors/error-codes.ts';
import { analyzeMessage, checkCatalogs, smsMessageBudget } from './catalog-check.ts';
import { loadCatalogs } from './catalog-loader.ts';
import type { Catalogs } from './catalog-loader.ts';
import { completeLanguages, incompleteLanguages, registeredLanguages } from './languages.contract.ts';

const catalogs = loadCatalogs();

function catalogsOf(languages: Record<string, Record<string, string>>): Catalogs {
  return new Map(
    Object.entries(languages).map(([language, messages]) => [language, new Map(Object.entries(messages))]),
  );
}

describe('message catalogs in locales/', () => {
  it('ship English, Spanish and Arabic', () => {
    expect([...catalogs.keys()]).toEqual(expect.arrayContaining(['en', 'es', 'ar']));
  });

  it('are complete, valid ICU, with the same placeholders in every language and SMS-sized sms messages', () => {
    expect(checkCatalogs(catalogs)).toEqual([]);
  });

  it('are each a registered language (languages.ts), so a new folder is offered once complete', () => {
    expect(
      [...catalogs.keys()].filter(
        (language) => !(registeredLanguages as readonly string[]).includes(language),
      ),
    ).toEqual([]);
  });

  it('are all complete: every language present is offered to networks and people', () => {
    expect(incompleteLanguages(catalogs)).toEqual([]);
    expect(completeLanguages(catalogs)).toEqual(
      registeredLanguages.filter((language) => catalogs.has(language)),
    );
  });

  it('have a human message for every error code, where the error table says it is', () => {
    const english = catalogs.get('en')!;
    const missing = Object.entries(errorCodes)
      .filter(([, { message }]) => !english.has(message))
      .map(([code]) => code);
    expect(missing).toEqual([]);
  });

  it('have a common namespace with the basics every page uses', () => {
    for (const key of ['siteName', 'languageName', 'yes', 'no', 'back', 'submit', 'errorTitle']) {
      expect(catalogs.get('en')!.has(`common.${key}`), key).toBe(true);
    }
  });
});

describe('checkCatalogs', () => {
  const complete = {
    en: { 'common.hello': 'Hello {name}', 'common.bye': 'Bye' },
    es: { 'common.hello': 'Hola {name}', 'common.bye': 'Adiós' },
  };

  it('accepts a complete pair', () => {
    expect(checkCatalogs(catalogsOf(complete))).toEqual([]);
  });

  it('fails when a language lacks a key', () => {
    const problems = checkCatalogs(catalogsOf({ ...complete, es: { 'common.hello': 'Hola {name}' } }));
    expect(problems).toEqual(['es: missing key common.bye']);
  });

  it('fails when a language has a key English lacks', () => {
    const problems = checkCatalogs(
      catalogsOf({ ...complete, es: { ...complete.es, 'common.extra': 'Más' } }),
    );
    expect(problems).toEqual(['es: key common.extra is not in en']);
  });

  it('fails on a message that is not valid ICU', () => {
    const problems = checkCatalogs(
      catalogsOf({ ...complete, es: { ...complete.es, 'common.bye': 'Adiós {' } }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^es: common.bye is not valid ICU MessageFormat/);
  });

  it('fails when placeholders differ between languages', () => {
    const problems = checkCatalogs(
      catalogsOf({ ...complete, es: { ...complete.es, 'common.hello': 'Hola {nombre}' } }),
    );
    expect(problems).toEqual(['es: common.hello has placeholders {nombre} but en has {name}']);
  });

  it('counts placeholders inside plural branches', () => {
    const en = { 'common.count': '{count, plural, one {# item for {name}} other {# items for {name}}}' };
    const es = { 'common.count': '{count, plural, one {# artículo} other {# artículos}}' };
    const problems = checkCatalogs(catalogsOf({ en, es }));
    expect(problems).toEqual(['es: common.count has placeholders {count} but en has {count, name}']);
  });

  it('fails when an SMS message can render longer than the budget, measuring the longest branch', () => {
    const fits = `{count, plural, one {${'x'.repeat(10)}} other {${'y'.repeat(smsMessageBudget)}}}`;
    const tooLong = `{count, plural, one {${'x'.repeat(10)}} other {${'y'.repeat(smsMessageBudget + 1)}}}`;
    const problems = checkCatalogs(
      catalogsOf({ en: { 'sms.fits': fits, 'sms.long': tooLong, 'web.long': tooLong } }),
    );
    expect(problems).toEqual([
      `en: sms.long can render ${smsMessageBudget + 1} characters, over the SMS budget of ${smsMessageBudget}`,
    ]);
  });

  it('reports a missing reference language', () => {
    expect(checkCatalogs(catalogsOf({ es: complete.es }))).toEqual([
      'reference language "en" has no catalog',
    ]);
  });
});

describe('completeLanguages', () => {
  it('offers registered languages with every English key, English first, and nothing else', () => {
    const languages = catalogsOf({
      pt: { 'common.hello': 'Olá', 'common.bye': 'Tchau' },
      ht: { 'common.hello': 'Bonjou' },
      fr: { 'common.hello': 'Bonjour', 'common.bye': 'Au revoir' },
      en: { 'common.hello': 'Hello', 'common.bye': 'Bye' },
    });
    expect(completeLanguages(languages)).toEqual(['en', 'pt']);
    expect(incompleteLanguages(languages)).toEqual(['ht', 'fr']);
  });

  it('offers nothing without the reference catalog', () => {
    expect(completeLanguages(catalogsOf({ pt: { 'common.hello': 'Olá' } }))).toEqual([]);
  });
});

describe('analyzeMessage', () => {
  it('finds argument names of every kind and measures placeholders', () => {
    const analysis = analyzeMessage('{a} {b, number} {c, select, x {{d}} other {}}', 'en');
    expect('arguments' in analysis && [...analysis.arguments].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
