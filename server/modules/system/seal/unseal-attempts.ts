import { AppError } from '../../../platform/errors/app-error.ts';

/**
 * Unseal attempts per channel (the page and the local socket count apart, so a stranger failing on
 * the public page cannot lock the operator's `amparo unseal` out). One derivation at a time, and
 * at most `maxFailures` wrong passphrases per window; no address is kept.
 */
export interface UnsealAttempts {
  /** Runs one attempt; `attempt` resolves true for a right passphrase. */
  run(attempt: () => Promise<boolean>): Promise<boolean>;
}

export function createUnsealAttempts(options: {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}): UnsealAttempts {
  const now = options.now ?? Date.now;
  let failures: number[] = [];
  let isBusy = false;
  return {
    async run(attempt) {
      const current = now();
      failures = failures.filter((at) => current - at < options.windowMs);
      const oldest = failures[0];
      if (isBusy || (failures.length >= options.maxFailures && oldest !== undefined)) {
        const retryAfterSeconds = isBusy
          ? 2
          : Math.max(1, Math.ceil((options.windowMs - (current - (oldest ?? current))) / 1000));
        throw new AppError('UNSEAL_RATE_LIMITED', 'Too many unseal attempts; wait before trying again.', [], {
          'retry-after': String(retryAfterSeconds),
        });
      }
      isBusy = true;
      try {
        const isRight = await attempt();
        if (!isRight) failures.push(now());
        return isRight;
      } finally {
        isBusy = false;
      }
    },
  };
}
