import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { environmentFor } from './databases.ts';

export interface ServerProcess {
  child: ChildProcess;
  /** Base URL, e.g. http://127.0.0.1:40123 (empty for worker-only processes). */
  url: string;
  /** Every stdout line so far (JSON logs and console output). */
  lines: string[];
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Starts a real Amparo process (`node --import tsx server/main.ts`) against a test database on a
 * free port and resolves once it logs "amparo started". Used by crash, multi-process and
 * end-to-end tests.
 */
export async function startServerProcess(options: {
  target: DatabaseTarget;
  environment?: Record<string, string>;
  timeoutMs?: number;
  /** The log message that means "up" (default "amparo started"; a sealed server says "amparo is sealed..."). */
  readyMessage?: string;
}): Promise<ServerProcess> {
  const dataDirectory =
    options.target.kind === 'sqlite'
      ? path.dirname(options.target.file)
      : fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      PORT: '0',
      AMPARO_HOST: '127.0.0.1',
      AMPARO_LOG_LEVEL: 'info',
      ...environmentFor(options.target, dataDirectory),
      ...options.environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time\n${stderr}`)),
      options.timeoutMs ?? 20_000,
    );
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting\n${stderr}`));
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (!line.includes(`"${options.readyMessage ?? 'amparo started'}`)) return;
      clearTimeout(timer);
      try {
        // Named `localhost`, never an address: WebAuthn needs a domain as relying party id, and
        // approvers step up with a passkey (ADR 0026). Chromium maps it to 127.0.0.1 (launchBrowser).
        const started = (JSON.parse(line) as { url?: string | null }).url ?? '';
        resolve(started.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost'));
      } catch {
        resolve('');
      }
    });
  });
  return {
    child,
    url,
    lines,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
