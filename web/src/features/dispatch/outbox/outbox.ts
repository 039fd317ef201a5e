import { ApiError } from '../../../lib/api.ts';
import { uploadEvidenceFile } from '../../evidence/api/upload-evidence-file.ts';
import { sendOutcomeOnce } from '../api/responder.ts';
import type { OutcomeInput } from '../api/types.ts';
import { deleteRecord, listRecords, putRecord, seal, unseal, wipeOutboxStore } from './outbox-store.ts';
import type { OutboxRecord } from './outbox-store.ts';

/** What the screen shows of an item: never its content, which stays sealed. */
export interface OutboxItem {
  id: string;
  offerId: string;
  kind: OutboxRecord['kind'];
  sizeBytes: number;
  state: OutboxRecord['state'] | 'sent';
  errorCode: string | null;
}

const maxBackoffMs = 60_000;
const listeners = new Set<() => void>();
/** Items the server acknowledged in this page's life, shown as sent. */
const acknowledged: OutboxItem[] = [];
let isDraining = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function notify(): void {
  for (const listener of listeners) listener();
}

export function subscribeToOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function listOutbox(): Promise<OutboxItem[]> {
  const records = await listRecords();
  return [
    ...acknowledged,
    ...records.map(({ id, offerId, kind, sizeBytes, state, errorCode }) => ({
      id,
      offerId,
      kind,
      sizeBytes,
      state,
      errorCode,
    })),
  ];
}

async function enqueue(record: Omit<OutboxRecord, 'createdAt' | 'attempts' | 'state' | 'errorCode'>) {
  await putRecord({ ...record, createdAt: Date.now(), attempts: 0, state: 'pending', errorCode: null });
  notify();
  void drainOutbox();
}

/** Keeps the outcome on the phone (sealed) and sends it now or when the connection returns. */
export async function queueOutcome(offerId: string, report: OutcomeInput): Promise<void> {
  await enqueue({
    id: crypto.randomUUID(),
    offerId,
    kind: 'outcome',
    sizeBytes: 0,
    sealedMeta: await seal(encoder.encode(JSON.stringify(report))),
    sealedBody: null,
  });
}

/** Keeps a photo or video on the phone (sealed); `id` is the upload's Idempotency-Key. */
export async function queueFile(offerId: string, file: File, id: string): Promise<void> {
  await enqueue({
    id,
    offerId,
    kind: 'file',
    sizeBytes: file.size,
    sealedMeta: await seal(encoder.encode(JSON.stringify({ name: file.name, type: file.type }))),
    sealedBody: await seal(await file.arrayBuffer()),
  });
}

async function sendRecord(record: OutboxRecord): Promise<void> {
  const meta: unknown = JSON.parse(decoder.decode(await unseal(record.sealedMeta)));
  if (record.kind === 'outcome') {
    await sendOutcomeOnce(record.offerId, meta as OutcomeInput, record.id);
    return;
  }
  const { name, type } = meta as { name: string; type: string };
  const bytes = record.sealedBody ? await unseal(record.sealedBody) : new ArrayBuffer(0);
  await uploadEvidenceFile(record.offerId, new File([bytes], name, { type }), () => undefined, record.id);
}

/** The server answered and will answer the same again: retrying cannot help. */
function isFinalRefusal(caught: unknown): caught is ApiError {
  return (
    caught instanceof ApiError &&
    caught.status >= 400 &&
    caught.status < 500 &&
    ![401, 408, 429].includes(caught.status)
  );
}

/**
 * Sends the pending items in order, one at a time. A dropped connection (or a server error)
 * stops the run and schedules the next with exponential backoff; coming back online starts one
 * at once. A final refusal (a 4xx) marks the item failed with its code, for the responder to see.
 */
export async function drainOutbox(): Promise<void> {
  if (isDraining) return;
  isDraining = true;
  try {
    for (const record of await listRecords()) {
      if (record.state !== 'pending') continue;
      try {
        await sendRecord(record);
        await deleteRecord(record.id);
        acknowledged.push({ ...record, state: 'sent', errorCode: null });
      } catch (caught) {
        if (isFinalRefusal(caught)) {
          await putRecord({ ...record, state: 'failed', errorCode: caught.code });
        } else {
          const attempts = record.attempts + 1;
          await putRecord({ ...record, attempts });
          scheduleRetry(Math.min(maxBackoffMs, 1000 * 2 ** Math.min(attempts, 6)));
          return;
        }
      } finally {
        notify();
      }
    }
  } finally {
    isDraining = false;
  }
}

function scheduleRetry(delayMs: number): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void drainOutbox();
  }, delayMs);
}

/** A refused item the responder chose to drop. */
export async function discardOutboxItem(id: string): Promise<void> {
  await deleteRecord(id);
  notify();
}

/** Sign-out and quick exit: nothing the responder made stays on the phone. */
export async function wipeOutbox(): Promise<void> {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  acknowledged.length = 0;
  await wipeOutboxStore().catch(() => undefined);
  notify();
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void drainOutbox());
}
