/**
 * Every database column that holds field-crypto envelopes.
 *
 * TO EVERY MODULE: when you add an `_enc` column, append ONE line below in the same change:
 *   { table: 'cases', idColumn: 'id', column: 'notes_enc', context: 'cases.notes' },
 * - `context` is exactly the string your code passes to `crypto.encrypt` / `crypto.decrypt`;
 * - `idColumn` is a unique, non-null text column (rotation pages through the table by it).
 *
 * `amparo keys rotate` re-encrypts only the columns listed here, and a test fails when a migrated
 * `_enc` column is missing from this list, because a missed column would keep needing an old key.
 */
export interface EncryptedColumn {
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
  readonly context: string;
}

export const encryptedColumns: readonly EncryptedColumn[] = [
  { table: 'members', idColumn: 'id', column: 'display_name_enc', context: 'members.display_name' },
  { table: 'members', idColumn: 'id', column: 'email_enc', context: 'members.email' },
  {
    table: 'totp_credentials',
    idColumn: 'member_id',
    column: 'secret_enc',
    context: 'totp_credentials.secret',
  },
];
