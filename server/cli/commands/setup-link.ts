import { issueSetupTokenIfNeeded } from '../../modules/identity/setup/index.ts';
import { CommandFailed, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig, withCliContext } from '../runtime.ts';

/** `amparo setup-link`: a fresh one-time link while no network exists (earlier links stop working). */
export async function setupLinkCommand(io: CliIo): Promise<number> {
  const config = loadCliConfig(io);
  const token = await withCliContext(config, { migrations: 'apply' }, (context) =>
    issueSetupTokenIfNeeded({ db: context.database.db, clock: context.clock }),
  );
  if (!token)
    throw new CommandFailed('Amparo is already set up: sign in, or ask an admin for an invitation.');
  // Printed, never logged: the link grants the first admin account.
  writeLine(io.stdout, 'Open this one-time link to create the first network and its admin:');
  writeLine(io.stdout);
  writeLine(io.stdout, `  ${config.publicUrl}/setup/${token}`);
  writeLine(io.stdout);
  writeLine(io.stdout, 'It works once and expires in 24 hours; any earlier unused link no longer works.');
  return 0;
}
