export interface AuditLogTable {
  id: string;
  /** The network id, or '-' for the deployment-wide chain. */
  chain: string;
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  actor_member_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  /** JSON with ids and internal-class fields only, never sensitive values. */
  metadata: string;
  created_at: number;
  prev_hash: string;
  hash: string;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    audit_log: AuditLogTable;
  }
}
