/** The one-time setup link (first run): only its SHA-256 is stored. */
export interface SetupTokensTable {
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** Set for a network a deployment operator created: the link makes that network's first admin. */
  network_id?: string | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    setup_tokens: SetupTokensTable;
  }
}
