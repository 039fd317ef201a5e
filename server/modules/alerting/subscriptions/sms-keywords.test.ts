import { describe, expect, it } from 'vitest';
import { normalizeKeywordText, parseSubscriptionKeyword } from './sms-keywords.ts';

describe('parseSubscriptionKeyword', () => {
  it('honours every Twilio opt-out word and ALTO, in any case, with accents, punctuation or spaces', () => {
    for (const text of [
      'STOP',
      'stop',
      ' Stop. ',
      'STOPALL',
      'stop all',
      'Unsubscribe',
      'cancel',
      'END',
      'quit!',
      'REVOKE',
      'optout',
      'opt-out',
      'ALTO',
      'altó',
      'Ａｌｔｏ',
    ]) {
      expect(parseSubscriptionKeyword(text), text).toEqual({ command: 'optOut' });
    }
  });

  it('does not mistake a report that starts with such a word for an opt-out', () => {
    for (const text of [
      'Stop sign at 18th and Ashland, two vans',
      'End of the block, agents knocking',
      'Alto ahí, están en la esquina',
    ]) {
      expect(parseSubscriptionKeyword(text), text).toBeNull();
    }
  });

  it('reads ALTA/JOIN with ZIP codes and an optional language', () => {
    expect(parseSubscriptionKeyword('alta 60608')).toEqual({
      command: 'join',
      zips: ['60608'],
      language: null,
      keywordLanguage: 'es',
    });
    expect(parseSubscriptionKeyword('  Join:  60608 , 60609 ')).toEqual({
      command: 'join',
      zips: ['60608', '60609'],
      language: null,
      keywordLanguage: 'en',
    });
    expect(parseSubscriptionKeyword('ALTA 60608 ingles')).toMatchObject({ zips: ['60608'], language: 'en' });
    expect(parseSubscriptionKeyword('ALTA 60608 ar')).toMatchObject({ language: 'ar' });
    expect(parseSubscriptionKeyword('ALTA')).toMatchObject({ command: 'join', zips: [] });
    expect(parseSubscriptionKeyword('join us at the vigil tonight')).toBeNull();
  });

  it('reads IDIOMA/LANG, AYUDA/HELP and START', () => {
    expect(parseSubscriptionKeyword('idioma español')).toEqual({
      command: 'language',
      language: 'es',
      keywordLanguage: 'es',
    });
    expect(parseSubscriptionKeyword('LANG ar')).toEqual({
      command: 'language',
      language: 'ar',
      keywordLanguage: 'en',
    });
    expect(parseSubscriptionKeyword('Idioma')).toMatchObject({ command: 'language', language: null });
    expect(parseSubscriptionKeyword('Ayuda')).toEqual({ command: 'help', keywordLanguage: 'es' });
    expect(parseSubscriptionKeyword('help?')).toEqual({ command: 'help', keywordLanguage: 'en' });
    expect(parseSubscriptionKeyword('START')).toEqual({ command: 'optIn' });
    expect(parseSubscriptionKeyword('hay agentes en la escuela')).toBeNull();
    expect(parseSubscriptionKeyword('')).toBeNull();
  });

  it('reads the names of Kreyòl, Portuguese, Vietnamese and Chinese, one word or two', () => {
    expect(parseSubscriptionKeyword('LANG KREYÒL')).toEqual({
      command: 'language',
      language: 'ht',
      keywordLanguage: 'en',
    });
    expect(parseSubscriptionKeyword('Lingua português')).toEqual({
      command: 'language',
      language: 'pt',
      keywordLanguage: 'pt',
    });
    expect(parseSubscriptionKeyword('IDIOMA TIẾNG VIỆT')).toMatchObject({ language: 'vi' });
    expect(parseSubscriptionKeyword('语言 中文')).toMatchObject({ command: 'language', language: 'zh' });
    expect(parseSubscriptionKeyword('JOIN 60608 tieng viet')).toMatchObject({
      zips: ['60608'],
      language: 'vi',
    });
    expect(parseSubscriptionKeyword('Ajuda')).toEqual({ command: 'help', keywordLanguage: 'pt' });
    expect(parseSubscriptionKeyword('lang is what we speak')).toBeNull();
  });

  it('normalizes case, accents, width and spacing', () => {
    expect(normalizeKeywordText('  Ésta   es\tuna  PRUEBA! ')).toBe('ESTA ES UNA PRUEBA');
  });
});
