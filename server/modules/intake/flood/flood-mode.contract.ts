import { z } from 'zod';

/** POST /api/network/flood-mode. */
export const floodModeSchema = z.strictObject({ isOn: z.boolean() });

/** The network's flood mode: while on, unknown sources get tight limits and known ones keep theirs. */
export interface FloodModeState {
  isOn: boolean;
  changedAt: number | null;
  changedBy: string | null;
}

/** GET and POST /api/network/flood-mode. */
export interface FloodModeAnswer {
  floodMode: FloodModeState;
}
