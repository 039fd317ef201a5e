import type { Role } from './member.contract.ts';

export type PrivilegeGrantState = 'pending' | 'approved' | 'withdrawn';

/** A grant of coordinator or admin, waiting for (or given) a second admin's approval. */
export interface PrivilegeGrantsTable {
  id: string;
  network_id: string;
  member_id: string;
  role: Role;
  area_id: string | null;
  state: PrivilegeGrantState;
  requested_by: string;
  requested_at: number;
  decided_by: string | null;
  decided_at: number | null;
}

/** When a privileged role ended: recovering the member within 30 days needs a second approver. */
export interface PrivilegeRevocationsTable {
  id: string;
  network_id: string;
  member_id: string;
  role: Role;
  revoked_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    privilege_grants: PrivilegeGrantsTable;
    privilege_revocations: PrivilegeRevocationsTable;
  }
}
