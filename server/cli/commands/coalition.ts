import { parseArgs } from 'node:util';
import { createAuthDeps } from '../../modules/identity/auth/auth.deps.ts';
import { createOperator, createOperatorNetwork } from '../../modules/identity/index.ts';
import { UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { loadCliConfig, withCliContext } from '../runtime.ts';

// Shell access to the server is the proof of authority here, as for `create-admin` (ADR 0032).

/** `amparo operator create --email <email>`: a deployment operator and their one-time setup link. */
export async function operatorCommand(io: CliIo, args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') throw new UsageError('Use: amparo operator create --email <email>');
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.email) throw new UsageError('operator create needs --email');
  const config = loadCliConfig(io);
  const link = await withCliContext(config, { migrations: 'apply' }, (context) =>
    createOperator(createAuthDeps(context), { email: values.email }),
  );
  // Printed, never logged: the link makes the operator's account.
  writeLine(io.stdout, "Open this one-time link to set the operator's password and authenticator app:");
  writeLine(io.stdout);
  writeLine(io.stdout, `  ${config.publicUrl}${link.path}`);
  writeLine(io.stdout);
  writeLine(io.stdout, 'It works once and expires in 24 hours; an earlier unused link no longer works.');
  return 0;
}

/** `amparo network create --name --slug [--timezone] [--languages]`: prints the first admin's link. */
export async function networkCommand(io: CliIo, args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') {
    throw new UsageError('Use: amparo network create --name <name> --slug <slug> [--timezone <zone>]');
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      timezone: { type: 'string' },
      languages: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const missing = ['name', 'slug'].filter((name) => !values[name as keyof typeof values]);
  if (missing.length > 0) {
    throw new UsageError(`network create needs ${missing.map((name) => `--${name}`).join(', ')}`);
  }
  const config = loadCliConfig(io);
  const created = await withCliContext(config, { migrations: 'apply' }, (context) =>
    createOperatorNetwork({ ...createAuthDeps(context), publicUrl: config.publicUrl }, 'command-line', {
      name: values.name,
      slug: values.slug,
      timezone: values.timezone ?? 'America/Chicago',
      ...(values.languages
        ? { languages: values.languages.split(',').map((language) => language.trim()) }
        : {}),
    }),
  );
  writeLine(io.stdout, `Created network ${created.slug} (${created.id}).`);
  writeLine(io.stdout, 'Give this one-time link to its first admin (it works once, for 7 days):');
  writeLine(io.stdout);
  writeLine(io.stdout, `  ${created.adminSetupLink}`);
  return 0;
}
