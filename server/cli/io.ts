/** Where a command reads and writes; the real process in production, captured in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  environment: NodeJS.ProcessEnv;
}

/** Exit codes: 0 done, 1 failed, 2 bad usage, 78 bad configuration (EX_CONFIG). */
export const exitCodes = { ok: 0, failed: 1, usage: 2, config: 78 } as const;

/** Bad command line: the runner prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure already explained to the user: the runner prints only the message and exits 1. */
export class CommandFailed extends Error {
  override name = 'CommandFailed';
}

export function writeLine(stream: { write(text: string): unknown }, text = ''): void {
  stream.write(`${text}\n`);
}
