import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { generateVapidKeys } from '../../../platform/push/index.ts';
import type { VapidKeys } from '../../../platform/push/index.ts';
import { vapidPrivateKeyContext } from './subscription-contacts.ts';
import { insertVapidKeysIfAbsent, selectVapidKeys } from './subscription.repository.ts';

const deploymentKeyId = 'default';
const cache = new WeakMap<Kysely<Database>, Promise<VapidKeys>>();

/**
 * The deployment's VAPID key pair, made on first use and kept in the database (private key
 * encrypted) so every app node and worker signs with the same pair; browsers subscribed with its
 * public key. Cached per process after the first read.
 */
export function loadVapidKeys(deps: {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  clock: Clock;
}): Promise<VapidKeys> {
  let keys = cache.get(deps.db);
  if (!keys) {
    keys = readOrCreate(deps);
    cache.set(deps.db, keys);
    // A failed read (database down) must not be remembered.
    keys.catch(() => cache.delete(deps.db));
  }
  return keys;
}

async function readOrCreate(deps: {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  clock: Clock;
}): Promise<VapidKeys> {
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
