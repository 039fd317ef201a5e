import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useRealtime } from './realtime.ts';
import type { RealtimeMessage } from './realtime.ts';

export interface Resource<T> {
  /** The last answer; kept while a refetch runs or after a refetch fails. */
  data: T | undefined;
  /** Why the last fetch failed (an ApiError as a rule), or undefined. */
  error: unknown;
  isLoading: boolean;
  reload: () => Promise<void>;
}

/**
 * Data fetched by `fetcher` when the component appears and again whenever `dependencies` change;
 * `reload()` after an action. With `isEnabled: false` nothing is fetched (a role that may not see
 * it). Only the latest request's answer is kept, so a slow old answer never replaces a new one.
 */
export function useResource<T>(
  fetcher: () => Promise<T>,
  dependencies: readonly unknown[],
  options: { isEnabled?: boolean } = {},
): Resource<T> {
  const isEnabled = options.isEnabled ?? true;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isLoading, setLoading] = useState(isEnabled);
  const latest = useRef(0);
  const currentFetcher = useRef(fetcher);
  currentFetcher.current = fetcher;

  const reload = useCallback(async () => {
    if (!isEnabled) return;
    const request = ++latest.current;
    setLoading(true);
    try {
      const answer = await currentFetcher.current();
      if (request !== latest.current) return;
      setData(answer);
      setError(undefined);
    } catch (caught) {
      if (request === latest.current) setError(caught);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [isEnabled, ...dependencies]);

  useEffect(() => void reload(), [reload]);
  return { data, error, isLoading, reload };
}

/**
 * A resource kept current: fetched like useResource, and again on each realtime event that
 * `events` accepts, and on `resync` and `ready` (events were dropped, or the stream reconnected).
 */
export function useLiveResource<T>(
  fetcher: () => Promise<T>,
  options: {
    events: (message: RealtimeMessage) => boolean;
    dependencies?: readonly unknown[];
    isEnabled?: boolean;
    onLive?: (isLive: boolean) => void;
  },
): Resource<T> {
  const resource = useResource(fetcher, options.dependencies ?? [], { isEnabled: options.isEnabled });
  useRealtime((message) => {
    if (message.type === 'resync' || message.type === 'ready' || options.events(message)) {
      void resource.reload();
    }
  }, options.onLive);
  return resource;
}
