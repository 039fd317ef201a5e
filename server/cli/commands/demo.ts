import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AppConfig } from '../../platform/config/config.ts';
import { printDemoCredentials } from '../demo/credentials.ts';
import { seedDemo } from '../demo/demo-runner.ts';
import { writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig, withCliContext } from '../runtime.ts';

/**
 * `amparo demo [--serve]`: seeds the synthetic demo network into an empty database, then (with
 * --serve) runs the server until Ctrl-C. Without AMPARO_DATA_DIR or DATABASE_URL it uses its own
 * data directory, ./data/demo, so trying the demo never touches a real deployment's data.
 */
export async function demoCommand(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { serve: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const isDefaultStorage = !io.environment.AMPARO_DATA_DIR?.trim() && !io.environment.DATABASE_URL?.trim();
  const config = loadCliConfig({
    ...io,
    environment: isDefaultStorage
      ? { ...io.environment, AMPARO_DATA_DIR: path.join('data', 'demo') }
      : io.environment,
  });
  const state = await withCliContext(config, { migrations: 'apply' }, async (context) => {
    const seeded = await seedDemo(context);
    if (seeded) printDemoCredentials(io, seeded, config.publicUrl);
    return seeded;
  });
  if (!state) {
    writeLine(
      io.stdout,
      'The database already holds a network: no demo data was added (the demo only seeds an empty database).',
    );
  }
  if (!values.serve) return 0;
  return serve(io, config);
}

async function serve(io: CliIo, config: AppConfig): Promise<number> {
  const { startAmparo } = await import('../../server.ts');
  const running = await startAmparo(config);
  writeLine(io.stdout, `Amparo demo is running at ${running.url ?? config.publicUrl} (Ctrl-C to stop).`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const timer = setTimeout(() => process.exit(1), config.shutdownTimeoutMs);
  timer.unref();
  await running.stop();
  return 0;
}
