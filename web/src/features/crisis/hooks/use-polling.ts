import { useEffect } from 'preact/hooks';

/**
 * Calls `reload` every `everyMs` while the screen is open: what the limits held back makes no
 * realtime event (nothing was stored), so the crisis screen asks again instead.
 */
export function usePolling(reload: () => Promise<void>, everyMs: number): void {
  useEffect(() => {
    const timer = setInterval(() => void reload(), everyMs);
    return () => clearInterval(timer);
  }, [reload, everyMs]);
}
