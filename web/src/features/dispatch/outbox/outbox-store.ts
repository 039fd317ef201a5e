import { deleteDB, openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';

/**
 * The phone's outbox: outcomes and files made while the connection was down, kept in IndexedDB
 * until the server acknowledges them. Everything a person wrote or filmed is sealed with AES-GCM
 * under a key made for this session: a non-extractable CryptoKey (the browser never hands its
 * bytes to script, so the database holds no key material that can be copied out). Sign-out and
 * quick exit delete the whole database, key and items alike.
 */
export const outboxDatabaseName = 'amparo-outbox';

export type OutboxKind = 'outcome' | 'file';
export type OutboxState = 'pending' | 'failed';

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface OutboxRecord {
  /** Also the Idempotency-Key the server sees on every attempt. */
  id: string;
  offerId: string;
  kind: OutboxKind;
  /** Size of the file (0 for an outcome), to tell items apart on screen. */
  sizeBytes: number;
  createdAt: number;
  attempts: number;
  state: OutboxState;
  /** The server's error code when it refused the item for good. */
  errorCode: string | null;
  /** JSON of the outcome report, or of the file's name and type. */
  sealedMeta: Sealed;
  /** The file's bytes; null for an outcome. */
  sealedBody: Sealed | null;
}

interface OutboxSchema extends DBSchema {
  keys: { key: string; value: CryptoKey };
  items: { key: string; value: OutboxRecord; indexes: { byCreatedAt: number } };
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;
/** After a wipe, reading must not bring an empty database (and a new key) back into being. */
let isWiped = false;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(outboxDatabaseName, 1, {
    upgrade(db) {
      db.createObjectStore('keys');
      db.createObjectStore('items', { keyPath: 'id' }).createIndex('byCreatedAt', 'createdAt');
    },
  });
  return opened;
}

/** This session's sealing key, made on first use; never extractable. */
async function sessionKey(): Promise<CryptoKey> {
  const db = await database();
  const existing = await db.get('keys', 'session');
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  await db.put('keys', key, 'session');
  return key;
}

export async function seal(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(12)));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sessionKey(), bytes);
  return { iv, data };
}

export async function unseal(sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await sessionKey(), sealed.data);
}

export async function putRecord(record: OutboxRecord): Promise<void> {
  isWiped = false;
  await (await database()).put('items', record);
}

export async function deleteRecord(id: string): Promise<void> {
  if (isWiped) return;
  await (await database()).delete('items', id);
}

/** Oldest first: the order the responder made them in. */
export async function listRecords(): Promise<OutboxRecord[]> {
  if (isWiped) return [];
  return (await database()).getAllFromIndex('items', 'byCreatedAt');
}

/** Deletes the outbox (items and key). Called at sign-out and quick exit. */
export async function wipeOutboxStore(): Promise<void> {
  isWiped = true;
  const current = opened;
  opened = null;
  if (current) (await current.catch(() => null))?.close();
  await deleteDB(outboxDatabaseName);
}
