import { wipeOutbox } from '../dispatch/outbox/outbox.ts';
import { signOut } from './api/session.ts';

/**
 * Quick exit for a responder whose phone may be taken: end the session, then remove everything
 * this origin stored on the device, and land on a page that says nothing about Amparo.
 */
export async function quickExit(): Promise<void> {
  await signOut().catch(() => undefined);
  try {
    localStorage.clear();
    sessionStorage.clear();
    await wipeOutbox();
    if ('caches' in window) {
      for (const name of await caches.keys()) await caches.delete(name);
    }
    if ('serviceWorker' in navigator) {
      for (const registration of await navigator.serviceWorker.getRegistrations()) {
        await registration.unregister();
      }
    }
  } finally {
    // replace(): the app does not stay in the back history.
    window.location.replace('about:blank');
  }
}
