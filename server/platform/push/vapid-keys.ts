import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Database } from '../database/schema.ts';
import { insertVapidKeysIfAbsent, selectVapidKeys } from './vapid-keys.repository.ts';
import { generateVapidKeys } from './web-push-sender.ts';
import type { VapidKeys } from './web-push-sender.ts';

/** The field-crypto context of `vapid_keys.private_key_enc` (also listed in encrypted-columns.ts). */
export const vapidPrivateKeyContext = 'vapid_keys.private_key';

const deploymentKeyId = 'default';
const cache = new WeakMap<Kysely<Database>, Promise<VapidKeys>>();

export interface VapidKeyDeps {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  clock: Clock;
}

/**
 * The deployment's VAPID key pair, made on first use and kept in the database (private key
 * encrypted) so every app node and worker signs with the same pair; browsers subscribed with its
 * public key. Cached per process after the first read.
 */
export function loadVapidKeys(deps: VapidKeyDeps): Promise<VapidKeys> {
  let keys = cache.get(deps.db);
  if (!keys) {
    keys = readOrCreate(deps);
    cache.set(deps.db, keys);
    // A failed read (database down) must not be remembered.
    keys.catch(() => cache.delete(deps.db));
  }
  return keys;
}

async function readOrCreate(deps: VapidKeyDeps): Promise<VapidKeys> {
  let row = await selectVapidKeys(deps.db, deploymentKeyId);
  if (!row) {
    const fresh = generateVapidKeys();
    await insertVapidKeysIfAbsent(deps.db, {
      id: deploymentKeyId,
      public_key: fresh.publicKey,
      private_key_enc: deps.crypto.encrypt(fresh.privateKey, vapidPrivateKeyContext),
      created_at: deps.clock.now(),
    });
    row = await selectVapidKeys(deps.db, deploymentKeyId);
    if (!row) throw new Error('VAPID keys could not be stored');
  }
  return {
    publicKey: row.public_key,
    privateKey: deps.crypto.decrypt(row.private_key_enc, vapidPrivateKeyContext),
  };
}
