import { describe, expect, it } from 'vitest';
import { listOf } from './list-of.ts';

type Channel = 'sms' | 'push' | 'email';

describe('a literal list held to a union', () => {
  it('is the list as written, in the screen’s own order', () => {
    expect(listOf<Channel>()(['email', 'sms', 'push'])).toEqual(['email', 'sms', 'push']);
  });

  // These lines are checked by `npm run typecheck` (tsc -p web): each must stay an error.
  it('does not compile when the list misses, adds or repeats a member', () => {
    const channels = listOf<Channel>();
    // @ts-expect-error 'push' is missing
    expect(channels(['sms', 'email'])).toHaveLength(2);
    // @ts-expect-error 'fax' is not a channel
    expect(channels(['sms', 'email', 'push', 'fax'])).toHaveLength(4);
    // @ts-expect-error 'sms' twice
    expect(channels(['sms', 'email', 'push', 'sms'])).toHaveLength(4);
  });
});
