import { describe, expect, it } from 'vitest';
import { createHandOffPacer, handOffGuardMs } from './delivery-pacer.ts';

/** Calls `waitTurn` for `count` concurrent callers; returns when each really went, in call order. */
async function wentTimes(
  pacer: ReturnType<typeof createHandOffPacer>,
  keys: { key: string; intervalMs: number }[],
  count: number,
  clock: () => number,
): Promise<number[]> {
  const went: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      await pacer.waitTurn(keys);
      went[index] = clock();
    }),
  );
  return went;
}

describe('hand-off pacer', () => {
  it('spaces concurrent callers by the largest interval of their keys, in call order', async () => {
    const pacer = createHandOffPacer();
    const startedAt = Date.now();
    const went = await wentTimes(
      pacer,
      [
        { key: 'sms', intervalMs: 10 },
        { key: 'sms:network', intervalMs: 40 },
      ],
      5,
      Date.now,
    );
    // None is let go before its turn, 40 ms after the one before (a busy machine may only be late).
    went.forEach((time, index) => expect(time).toBeGreaterThanOrEqual(startedAt + 40 * index));
    expect([...went].sort((a, b) => a - b)).toEqual(went);
  });

  it('never lets the rate + 1 texts into one second, even when a text goes late', async () => {
    // A wall clock that jumps: the first text "goes" 7 ms late, as under a busy event loop.
    let skew = 0;
    const clock = () => Date.now() + skew;
    const pacer = createHandOffPacer(clock);
    const keys = [{ key: 'sms', intervalMs: 100 }]; // 10 per second
    await pacer.waitTurn(keys);
    const firstWent = clock();
    skew = 7;
    const went = [firstWent, ...(await wentTimes(pacer, keys, 12, clock))];
    for (let index = 10; index < went.length; index += 1) {
      expect(went[index]! - went[index - 10]!).toBeGreaterThanOrEqual(1000 + handOffGuardMs);
    }
  });

  it('keeps other networks to the shared account key only', async () => {
    const pacer = createHandOffPacer();
    const started = performance.now();
    await pacer.waitTurn([
      { key: 'sms', intervalMs: 5 },
      { key: 'sms:a', intervalMs: 500 },
    ]);
    await pacer.waitTurn([
      { key: 'sms', intervalMs: 5 },
      { key: 'sms:b', intervalMs: 500 },
    ]);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(4);
    expect(elapsed).toBeLessThan(400);
  });
});
