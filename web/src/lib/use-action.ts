import { useCallback, useRef, useState } from 'preact/hooks';
import { errorMessageOf, messageOf } from './message.ts';
import type { Message } from './message.ts';
import { StepUpCancelled } from './step-up/step-up-cancelled.ts';

export interface ActionOptions {
  /** Shown when the action succeeds (a catalog key, or a message with values). */
  done?: string | Message;
  /**
   * Shown when it fails and the server's error code has no message of its own (a catalog key), or
   * how to say a failure that needs more than its code (a function).
   */
  failed?: string | ((caught: unknown) => Message);
}

export interface Action {
  message: Message | null;
  setMessage: (message: Message | null) => void;
  isBusy: boolean;
  /**
   * Runs `action` while `isBusy`, then shows `done` or the failure as `message`. Resolves the
   * action's value, or undefined when it failed (the failure is on the screen, not thrown) or the
   * member cancelled a step-up.
   */
  run: <T>(action: () => Promise<T>, options?: ActionOptions) => Promise<T | undefined>;
  /** Like `run`, for an action whose answer does not matter: resolves whether it succeeded. */
  succeeds: (action: () => Promise<unknown>, options?: ActionOptions) => Promise<boolean>;
}

/** The one way a screen runs a server action and says how it went (see lib/notice.tsx). */
export function useAction(): Action {
  const [message, setMessage] = useState<Message | null>(null);
  const [isBusy, setBusy] = useState(false);
  // Only the latest action's outcome is shown; an older one finishing late must not overwrite it.
  const latest = useRef(0);
  const run = useCallback(async <T>(action: () => Promise<T>, options: ActionOptions = {}) => {
    const attempt = ++latest.current;
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      if (attempt === latest.current && options.done !== undefined)
        setMessage(typeof options.done === 'string' ? messageOf(options.done) : options.done);
      return result;
    } catch (caught) {
      // The member closed the step-up dialog: nothing failed, nothing to say.
      if (caught instanceof StepUpCancelled) return undefined;
      if (attempt !== latest.current) return undefined;
      const { failed = 'action.failed' } = options;
      setMessage(typeof failed === 'string' ? errorMessageOf(caught, failed) : failed(caught));
      return undefined;
    } finally {
      if (attempt === latest.current) setBusy(false);
    }
  }, []);
  const succeeds = useCallback(
    async (action: () => Promise<unknown>, options?: ActionOptions) =>
      (await run(async () => {
        await action();
        return true;
      }, options)) === true,
    [run],
  );
  return { message, setMessage, isBusy, run, succeeds };
}
