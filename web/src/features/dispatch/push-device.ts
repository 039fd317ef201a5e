import { currentLanguage } from '../../lib/i18n.ts';
import { getPushPublicKey, setPushSubscription } from './api/responder.ts';

/** Why this browser cannot take offers by push; null when it can. */
export type PushBlocker = 'unsupported' | 'denied' | null;

export function pushBlocker(): PushBlocker {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window))
    return 'unsupported';
  return Notification.permission === 'denied' ? 'denied' : null;
}

/**
 * Registers the app's service worker (which shows a content-free notice in the member's language
 * and opens the app), subscribes with the deployment's VAPID key and hands the subscription to
 * the server. Resolves the blocker when the browser cannot or the member refused.
 */
export async function registerThisDeviceForPush(): Promise<PushBlocker> {
  const blocker = pushBlocker();
  if (blocker) return blocker;
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const worker = `/app/sw.js?lang=${encodeURIComponent(currentLanguage())}`;
  await navigator.serviceWorker.register(worker, { scope: '/app/' });
  const registration = await navigator.serviceWorker.ready;
  const publicKey = await getPushPublicKey();
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: bytesOfBase64Url(publicKey),
    }));
  await setPushSubscription(subscription.toJSON());
  return null;
}

/** Stops offers by push: the server forgets the subscription, then the browser drops it. */
export async function unregisterThisDevice(): Promise<void> {
  await setPushSubscription(null);
  const registration = await navigator.serviceWorker?.getRegistration('/app/');
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}

function bytesOfBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
