import { describe, expect, it } from 'vitest';
import { responderReplyWords, smsKeywords } from '../../../platform/sms/keyword.ts';
import { parseResponderReply } from '../../field/index.ts';
import { createSmsKeywordRouter } from './sms-keywords.ts';
import type { SmsKeywordHandler } from './sms-keywords.ts';

describe('the SMS keyword table', () => {
  const replies: SmsKeywordHandler = {
    keywords: responderReplyWords,
    handle: () => Promise.resolve({ handled: true, replies: [] }),
  };
  const route = createSmsKeywordRouter([replies]);
  const reserveOnly = createSmsKeywordRouter([]);
  // Every word of every row: lists as they are, keyword → language rows by their keywords.
  const tableWords = Object.values(smsKeywords).flatMap((row: object): string[] =>
    Array.isArray(row) ? row.map(String) : Object.keys(row),
  );

  it('lets the router and dispatch’s reply parser agree on every offer word', () => {
    for (const [words, intent] of [
      [smsKeywords.acceptOffer, 'accept'],
      [smsKeywords.declineOffer, 'decline'],
    ] as const) {
      for (const word of words) {
        const text = `${word} K7H3`;
        expect(parseResponderReply(text), text).toEqual({ intent, code: 'K7H3' });
        expect(route(text)?.handler, text).toBe(replies);
        // Reserved even without a handler: an offer reply never becomes a report.
        expect(reserveOnly(text)?.isResponderReply, text).toBe(true);
      }
    }
  });

  it('lets them agree that no other word of the table is an offer reply', () => {
    const offerWords = new Set<string>([...smsKeywords.acceptOffer, ...smsKeywords.declineOffer]);
    const others = tableWords.filter((word) => !offerWords.has(word));
    expect(others.length).toBeGreaterThan(20);
    for (const word of others) {
      const text = `${word} K7H3`;
      expect(parseResponderReply(text), text).toBeNull();
      expect(reserveOnly(text), text).toBeNull();
    }
  });

  it('routes a first word to the handler that declared it, with what follows', () => {
    const ping: SmsKeywordHandler = {
      keywords: ['ping'],
      requiresArgument: true,
      handle: () => Promise.resolve({ handled: true, replies: ['pong'] }),
    };
    const router = createSmsKeywordRouter([ping]);
    expect(router('Ping, k7q2!')).toEqual({
      handler: ping,
      keyword: 'PING',
      argument: 'K7Q2',
      isResponderReply: false,
    });
    expect(router('ping')).toBeNull();
    expect(router('hay migra en la calle 18')).toBeNull();
  });
});
