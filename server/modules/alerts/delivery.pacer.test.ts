import { describe, expect, it } from 'vitest';
import { createHandOffPacer } from './delivery.pacer.ts';

describe('hand-off pacer', () => {
  it('spaces concurrent callers by the largest interval of their keys, in call order', async () => {
    const pacer = createHandOffPacer();
    const keys = [
      { key: 'sms', intervalMs: 10 },
      { key: 'sms:network', intervalMs: 40 },
    ];
    const startedAt = Date.now();
    const handedAt: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async (_, index) => {
        await pacer.waitTurn(keys);
        handedAt[index] = Date.now();
        order.push(index);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // The i-th caller's turn is 40 ms after the one before; none is let go before its turn (a
    // busy machine may only let one go late).
    handedAt.forEach((time, index) => expect(time).toBeGreaterThanOrEqual(startedAt + 40 * index));
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
