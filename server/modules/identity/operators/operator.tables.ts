/** A deployment operator (ADR 0032): belongs to no network; creates, watches and suspends networks. */
export interface OperatorsTable {
  id: string;
  /** Blind index of the normalized email (sign-in), unique among operators. */
  email_index: string;
  /** The email, encrypted (context 'operators.email'). */
  email_enc: string;
  /** Null until the setup link is used. */
  password_hash: string | null;
  /** The authenticator app's secret, encrypted (context 'operators.totp_secret'); null until setup. */
  totp_secret_enc: string | null;
  /** The last 30-second step accepted: a code is usable once. */
  totp_last_step: number | null;
  /** SHA-256 of the one-time setup link's token; null once used. */
  setup_token_hash: string | null;
  setup_expires_at: number | null;
  created_at: number;
}

export interface OperatorSessionsTable {
  id: string;
  /** SHA-256 of the cookie token. */
  token_hash: string;
  operator_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    operators: OperatorsTable;
    operator_sessions: OperatorSessionsTable;
  }
}
