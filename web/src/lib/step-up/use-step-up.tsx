import type { ComponentChildren } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { StepUpCancelled } from './step-up-cancelled.ts';
import { StepUpDialog } from './step-up-dialog.tsx';
import type { StepUpText } from './step-up-dialog.tsx';
import { isStepUpRequired } from './step-up-api.ts';

export type RunWithStepUp = <T>(action: () => Promise<T>) => Promise<T>;

/**
 * Runs server actions that may need a fresh second factor. `run(action)` calls the action; when
 * the server answers STEP_UP_REQUIRED it shows the step-up dialog and, once the member has
 * confirmed, calls the action again. It throws StepUpCancelled if the member cancels (useAction
 * takes that quietly); any other error is thrown to the caller. Render `dialog` in the screen.
 */
export function useStepUp(text: StepUpText = {}): { run: RunWithStepUp; dialog: ComponentChildren } {
  const [pending, setPending] = useState<((isConfirmed: boolean) => void) | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (caught) {
      if (!isStepUpRequired(caught)) throw caught;
      const isConfirmed = await new Promise<boolean>((resolve) => setPending(() => resolve));
      setPending(null);
      if (!isConfirmed) throw new StepUpCancelled();
      return await action();
    }
  }, []);
  const dialog = pending ? <StepUpDialog {...text} onDone={pending} /> : null;
  return { run, dialog };
}
