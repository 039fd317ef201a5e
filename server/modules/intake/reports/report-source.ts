import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';

/** Blind-index purpose of `reports.source_hash`; every channel must use this one. */
export const reportSourcePurpose = 'reports.source';

/**
 * Who sent a report, only so an incident can count distinct sources and intake can rate-limit:
 * - `phone`: a texter's or caller's number (SMS, operator) — the same person on every channel;
 * - `web`: a coarse key of the web client (an IP prefix, never a full address), scoped to one UTC
 *   day so it cannot link a reporter's reports across days.
 */
export type ReportSource = { kind: 'phone'; phone: string } | { kind: 'web'; key: string; day: string };

/** Digits only, with a US country code added to 10-digit numbers, so one number has one form. */
export function normalizePhone(phone: string): string | null {
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return digits.length === 10 ? `1${digits}` : digits;
}

/** The keyed hash stored in `reports.source_hash`; null when there is nothing to count by. */
export function sourceHashOf(crypto: FieldCrypto, source: ReportSource | null): string | null {
  if (!source) return null;
  if (source.kind === 'phone') {
    const phone = normalizePhone(source.phone);
    return phone ? crypto.blindIndex(`phone:${phone}`, reportSourcePurpose) : null;
  }
  return crypto.blindIndex(`web:${source.day}:${source.key}`, reportSourcePurpose);
}

/** IPv4 /24 or IPv6 /48: enough to tell sources apart, too coarse to point at one household. */
export function ipPrefixOf(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = address.toLowerCase().split('::')[0]?.split(':') ?? [];
  return `${groups.slice(0, 3).join(':')}::/48`;
}
