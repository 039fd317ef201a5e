/** A second factor a session can prove: a WebAuthn passkey or an authenticator app code. */
export type SecondFactorMethod = 'passkey' | 'totp';

export interface SessionsTable {
  id: string;
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  token_hash: string;
  member_id: string;
  network_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  second_factor_at: number | null;
  /** Which factor was proved at second_factor_at: approvals and admin actions need 'passkey' (ADR 0026). */
  second_factor_method?: SecondFactorMethod | null;
  revoked_at: number | null;
}

export interface TotpCredentialsTable {
  member_id: string;
  secret_enc: string;
  /** The last 30-second step accepted: a code is usable once. */
  last_used_step: number | null;
  confirmed_at: number | null;
  created_at: number;
}

export interface WebauthnCredentialsTable {
  /** Credential id, base64url. */
  id: string;
  member_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  transports: string;
  /** The member's name for it, encrypted (context 'webauthn_credentials.name'); null: never named. */
  name_enc: string | null;
  created_at: number;
  last_used_at: number | null;
}

export interface WebauthnChallengesTable {
  id: string;
  member_id: string | null;
  challenge: string;
  /** 'authenticate': signing in (member_id null for a passwordless sign-in); 'step-up': a signed-in member. */
  purpose: 'register' | 'authenticate' | 'step-up';
  expires_at: number;
}

/** A password that was right, waiting for the second factor: single use, five minutes. */
export interface PendingSignInsTable {
  id: string;
  /** SHA-256 of the token handed to the browser. */
  token_hash: string;
  member_id: string;
  network_id: string;
  /** Wrong codes so far; the pending sign-in is dropped after a few. */
  failed_attempts: number;
  created_at: number;
  expires_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    sessions: SessionsTable;
    totp_credentials: TotpCredentialsTable;
    webauthn_credentials: WebauthnCredentialsTable;
    webauthn_challenges: WebauthnChallengesTable;
    pending_sign_ins: PendingSignInsTable;
  }
}
