import { describe, expect, it } from 'vitest';
import { isAddressInRanges, parseAddressRanges } from './address-lists.ts';

function rangesOf(text: string): string[] {
  const parsed = parseAddressRanges(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

describe('isAddressInRanges', () => {
  const ranges = rangesOf('10.20.0.0/16,192.168.1.5,fd12::/16');

  it('matches addresses inside a listed range or equal to a listed address', () => {
    expect(isAddressInRanges('10.20.3.4', ranges)).toBe(true);
    expect(isAddressInRanges('192.168.1.5', ranges)).toBe(true);
    expect(isAddressInRanges('fd12::1', ranges)).toBe(true);
    expect(isAddressInRanges('::ffff:10.20.0.9', ranges)).toBe(true);
  });

  it('does not match neighbours, other families or names', () => {
    expect(isAddressInRanges('10.21.0.1', ranges)).toBe(false);
    expect(isAddressInRanges('192.168.1.6', ranges)).toBe(false);
    expect(isAddressInRanges('fd13::1', ranges)).toBe(false);
    expect(isAddressInRanges('relay.internal', ranges)).toBe(false);
    expect(isAddressInRanges('10.20.3.4', [])).toBe(false);
  });
});
