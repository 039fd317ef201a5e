import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../server/platform/database/database.ts';
import { createTarget, describeEachDatabase, dropTarget, environmentFor } from '../support/databases.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { ensureWebAppBuilt } from '../support/web-build.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const currentLink = path.join(repositoryRoot, 'web', 'dist');
/** However slow the machine, the whole test gives up after this long. */
const deadlineMs = 150_000;

interface Watch {
  /** Every answer that was not a 200, as `<status> <url>`. */
  failures: string[];
  requests: number;
  /** Distinct ETags of index.html seen: more than one means answers came from both builds. */
  indexVersions: Set<string>;
}

/**
 * Asks a running server for /app/ and every script and style it names — the ones named by the
 * first page (a page loaded before any rebuild) and by the latest — over and over until `until`
 * settles (and once more), recording anything but a 200.
 */
async function watchServer(url: string, until: Promise<unknown>): Promise<Watch> {
  const watch: Watch = { failures: [], requests: 0, indexVersions: new Set() };
  let isDone = false;
  const stop = () => (isDone = true);
  void until.then(stop, stop);
  const assetsOf = (page: string) => [...new Set(page.match(/\/app\/assets\/[\w.-]+\.(?:js|css)/g) ?? [])];
  const get = async (path: string) => {
    watch.requests += 1;
    const response = await fetch(`${url}${path}`);
    const body = await response.text();
    if (response.status !== 200 || body.length === 0) watch.failures.push(`${response.status} ${path}`);
    return { response, body };
  };
  const firstAssets = assetsOf((await get('/app/')).body);
  expect(firstAssets.length).toBeGreaterThan(0);
  // One more round after `until` settles: the switch to a new build is the last thing a build does.
  for (let isLastRound = false; !isLastRound;) {
    isLastRound = isDone;
    const { response, body } = await get('/app/');
    watch.indexVersions.add(response.headers.get('etag') ?? '');
    for (const asset of new Set([...firstAssets, ...assetsOf(body)])) await get(asset);
  }
  return watch;
}

/** `npm start` as the README runs it (its prestart is the build step), in its own process group. */
async function npmStart(environment: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('npm', ['start'], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      PORT: '0',
      AMPARO_HOST: '127.0.0.1',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not start in time\n${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}\n${output}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      output = (output + line + '\n').slice(-4000);
      if (line.includes('"amparo started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

function runBuildStep(options: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-web.ts', ...options], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describeEachDatabase('build once, start many', (dialect) => {
  const targets: DatabaseTarget[] = [];
  let server: ServerProcess | undefined;
  let second: ChildProcess | undefined;
  afterEach(async () => {
    if (second?.pid && second.exitCode === null) {
      const exited = new Promise((resolve) => second!.once('exit', resolve));
      process.kill(-second.pid, 'SIGTERM'); // the group of the npm process this test started
      await exited;
    }
    await server?.kill('SIGTERM');
    for (const target of targets.splice(0)) await dropTarget(target);
    server = undefined;
    second = undefined;
  });

  it(
    'a second process started beside a running one, or a rebuild, never makes it answer 503 or 404',
    async () => {
      const started = Date.now();
      ensureWebAppBuilt();
      const target = await createTarget(dialect);
      targets.push(target);
      server = await startServerProcess({ target });
      const linkBefore = fs.readlinkSync(currentLink);

      // The README's second process: a worker on the same PostgreSQL; on SQLite another server.
      const secondTarget = dialect === 'postgres' ? target : await createTarget(dialect);
      if (secondTarget !== target) targets.push(secondTarget);
      const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-data-'));
      const secondStarted = npmStart({
        ...environmentFor(secondTarget, dataDirectory),
        AMPARO_ROLE: dialect === 'postgres' ? 'worker' : 'all',
      });
      const duringStart = await watchServer(server.url, secondStarted);
      second = await secondStarted;
      expect(duringStart.failures).toEqual([]);
      // Nothing changed under web/: starting did not build or touch web/dist.
      expect(fs.readlinkSync(currentLink)).toBe(linkBefore);

      // A rebuild (what a start does after a change under web/): a new build switched in while served.
      const rebuild = runBuildStep(['--force']);
      const duringRebuild = await watchServer(server.url, rebuild);
      const { code, output } = await rebuild;
      expect(code, output).toBe(0);
      expect(output).toContain('Web app built');
      expect(fs.readlinkSync(currentLink)).not.toBe(linkBefore);
      expect(duringRebuild.failures).toEqual([]);
      expect(duringRebuild.indexVersions.size).toBeGreaterThan(1);
      expect(duringRebuild.requests).toBeGreaterThan(20);
      console.log(
        `[${dialect}] ${duringStart.requests} requests during a second npm start, ` +
          `${duringRebuild.requests} during a rebuild; none failed (${Date.now() - started} ms)`,
      );
      fs.rmSync(dataDirectory, { recursive: true, force: true });
    },
    deadlineMs,
  );
});
