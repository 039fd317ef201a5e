/** A single-use link that lets a member who lost every factor set a new password. */
export interface MemberRecoveryLinksTable {
  id: string;
  network_id: string;
  /** The member being recovered. */
  member_id: string;
  /** SHA-256 of the link's token; the token itself is shown once to the admin who made it. */
  token_hash: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  /** 1 when the member held admin or coordinator: a second, different person must approve. */
  needs_approval: number;
  approved_by: string | null;
  approved_at: number | null;
  used_at: number | null;
  /** Set when a newer link for the same member replaced this one. */
  voided_at: number | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    member_recovery_links: MemberRecoveryLinksTable;
  }
}
