import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../../platform/config/config.ts';
import { printDemoCredentials } from '../demo/credentials.ts';
import { loadSavedDemo, saveDemo } from '../demo/demo-file.ts';
import type { SavedDemo } from '../demo/demo-file.ts';
import { resumeDemo, seedDemo } from '../demo/demo-runner.ts';
import { CommandFailed, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig, withCliContext } from '../runtime.ts';

const defaultDemoDirectory = path.join('data', 'demo');

/**
 * `amparo demo [--serve] [--reset]`: seeds the synthetic demo network into an empty database (or
 * picks up the demo seeded there before), then with --serve runs the server until Ctrl-C and
 * prints the sign-ins with the address it listens on. Without AMPARO_DATA_DIR or DATABASE_URL it
 * uses its own data directory, ./data/demo, so trying the demo never touches a real deployment's
 * data; --reset deletes that directory first (and only that one).
 */
export async function demoCommand(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { serve: { type: 'boolean' }, reset: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const isDefaultStorage = !io.environment.AMPARO_DATA_DIR?.trim() && !io.environment.DATABASE_URL?.trim();
  if (values.reset) {
    if (!isDefaultStorage) {
      throw new CommandFailed(
        `--reset only deletes the demo's own ${defaultDemoDirectory}; unset AMPARO_DATA_DIR and DATABASE_URL.`,
      );
    }
    fs.rmSync(defaultDemoDirectory, { recursive: true, force: true });
  }
  const config = loadCliConfig({
    ...io,
    environment: isDefaultStorage
      ? { ...io.environment, AMPARO_DATA_DIR: defaultDemoDirectory }
      : io.environment,
  });
  const demo = await withCliContext(config, { migrations: 'apply' }, async (context) => {
    const seeded = await seedDemo(context);
    if (seeded) {
      saveDemo(config.dataDirectory, seeded);
      return seeded;
    }
    const saved = loadSavedDemo(config.dataDirectory);
    return saved ? await resumeDemo(context, saved) : null;
  });
  if (!demo) {
    writeLine(
      io.stdout,
      'The database already holds a network, and no demo sign-ins were saved for it: no demo data was added (the demo only seeds an empty database; `npm run demo -- --reset` starts the demo over).',
    );
    if (!values.serve) return 0;
    return serve(io, config, null);
  }
  const saved: SavedDemo = { networkId: demo.networkId, areas: demo.areas, members: demo.members };
  if (!values.serve) {
    printDemoCredentials(io, saved, config.publicUrl);
    return 0;
  }
  return serve(io, config, saved);
}

/** A port nobody listens on now (the kernel's pick for port 0, released at once). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, 'localhost', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function serve(io: CliIo, given: AppConfig, demo: SavedDemo | null): Promise<number> {
  const { startAmparo } = await import('../../server.ts');
  // PORT=0 picks a free port. It is chosen before starting, so the public address (links in texts,
  // and the origin a passkey is made for) is the one served, on `localhost` as browsers need.
  const config =
    given.port === 0 && given.publicUrl.endsWith(':0')
      ? await freePort().then((port) => ({ ...given, port, publicUrl: `http://localhost:${port}` }))
      : given;
  const running = await startAmparo(config);
  const baseUrl = config.port === 0 && running.url ? running.url : config.publicUrl;
  if (demo) printDemoCredentials(io, demo, baseUrl);
  writeLine(io.stdout, `Amparo demo is running at ${baseUrl} (Ctrl-C to stop).`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const timer = setTimeout(() => process.exit(1), config.shutdownTimeoutMs);
  timer.unref();
  await running.stop();
  return 0;
}
