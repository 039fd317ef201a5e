import { describe, expect, it } from 'vitest';
import { eventChannelFor } from './postgres-event-bus.ts';

describe('eventChannelFor', () => {
  it('names the channel after the schema', () => {
    expect(eventChannelFor('tenant_a')).toBe('amparo_events_tenant_a');
    expect(eventChannelFor()).toBe('amparo_events_public');
  });

  it('stays within PostgreSQL identifier length for long schema names, and stays distinct', () => {
    const long = 'a'.repeat(62);
    const channel = eventChannelFor(`${long}1`);
    expect(channel.length).toBeLessThanOrEqual(63);
    expect(channel).not.toBe(eventChannelFor(`${long}2`));
  });
});
