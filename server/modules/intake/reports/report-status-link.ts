import { timingSafeEqual } from 'node:crypto';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';

const statusLinkPurpose = 'reports.status_link';

/**
 * A reporter's status link names their own report, never the incident it joined (issue 27: the
 * incident's id told a reporter that others had already reported nearby). The token is the report
 * id and a keyed hash of it: nothing is stored, and it cannot be forged without the index key.
 */
export function reportStatusPath(crypto: FieldCrypto, slug: string, reportId: string): string {
  const token = `${reportId}.${crypto.blindIndex(reportId, statusLinkPurpose)}`;
  return `/s/${encodeURIComponent(slug)}/r/${encodeURIComponent(token)}`;
}

/** The report id a status token was made for, or null when it was altered. */
export function reportIdFromStatusToken(crypto: FieldCrypto, token: string): string | null {
  const separator = token.indexOf('.');
  if (separator < 1 || token.length > 200) return null;
  const reportId = token.slice(0, separator);
  const expected = Buffer.from(`${reportId}.${crypto.blindIndex(reportId, statusLinkPurpose)}`);
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? reportId : null;
}

/**
 * Where a weaponized tip's stand-in status lives (tips/tip_status_decoys): a keyed hash of the
 * report id, so the tipster's own link finds it and nothing else can.
 */
export function tipStatusDecoyKey(crypto: FieldCrypto, reportId: string): string {
  return crypto.blindIndex(reportId, 'tips.status_decoy');
}
