/**
 * The deployment's VAPID key pair (one row, id `default`). Platform-owned like the jobs table: the
 * push adapter signs with it, and no module names it in SQL.
 */
export interface VapidKeysTable {
  id: string;
  public_key: string;
  /** Envelope under the field-crypto context `vapid_keys.private_key`. */
  private_key_enc: string;
  created_at: number;
}

declare module '../database/schema.ts' {
  interface Database {
    vapid_keys: VapidKeysTable;
  }
}
