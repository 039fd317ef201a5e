import type { RotaExceptionKind, RotaRole } from './rota.contract.ts';

export interface RotaShiftsTable {
  id: string;
  network_id: string;
  member_id: string;
  role: RotaRole;
  /** null: every area the member's role covers. */
  area_id: string | null;
  /** Local to the network's time zone: 0 = Sunday; minutes from midnight (end ≤ start: past midnight). */
  weekday: number;
  start_minute: number;
  end_minute: number;
  created_by: string;
  created_at: number;
}

export interface RotaExceptionsTable {
  id: string;
  network_id: string;
  member_id: string;
  role: RotaRole;
  area_id: string | null;
  kind: RotaExceptionKind;
  starts_at: number;
  ends_at: number;
  /** Both halves of a swap (one 'off', one 'extra') share it. */
  swap_id: string | null;
  created_by: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    rota_shifts: RotaShiftsTable;
    rota_exceptions: RotaExceptionsTable;
  }
}
