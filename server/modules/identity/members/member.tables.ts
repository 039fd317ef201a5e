import type { MemberStatus, Role } from './member.contract.ts';

// The enums live in the contract (the members' app reads them); re-exported for the module's files.
export { roles } from './member.contract.ts';
export type { MemberStatus, Role } from './member.contract.ts';

export interface MembersTable {
  id: string;
  network_id: string;
  display_name_enc: string;
  email_enc: string;
  /** Blind index of the normalized email, unique across the deployment. */
  email_index: string;
  password_hash: string | null;
  status: MemberStatus;
  is_exercise_recipient: number;
  /** JSON array of language tags the member speaks. */
  languages: string;
  created_at: number;
  vetted_at: number | null;
  removed_at: number | null;
}

export interface MemberRolesTable {
  id: string;
  network_id: string;
  member_id: string;
  role: Role;
  /** null: the role applies in every area of the network. */
  area_id: string | null;
  granted_by: string | null;
  created_at: number;
  /** Until when this grant approves no alert (a newly approved privilege, ADR 0019); null: none. */
  cooling_off_until?: number | null;
}

export interface MemberVettingsTable {
  member_id: string;
  coordinator_id: string;
  network_id: string;
  created_at: number;
}

export interface InvitationsTable {
  id: string;
  network_id: string;
  token_hash: string;
  /** JSON array of { role, areaId | null } granted on acceptance. */
  roles: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
  revoked_at: number | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    members: MembersTable;
    member_roles: MemberRolesTable;
    member_vettings: MemberVettingsTable;
    invitations: InvitationsTable;
  }
}
