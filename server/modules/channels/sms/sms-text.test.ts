import { describe, expect, it } from 'vitest';
import { detectSmsCategory, detectSmsLanguage, normalizeKeyword, parseSmsLocation } from './sms-text.ts';

describe('parseSmsLocation', () => {
  it.each([
    ['La migra está en 1845 S Loomis St ahorita', { locationText: '1845 S Loomis St' }],
    ['ICE at 2231 West 18th Street, vans outside', { locationText: '2231 West 18th Street' }],
    ['agentes en la calle Cermak 2400', { locationText: 'calle Cermak 2400' }],
    ['checkpoint at Ashland and 47th', { locationText: 'Ashland and 47th' }],
    ['retén en Cermak y Western', { locationText: 'Cermak y Western' }],
    ['60608', { zip: '60608' }],
    ['agents at the Jewel 60623 now', { zip: '60623' }],
    ['ICE at 1845 S Loomis St 60608', { zip: '60608', locationText: '1845 S Loomis St' }],
  ])('reads %j', (text, expected) => {
    expect(parseSmsLocation(text)).toEqual(expected);
  });

  it.each([
    'ICE agents knocking on doors right now',
    'Juan y María están bien',
    'call 99999 now',
    // A five-digit house number is not a ZIP code.
    '12345 S Main St',
  ])('finds no ZIP code or place in %j unless there is one', (text) => {
    const location = parseSmsLocation(text);
    expect(location.zip).toBeUndefined();
    if (text.startsWith('12345')) expect(location.locationText).toBe('12345 S Main St');
    else expect(location.locationText).toBeUndefined();
  });
});

describe('detectSmsLanguage', () => {
  const enabled = ['en', 'es', 'ar'];
  it.each([
    ['La migra está en la esquina de mi casa', 'es'],
    ['hay agentes afuera del trabajo', 'es'],
    ['ICE agents are outside my building right now', 'en'],
    ['عملاء الهجرة أمام المبنى', 'ar'],
    ['ESPAÑOL', 'es'],
    ['english', 'en'],
  ])('reads %j as %s', (text, language) => {
    expect(detectSmsLanguage(text, { previous: null, enabled })).toBe(language);
  });

  it('keeps the conversation’s language for a text without words, else the network default', () => {
    expect(detectSmsLanguage('60608', { previous: 'es', enabled })).toBe('es');
    expect(detectSmsLanguage('60608', { previous: null, enabled: ['es', 'en'] })).toBe('es');
    // Never a language the network does not offer.
    expect(detectSmsLanguage('La migra está aquí', { previous: null, enabled: ['en'] })).toBe('en');
    expect(detectSmsLanguage('60608', { previous: 'ar', enabled: ['en', 'es'] })).toBe('en');
  });
});

describe('detectSmsCategory and keywords', () => {
  it.each([
    ['agents knocking on doors', 'home'],
    ['redada en la fábrica', 'workplace'],
    ['retén en Cermak', 'checkpoint'],
    ['agentes en la corte', 'courthouse'],
    ['they pulled over a car', 'street_stop'],
    ['something is going on', 'other'],
  ])('%j is %s', (text, category) => {
    expect(detectSmsCategory(text)).toBe(category);
  });

  it('normalizes keywords', () => {
    expect(normalizeKeyword('  ¡Sí!  ')).toBe('SI');
    expect(normalizeKeyword('acepto: 4821')).toBe('ACEPTO 4821');
  });
});
