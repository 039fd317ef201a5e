import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { DialectName } from '../../../platform/database/database.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { newId } from '../../../platform/ids/ids.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import { findNetworkById } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { selectRecipientPage } from '../subscriptions/index.ts';
import type { RecipientQuery } from '../subscriptions/index.ts';
import { listExerciseRecipientMembers } from './alert-sources.repository.ts';
import { advancePlanCursor, findAlertById } from './alert.repository.ts';
import type { AlertDeliveriesTable, AlertsTable, DeliveryChannel } from './alert.tables.ts';
import { enqueueDeliveryJobs, insertDeliveries, listDeliveriesOfAlert } from './delivery.repository.ts';
import { deliveryTimeFor } from './quiet-hours.ts';

export const deliveryJobNames: Record<DeliveryChannel, string> = {
  sms: 'alerts.deliverSms',
  push: 'alerts.deliverPush',
  email: 'alerts.deliverEmail',
};

/** Recipients per transaction: small enough to keep locks short, large enough to amortize commits. */
export const planBatchSize = 500;

type Phase = 'zip' | 'circle' | 'members' | 'thread' | 'done';
interface PlanCursor {
  phase: Phase;
  after: string | null;
}
type Recipient = Pick<AlertDeliveriesTable, 'recipient_kind' | 'recipient_id' | 'channel' | 'language'>;

export interface PlannerDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  jobs: JobWaker;
}

/**
 * The planner of one approved alert: selects its recipients a batch at a time and writes, per
 * batch and in one transaction, the delivery rows (unique per alert, recipient and channel), one
 * delivery job per row, and the cursor. A crash loses at most the uncommitted batch, which the
 * retried job redoes; a duplicate run loses the cursor race and stops.
 */
export async function planAlert(deps: PlannerDeps, alertId: string, signal: AbortSignal): Promise<void> {
  const alert = await findAlertById(deps.db, alertId);
  if (!alert || alert.state !== 'approved' || alert.plan_state === 'planned') return;
  const network = await findNetworkById(deps.db, alert.network_id);
  if (!network) return;
  if (alert.kind !== 'alert') await requireOriginalPlanned(deps.db, alert);
  const phases = phasesFor(alert);
  let stored = alert.plan_cursor;
  let cursor: PlanCursor = parseCursor(stored) ?? { phase: phases[0] ?? 'done', after: null };
  while (cursor.phase !== 'done') {
    if (signal.aborted) throw new Error('planner stopped; it resumes from its cursor');
    const page = await recipientPage(deps.db, alert, network, cursor);
    const next: PlanCursor =
      page.nextAfter !== null
        ? { phase: cursor.phase, after: page.nextAfter }
        : { phase: nextPhase(phases, cursor.phase), after: null };
    const nextStored = JSON.stringify(next);
    const isMine = await deps.db
      .transaction()
      .execute((trx) =>
        writeBatch(deps, trx, { alert, network, stored, nextStored, next, recipients: page.recipients }),
      );
    if (!isMine) return;
    deps.jobs.wake();
    stored = nextStored;
    cursor = next;
  }
}

async function writeBatch(
  deps: PlannerDeps,
  trx: Transaction<Database>,
  input: {
    alert: AlertsTable;
    network: Network;
    stored: string | null;
    nextStored: string;
    next: PlanCursor;
    recipients: Recipient[];
  },
): Promise<boolean> {
  const now = deps.clock.now();
  const isDone = input.next.phase === 'done';
  const isMine = await advancePlanCursor(trx, input.alert.id, input.stored, {
    plan_cursor: input.nextStored,
    plan_state: isDone ? 'planned' : 'planning',
    ...(isDone ? { planned_at: now } : {}),
    updated_at: now,
  });
  if (!isMine) return false;
  const rows: AlertDeliveriesTable[] = input.recipients.map((recipient) => ({
    ...recipient,
    id: newId(),
    network_id: input.alert.network_id,
    alert_id: input.alert.id,
    status: 'pending',
    attempts: 0,
    slot_at: null,
    sending_until: null,
    retry_at: null,
    provider_message_id: null,
    provider_status: null,
    error_code: null,
    created_at: now,
    updated_at: now,
    sent_at: null,
  }));
  const inserted = await insertDeliveries(trx, rows);
  // Updates and all-clears wait for the end of quiet hours; urgent alerts and their fixes never do.
  const runAt = deliveryTimeFor(now, input.network.timezone, input.alert.urgency);
  await enqueueDeliveryJobs(
    trx,
    deps.dialect,
    inserted.map((delivery) => ({
      id: newId(),
      name: deliveryJobNames[delivery.channel],
      deliveryId: delivery.id,
      runAt,
      now,
    })),
  );
  return true;
}

