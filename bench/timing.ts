/** Small helpers for timing: percentiles over samples and a deadline-bound wait. */
export function percentile(samples: readonly number[], share: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Runs `body` and returns its result with the elapsed milliseconds. */
export async function timed<T>(body: () => Promise<T> | T): Promise<{ result: T; milliseconds: number }> {
  const started = performance.now();
  const result = await body();
  return { result, milliseconds: performance.now() - started };
}

/** Rejects when `promise` takes longer than `milliseconds`, so no section can hang the run. */
export async function withDeadline<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${milliseconds / 1000} s`)),
      milliseconds,
    );
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
