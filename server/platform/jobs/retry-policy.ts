export interface RetryPolicy {
  baseMs: number;
  capMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseMs: 2_000, capMs: 15 * 60_000 };

/**
 * Delay before the next try after `failedAttempts` failures: base × 2^(failures − 1) with "equal
 * jitter" (half fixed, half random) so a burst of failures spreads out, yet each delay is at least
 * as long as the previous one; capped (15 minutes by default).
 */
export function computeRetryDelay(
  failedAttempts: number,
  random: () => number = Math.random,
  policy: RetryPolicy = defaultRetryPolicy,
): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  const ceiling = policy.baseMs * 2 ** exponent;
  // Cap after the jitter: capping first would let a jittered delay fall below the previous one.
  return Math.min(policy.capMs, Math.round(ceiling / 2 + random() * (ceiling / 2)));
}

const maximumErrorLength = 500;

/**
 * The text stored in `jobs.last_error` and logged: the error's class and message, truncated. Never
 * the payload. Handlers must keep sensitive values out of their error messages.
 */
export function describeFailure(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Non-error thrown: ${typeof error}`;
  const singleLine = text.replace(/\s+/g, ' ').trim();
  return singleLine.length > maximumErrorLength
    ? `${singleLine.slice(0, maximumErrorLength - 1)}…`
    : singleLine;
}
