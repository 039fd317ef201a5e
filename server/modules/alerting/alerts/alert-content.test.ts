import { describe, expect, it } from 'vitest';
import { loadCatalogs, t } from '../../../platform/i18n/index.ts';
import {
  canonicalJson,
  contentFormat,
  frozenContentOf,
  hashCanonical,
  sealContent,
} from './alert-content.ts';
import type { FrozenContent } from './alert-content.ts';
import { countSmsSegments } from './sms-segments.ts';

const content: FrozenContent = {
  format: contentFormat,
  publicId: 'abc',
  languages: {
    es: {
      headline: 'Alerta',
      text: 'Texto «con» acentos: á',
      area: 'Pilsen',
      sms: 'Red: Texto',
      email: { subject: 'Alerta', body: 'Texto\n\nMás' },
    },
    en: {
      headline: 'Alert',
      text: 'Text',
      area: 'Pilsen',
      sms: 'Net: Text',
      email: { subject: 'Alert', body: 'Text' },
    },
  },
  cap: '<?xml version="1.0"?><alert/>',
};

describe('frozen alert content', () => {
  it('serializes canonically: sorted keys at every level, no whitespace, the same bytes whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 'é' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":"é","z":1}]},"b":1}',
    );
    const reordered = {
      cap: content.cap,
      languages: { en: content.languages.en, es: content.languages.es },
      publicId: 'abc',
      format: contentFormat,
    };
    expect(sealContent(reordered as FrozenContent)).toEqual(sealContent(content));
  });

  it('hashes the UTF-8 bytes with SHA-256, and any changed character changes the hash', () => {
    const sealed = sealContent(content);
    // printf '{"a":"é"}' | sha256sum
    expect(hashCanonical('{"a":"é"}')).toBe(
      'b3a092a6af48807fa9482b2ee140105575daa26d5b24b3c0e60a7e2dee6683b1',
    );
    const edited = {
      ...content,
      languages: { ...content.languages, en: { ...content.languages.en!, sms: 'Net: Text!' } },
    };
    expect(sealContent(edited).hash).not.toBe(sealed.hash);
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads back only content whose stored hash matches', () => {
    const sealed = sealContent(content);
    expect(frozenContentOf({ content: sealed.canonical, content_hash: sealed.hash })).toEqual(content);
    const tampered = sealed.canonical.replace('Net: Text', 'Net: RUN');
    expect(frozenContentOf({ content: tampered, content_hash: sealed.hash })).toBeNull();
    expect(frozenContentOf({ content: null, content_hash: null })).toBeNull();
  });
});

describe('the shipped retraction text', () => {
  const catalogs = loadCatalogs();
  it('exists in every language, is GSM-7 where the language allows, and fits two segments as a network sends it', () => {
    for (const [language, catalog] of catalogs) {
      const text = catalog.get('alerts.retraction.text');
      expect(text, language).toBeTruthy();
      const sms = t(language, 'alerts.sms.message', {
        network: 'Pilsen Rapid Response',
        text: text ?? '',
        link: 'https://alerts.example.org/a/pilsen-rapid-response',
      });
      const count = countSmsSegments(sms);
      if (language === 'en' || language === 'es') expect(count.encoding, language).toBe('GSM-7');
      expect(count.segments, language).toBeLessThanOrEqual(2);
    }
  });
});
