import type { ComponentChildren } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { StepUpCancelled } from './step-up-cancelled.ts';
import { StepUpDialog } from './step-up-dialog.tsx';
import type { StepUpText } from './step-up-dialog.tsx';
import { stepUpDemandOf } from './step-up-api.ts';
import type { StepUpDemand } from './step-up-api.ts';

export type RunWithStepUp = <T>(action: () => Promise<T>) => Promise<T>;

/**
 * Runs server actions that may need a fresh second factor. `run(action)` calls the action; when
 * the server answers STEP_UP_REQUIRED it shows the step-up dialog and, once the member has
 * confirmed, calls the action again; PASSKEY_STEP_UP_REQUIRED asks for the passkey only, and
 * PASSKEY_REQUIRED explains that approving needs a passkey and links to the account page. It throws StepUpCancelled if the member cancels (useAction
 * takes that quietly); any other error is thrown to the caller. Render `dialog` in the screen.
 */
export function useStepUp(text: StepUpText = {}): { run: RunWithStepUp; dialog: ComponentChildren } {
  const [pending, setPending] = useState<{
    demand: StepUpDemand;
    resolve: (isConfirmed: boolean) => void;
  } | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    // An authenticator code may be answered with "now your passkey": ask again, at most twice.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await action();
      } catch (caught) {
        const demand = stepUpDemandOf(caught);
        if (demand === null || attempt >= 2) throw caught;
        const isConfirmed = await new Promise<boolean>((resolve) => setPending({ demand, resolve }));
        setPending(null);
        if (!isConfirmed) throw new StepUpCancelled();
      }
    }
  }, []);
  const dialog = pending ? <StepUpDialog {...text} demand={pending.demand} onDone={pending.resolve} /> : null;
  return { run, dialog };
}
