import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/clock.ts';
import type { Database } from '../../platform/database/schema.ts';
import { newSecretToken } from '../../platform/ids/ids.ts';

const setupLinkLifetimeMs = 24 * 60 * 60 * 1000;

export function hashSetupToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function hasAnyNetwork(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('networks').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * While no network exists, makes a fresh one-time setup token (older unused ones stop working)
 * and returns it; returns null once the deployment is set up. Only the hash is stored.
 */
export async function issueSetupTokenIfNeeded(deps: {
  db: Kysely<Database>;
  clock: Clock;
}): Promise<string | null> {
  if (await hasAnyNetwork(deps.db)) return null;
  const token = newSecretToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
    await trx
      .insertInto('setup_tokens')
      .values({
        token_hash: hashSetupToken(token),
        created_at: now,
        expires_at: now + setupLinkLifetimeMs,
        used_at: null,
      })
      .execute();
  });
  return token;
}
