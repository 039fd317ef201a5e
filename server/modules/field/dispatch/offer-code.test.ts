import { describe, expect, it } from 'vitest';
import { newOfferCode, offerCodeLength, parseResponderReply } from './offer-code.ts';

describe('offer codes', () => {
  it('are short and avoid look-alike characters', () => {
    for (let index = 0; index < 500; index += 1) {
      const code = newOfferCode();
      expect(code).toHaveLength(offerCodeLength);
      expect(code).not.toMatch(/[0O1IL2Z5S6G8B]/);
    }
  });
});

describe('texted replies', () => {
  it.each([
    ['ACEPTO K7H3', 'accept', 'K7H3'],
    ['acepto k7h3', 'accept', 'K7H3'],
    ['Sí, K7H3.', 'accept', 'K7H3'],
    ['YES k7h3', 'accept', 'K7H3'],
    ['  no   K7H3 ', 'decline', 'K7H3'],
    ['RECHAZO K7H3', 'decline', 'K7H3'],
    ['نعم K7H3', 'accept', 'K7H3'],
    ['أقبل K7H3', 'accept', 'K7H3'],
  ])('reads %j', (body, intent, code) => {
    expect(parseResponderReply(body)).toEqual({ intent, code });
  });

  it('asks for the code when only the keyword came', () => {
    expect(parseResponderReply('yes')).toEqual({ intent: 'accept', code: null });
  });

  it.each([
    'ALTA 60608',
    'yes please come',
    'ACEPTO K7H',
    'ACEPTO K7H30',
    'ACEPTO K7Q2',
    'hay migra en la calle 18',
    '',
  ])('is not a responder reply: %j', (body) => {
    expect(parseResponderReply(body)).toBeNull();
  });
});
