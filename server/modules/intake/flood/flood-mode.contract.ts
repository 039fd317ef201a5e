import { z } from 'zod';

/** POST /api/network/flood-mode. */
export const floodModeSchema = z.strictObject({ isOn: z.boolean() });

/** The network's flood mode: while on, unknown sources get tight limits and known ones keep theirs. */
export interface FloodModeState {
  isOn: boolean;
  changedAt: number | null;
  changedBy: string | null;
}

/** Reports the intake limits held back in one minute, by what held them (counts only). */
export interface HeldMinute {
  startsAt: number;
  total: number;
  /** Too many from one phone, address prefix or operator. */
  bySource: number;
  /** Too many from one ~1 km cell or ZIP code. */
  byPlace: number;
  /** The network's budget for the minute (or the server's own cap). */
  byBudget: number;
}

export interface HeldByLimit {
  windowMs: number;
  /** How far back `minutes` looks; minutes with nothing held are left out, newest first. */
  shownMs: number;
  minutes: HeldMinute[];
}

/** Reports accepted (stored) and held back by the limits in one minute (counts only). */
export interface FlowMinute {
  startsAt: number;
  accepted: number;
  held: number;
}

/** Flood mode's effect: every minute of the last `shownMs`, oldest first, empty minutes included. */
export interface IntakeFlow {
  windowMs: number;
  shownMs: number;
  minutes: FlowMinute[];
}

/**
 * GET and POST /api/network/flood-mode (GET also tells what the limits held back lately, and the
 * reports accepted and held per minute).
 */
export interface FloodModeAnswer {
  floodMode: FloodModeState;
  heldByLimit?: HeldByLimit;
  intakeFlow?: IntakeFlow;
}
