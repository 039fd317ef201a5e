import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobRegistry, defaultMaxAttempts, defineJob, recurring } from './job-definition.ts';

const handle = () => Promise.resolve();
const ping = defineJob({ name: 'test.ping', payload: z.object({ id: z.string() }), handle });

describe('defineJob', () => {
  it('accepts <module>.<verb> names only', () => {
    for (const name of ['ping', 'Test.ping', 'test.ping.more', 'test.', 'test ping', 'test.ping!']) {
      expect(() => defineJob({ name, payload: z.object({}), handle })).toThrow(/<module>.<verb>/);
    }
    expect(defineJob({ name: 'alerts.deliverBatch', payload: z.object({}), handle }).name).toBe(
      'alerts.deliverBatch',
    );
  });

  it('defaults maxAttempts and rejects nonsense limits', () => {
    expect(ping.maxAttempts).toBe(defaultMaxAttempts);
    for (const maxAttempts of [0, -1, 1.5, 101]) {
      expect(() => defineJob({ name: 'test.bad', payload: z.object({}), maxAttempts, handle })).toThrow(
        /maxAttempts/,
      );
    }
  });
});

describe('createJobRegistry', () => {
  it('finds jobs by name and lists the names a worker may claim', () => {
    const registry = createJobRegistry({ jobs: [ping] });
    expect(registry.names).toEqual(['test.ping']);
    expect(registry.find('test.ping')).toBe(ping);
    expect(registry.find('test.other')).toBeUndefined();
  });

  it('fails fast on duplicate names and on schedules that cannot work', () => {
    const twin = defineJob({ name: 'test.ping', payload: z.object({}), handle });
    expect(() => createJobRegistry({ jobs: [ping, twin] })).toThrow(/defined twice/);
    expect(() => createJobRegistry({ jobs: [], recurring: [recurring(ping, 60_000, { id: 'a' })] })).toThrow(
      /not in the registry/,
    );
    expect(() => createJobRegistry({ jobs: [ping], recurring: [recurring(ping, 10, { id: 'a' })] })).toThrow(
      /everyMs/,
    );
    const badPayload = { ...recurring(ping, 60_000, { id: 'a' }), payload: { id: 42 } };
    expect(() => createJobRegistry({ jobs: [ping], recurring: [badPayload] })).toThrow(/payload/);
  });
});
