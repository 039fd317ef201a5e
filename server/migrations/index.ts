import type { Migration } from 'kysely';
import * as foundation from './2026_11_29_0001_foundation.ts';
import * as identity from './2026_11_29_0002_identity.ts';

/** Every migration, in order. Names are permanent once shipped. */
export const migrations: Record<string, Migration> = {
  '2026_11_29_0001_foundation': foundation,
  '2026_11_29_0002_identity': identity,
};
