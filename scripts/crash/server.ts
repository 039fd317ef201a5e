import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Starting and SIGKILLing Amparo processes quickly, again and again.
 *
 * `node --import tsx server/main.ts` spends most of its start in tsx's module hooks (its transform
 * cache is warm after the first start: the cost is resolving ~1,500 modules through the loader
 * thread), about 5 s of a busy 2-core machine. The `bundle` runner builds the same entry point
 * once, up front, with esbuild (which tsx itself uses) into one ES module under
 * node_modules/.cache/, keeping each source file's own `import.meta.url` so locales, web assets
 * and static files resolve exactly as in the source tree. Native packages stay external.
 */
export type Runner = 'bundle' | 'tsx';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const bundleFile = path.join(repositoryRoot, 'node_modules/.cache/amparo-crash/server.mjs');
const mainFile = path.join(repositoryRoot, 'server/main.ts');

/** Node arguments that start the server with this runner (building the bundle first if needed). */
export async function prepareRunner(runner: Runner): Promise<string[]> {
  if (runner === 'tsx') return ['--import', 'tsx', 'server/main.ts'];
  const esbuild = await import('esbuild');
  // Written aside and renamed: a run already going may be starting a server from the old bundle.
  const temporary = `${bundleFile}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [mainFile],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg-native'],
    outfile: temporary,
    logLevel: 'warning',
    // CommonJS dependencies inside an ES module need `require`; main.ts starts only when it is argv[1].
    banner: {
      js: [
        `import { createRequire as amparoCreateRequire } from 'node:module';`,
        `const require = amparoCreateRequire(import.meta.url);`,
        `process.argv[1] = ${JSON.stringify(mainFile)};`,
      ].join('\n'),
    },
    plugins: [
      {
        name: 'keep-import-meta-url',
        setup(build) {
          build.onLoad({ filter: /[\\/]server[\\/].*\.ts$/ }, (file) => ({
            contents: fs
              .readFileSync(file.path, 'utf8')
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  fs.renameSync(temporary, bundleFile);
  return [bundleFile];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  startMs: number;
  stderr(): string;
}

/** Spawns the server on `port` and polls /readyz every 25 ms until it answers 200. */
export async function startServer(options: {
  args: string[];
  environment: Record<string, string>;
  port: number;
  timeoutMs?: number;
}): Promise<Started> {
  const started = Date.now();
  const child = spawn(process.execPath, options.args, {
    cwd: repositoryRoot,
    env: { ...options.environment, PORT: String(options.port), AMPARO_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = started + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (hasExited) throw new Error(`server exited before it was ready\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time\n${stderr}`);
    }
    const isReady = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (isReady) break;
    await sleep(25);
  }
  return { child, url, exited, startMs: Date.now() - started, stderr: () => stderr };
}

export async function kill(server: Started, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
