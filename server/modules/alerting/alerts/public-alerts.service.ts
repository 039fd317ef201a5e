import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/database/schema.ts';
import { distanceMeters } from '../../../platform/geo/index.ts';
import type { Network } from '../../identity/index.ts';
import { findAlertByPublicId, listAlertsOfThread, listPublishedAlerts } from './alert.repository.ts';
import { frozenContentOf, publishedMessagesOf } from './alert-content.ts';
import { messageFor, placeOf, publicPageUrl } from './alert-rendering.ts';
import type { AlertsTable } from './alert.tables.ts';
import { capSentAt } from './alert-content.service.ts';
import { capDocument } from './cap.ts';

/** How long an alert stays on the live page and in the live JSON. */
export const liveWindowMs = 24 * 60 * 60 * 1000;

export interface PublicAlert {
  publicId: string;
  /** The public id of the first alert of its thread (the same for its corrections and cancellation). */
  threadId: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  status: 'Actual' | 'Exercise';
  urgency: AlertsTable['urgency'];
  sentAt: string;
  /** Earlier alerts of the thread this one updates or cancels (public ids). */
  references: string[];
  isCancelled: boolean;
  isSuperseded: boolean;
  message: { language: string; headline: string; text: string };
  url: string;
  capUrl: string;
  area: { lat: number; lon: number; radiusMeters: number; description: string };
}

export const msgTypes = { alert: 'Alert', correction: 'Update', cancellation: 'Cancel' } as const;

/** A published alert (any network, exercises included) by its public id; null for drafts and unknown ids. */
export async function findPublishedAlert(
  db: Kysely<Database>,
  publicId: string,
): Promise<{ alert: AlertsTable; thread: AlertsTable[] } | null> {
  const alert = await findAlertByPublicId(db, publicId);
  if (!alert || alert.state !== 'approved') return null;
  return { alert, thread: await publishedThread(db, alert.thread_id) };
}

export async function publishedThread(db: Kysely<Database>, threadId: string): Promise<AlertsTable[]> {
  return (await listAlertsOfThread(db, threadId))
    .filter((alert) => alert.state === 'approved')
    .sort(byApproval);
}

/** Live, actual alerts of a network (newest first), each with its thread. */
export async function listLiveAlerts(
  db: Kysely<Database>,
  networkId: string,
  now: number,
): Promise<{ alert: AlertsTable; thread: AlertsTable[] }[]> {
  const alerts = await listPublishedAlerts(db, {
    networkId,
    since: now - liveWindowMs,
    limit: 200,
    isExerciseIncluded: false,
  });
  const threads = new Map<string, AlertsTable[]>();
  for (const threadId of new Set(alerts.map((alert) => alert.thread_id))) {
    threads.set(threadId, await publishedThread(db, threadId));
  }
  return alerts.map((alert) => ({ alert, thread: threads.get(alert.thread_id) ?? [alert] }));
}

/**
 * The area as published (page, JSON, CAP): the center rounded to 0.01° (about 1 km) and the
 * radius widened to still cover the incident's point. The planner matches subscribers on the
 * exact point; the public never gets a center precise enough to single out a home.
 */
export function publishedArea(alert: Pick<AlertsTable, 'lat' | 'lon' | 'radius_meters'>): {
  lat: number;
  lon: number;
  radiusMeters: number;
} {
  const lat = Math.round(alert.lat * 100) / 100;
  const lon = Math.round(alert.lon * 100) / 100;
  const shift = distanceMeters({ lat, lon }, { lat: alert.lat, lon: alert.lon });
  return { lat, lon, radiusMeters: Math.ceil((alert.radius_meters + shift) / 100) * 100 };
}

/** Earlier approved alerts of the thread: what a CAP Update or Cancel references. */
export function referencesOf(alert: AlertsTable, thread: AlertsTable[]): AlertsTable[] {
  return thread.filter((other) => byApproval(other, alert) < 0);
}

/** Approval order; within one millisecond, creation order (ids are time-ordered UUIDv7). */
export function byApproval(
  a: Pick<AlertsTable, 'approved_at' | 'id'>,
  b: Pick<AlertsTable, 'approved_at' | 'id'>,
): number {
  return (a.approved_at ?? 0) - (b.approved_at ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function presentPublicAlert(
  input: { alert: AlertsTable; thread: AlertsTable[] },
  network: Pick<Network, 'slug' | 'languages'>,
  language: string,
  publicUrl: string,
): PublicAlert {
  const { alert, thread } = input;
  const message = messageFor(publishedMessagesOf(alert), language, network.languages[0] ?? 'en');
  const frozen = message ? frozenContentOf(alert)?.languages[message.language] : undefined;
  const root = thread.find((other) => other.id === alert.thread_id) ?? alert;
  const page = publicPageUrl(publicUrl, network.slug);
  return {
    publicId: alert.public_id,
    threadId: root.public_id,
    msgType: msgTypes[alert.kind],
    status: alert.status === 'exercise' ? 'Exercise' : 'Actual',
    urgency: alert.urgency,
    sentAt: new Date(alert.approved_at ?? alert.created_at).toISOString(),
    references: referencesOf(alert, thread).map((other) => other.public_id),
    isCancelled: alert.cancelled_at !== null || alert.kind === 'cancellation',
    isSuperseded: alert.superseded_at !== null,
    message: {
      language: message?.language ?? language,
      headline: message?.headline ?? '',
      text: message?.text ?? '',
    },
    url: `${page}#alert-${alert.public_id}`,
    capUrl: `${page}/alerts/${alert.public_id}.cap`,
    area: {
      ...publishedArea(alert),
      description: frozen?.area ?? placeOf(alert, message?.language ?? language),
    },
  };
}

/**
 * The CAP document of a published alert: its frozen one, byte for byte. Alerts approved before
 * content was frozen keep the document made from their frozen messages, as they always had.
 */
export function publishedCap(
  published: { alert: AlertsTable; thread: AlertsTable[] },
  network: Pick<Network, 'slug' | 'name' | 'languages'>,
  publicUrl: string,
): string {
  const frozen = frozenContentOf(published.alert);
  if (frozen) return frozen.cap;
  const { alert } = published;
  const messages = Object.fromEntries(
    Object.entries(publishedMessagesOf(alert)).map(([language, message]) => [
      language,
      { ...message, area: placeOf(alert, language) },
    ]),
  );
  return capDocument({
    alert,
    sentAt: capSentAt(alert),
    references: referencesOf(alert, published.thread).map((other) => ({
      publicId: other.public_id,
      sentAt: capSentAt(other),
    })),
    network,
    publicUrl,
    messages,
  });
}
