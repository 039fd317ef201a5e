import { currentLanguage } from '../../lib/i18n.ts';

/**
 * Registers the app's service worker, which keeps the app's files and the responder's current
 * offers so a reload without a connection still opens the app (web/public/sw.js). Quietly does
 * nothing where service workers are unavailable.
 */
export async function keepAppAvailableOffline(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const worker = `/app/sw.js?lang=${encodeURIComponent(currentLanguage())}`;
  await navigator.serviceWorker.register(worker, { scope: '/app/' }).catch(() => undefined);
}

/** The worker's copies of pages and answers; deleted at sign-out with the outbox. */
export async function forgetOfflineCopies(): Promise<void> {
  if (!('caches' in window)) return;
  for (const name of await caches.keys()) {
    if (name.startsWith('amparo-')) await caches.delete(name);
  }
}