function phasesFor(alert: AlertsTable): Phase[] {
  if (alert.kind !== 'alert') return ['thread'];
  return alert.status === 'exercise' ? ['zip', 'circle', 'members'] : ['zip', 'circle'];
}

function nextPhase(phases: Phase[], current: Phase): Phase {
  return phases[phases.indexOf(current) + 1] ?? 'done';
}

function parseCursor(stored: string | null): PlanCursor | null {
  if (!stored) return null;
  try {
    return JSON.parse(stored) as PlanCursor;
  } catch {
    return null;
  }
}

/** A correction goes to the original's recipients: wait until all of them are known. */
async function requireOriginalPlanned(db: Kysely<Database>, alert: AlertsTable): Promise<void> {
  const original = await findAlertById(db, alert.thread_id);
  if (original && original.plan_state !== 'planned') {
    throw new Error('the original alert is still being planned; retrying');
  }
}

async function recipientPage(
  db: Kysely<Database>,
  alert: AlertsTable,
  network: Network,
  cursor: PlanCursor,
): Promise<{ recipients: Recipient[]; nextAfter: string | null }> {
  const defaultLanguage = network.languages[0] ?? 'en';
  switch (cursor.phase) {
    case 'zip':
    case 'circle': {
      const query: RecipientQuery = {
        networkId: alert.network_id,
        zip: alert.zip,
        point: { lat: alert.lat, lon: alert.lon },
        isExerciseOnly: alert.status === 'exercise',
        requiresUpdates: alert.urgency === 'update',
      };
      const page = await selectRecipientPage(db, query, cursor.phase, cursor.after, planBatchSize);
      return {
        recipients: page.subscribers.map((subscriber) => ({
          recipient_kind: 'subscriber',
          recipient_id: subscriber.subscriberId,
          channel: subscriber.channel,
          language: subscriber.language,
        })),
        nextAfter: page.nextAfter,
      };
    }
    case 'members': {
      const members = await listExerciseRecipientMembers(db, alert.network_id, cursor.after, planBatchSize);
      return {
        recipients: members.map((member) => ({
          recipient_kind: 'member',
          recipient_id: member.id,
          channel: 'email',
          language: firstOffered(member.languages, network.languages) ?? defaultLanguage,
        })),
        nextAfter: members.length < planBatchSize ? null : (members.at(-1)?.id ?? null),
      };
    }
    case 'thread': {
      const deliveries = await listDeliveriesOfAlert(db, alert.thread_id, cursor.after, planBatchSize);
      return {
        recipients: deliveries.map(({ recipient_kind, recipient_id, channel, language }) => ({
          recipient_kind,
          recipient_id,
          channel,
          language,
        })),
        nextAfter: deliveries.length < planBatchSize ? null : (deliveries.at(-1)?.id ?? null),
      };
    }
    case 'done':
      return { recipients: [], nextAfter: null };
  }
}

function firstOffered(stored: string, offered: readonly string[]): string | null {
  try {
    const languages: unknown = JSON.parse(stored);
    if (!Array.isArray(languages)) return null;
    return (
      (languages as unknown[]).find(
        (language): language is string => typeof language === 'string' && offered.includes(language),
      ) ?? null
    );
  } catch {
    return null;
  }
}
