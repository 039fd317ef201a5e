import { describe, expect, it } from 'vitest';
import { outcomeSchema } from '../../../../server/modules/field/dispatch/dispatch.contract.ts';
import { isLivestreamUrl } from './livestream-url.ts';

const serverAccepts = (livestreamUrl: string) =>
  outcomeSchema.safeParse({ outcome: 'confirmed', livestreamUrl }).success;

describe('the livestream link check on the phone', () => {
  it.each([
    'https://live.example.org/stream/42',
    'https://www.youtube.com/live/abc123?feature=share',
    'https://m.facebook.com/groups/1/permalink/2/',
    'http://live.example.org/stream/42',
    'ftp://live.example.org/x',
    'javascript:alert(1)',
    'https://localhost/x',
    'https://192.168.1.10/stream',
    'https://live.example.org:8443/x',
    'https://LIVE.Example.org/x',
    'https://user:pw@live.example.org/x',
    'https://live.example.org/a b',
    'https://live.example.org/"onmouseover',
    'live.example.org/stream',
    'https://',
    '',
  ])('agrees with the server about %j', (url) => {
    expect(isLivestreamUrl(url)).toBe(serverAccepts(url));
  });

  it('accepts only https links to a named host', () => {
    expect(isLivestreamUrl('https://live.example.org/stream/42')).toBe(true);
    expect(isLivestreamUrl('http://live.example.org/stream/42')).toBe(false);
    expect(isLivestreamUrl('https://192.168.1.10/stream')).toBe(false);
  });
});
