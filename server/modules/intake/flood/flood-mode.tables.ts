/** A network's flood-mode switch (absent row: off). */
export interface IntakeFloodModesTable {
  network_id: string;
  is_on: number;
  changed_by: string | null;
  changed_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    intake_flood_modes: IntakeFloodModesTable;
  }
}
