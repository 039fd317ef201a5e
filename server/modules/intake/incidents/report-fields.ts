/**
 * Field-crypto contexts of the reports table (listed in platform/crypto/encrypted-columns.ts). The
 * reports module encrypts with them at intake; incidents decrypt them for the dispatcher.
 */
export const reportFieldContexts = {
  description: 'reports.description',
  locationText: 'reports.location_text',
  locationPoint: 'reports.location_point',
  callbackContact: 'reports.callback_contact',
} as const;
