/**
 * How a member's contact fields are stored: encrypted with the field context below, and the email
 * also as a blind index of its normalized form so sign-in and duplicate checks never need plaintext.
 */
export const memberFieldContexts = {
  displayName: 'members.display_name',
  email: 'members.email',
} as const;

/** The blind-index purpose for member emails (unique across the deployment). */
export const memberEmailIndexPurpose = 'members.email';

/** Case and surrounding spaces never make two accounts for one mailbox. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
