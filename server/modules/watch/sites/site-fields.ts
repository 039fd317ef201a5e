import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { WatchSiteDetails } from './site.contract.ts';

/** Field-crypto context of watch_sites.details_enc (platform/crypto/encrypted-columns.ts). */
export const siteDetailsContext = 'watch_sites.details';

export function encryptSiteDetails(crypto: FieldCrypto, details: WatchSiteDetails): string {
  return crypto.encrypt(JSON.stringify(details), siteDetailsContext);
}

export function decryptSiteDetails(crypto: FieldCrypto, envelope: string): WatchSiteDetails {
  return JSON.parse(crypto.decrypt(envelope, siteDetailsContext)) as WatchSiteDetails;
}
