import { BackupError } from '../platform/backup/backup-error.ts';
import { ConfigError } from '../platform/config/config.ts';
import { KeyPlacementError, KeyringError, SealedKeyringError } from '../platform/crypto/index.ts';
import { isAppError } from '../platform/errors/app-error.ts';
import { CommandFailed, UsageError, exitCodes, writeLine } from './io.ts';
import type { CliIo } from './io.ts';
import { usage } from './usage.ts';

type Command = (io: CliIo, args: string[]) => Promise<number> | number;

// Each command loads only its own code: a quick `check-config` or `migrate` does not pull in every module.
const commands: Record<string, Command> = {
  migrate: async (io, args) => {
    const { migrateCommand } = await import('./commands/migrate.ts');
    return withoutArguments(args, () => migrateCommand(io));
  },
  'check-config': async (io, args) => {
    const { checkConfigCommand } = await import('./commands/check-config.ts');
    return withoutArguments(args, () => checkConfigCommand(io));
  },
  'setup-link': async (io, args) => {
    const { setupLinkCommand } = await import('./commands/setup-link.ts');
    return withoutArguments(args, () => setupLinkCommand(io));
  },
  'create-admin': async (io, args) =>
    (await import('./commands/create-admin.ts')).createAdminCommand(io, args),
  purge: async (io, args) => {
    const { purgeCommand } = await import('./commands/purge.ts');
    return withoutArguments(args, () => purgeCommand(io));
  },
  seal: async (io, args) => (await import('./commands/seal.ts')).sealCommand(io, args),
  unseal: async (io, args) => (await import('./commands/unseal.ts')).unsealCommand(io, args),
  backup: async (io, args) => (await import('./commands/backup.ts')).backupCommand(io, args),
  restore: async (io, args) => (await import('./commands/restore.ts')).restoreCommand(io, args),
  keys: async (io, args) => (await import('./commands/keys.ts')).keysCommand(io, args),
  audit: async (io, args) => (await import('./commands/audit.ts')).auditCommand(io, args),
  demo: async (io, args) => (await import('./commands/demo.ts')).demoCommand(io, args),
  operator: async (io, args) => (await import('./commands/coalition.ts')).operatorCommand(io, args),
  network: async (io, args) => (await import('./commands/coalition.ts')).networkCommand(io, args),
  help: (io) => {
    io.stdout.write(usage);
    return exitCodes.ok;
  },
};

function withoutArguments(args: string[], run: () => Promise<number> | number): Promise<number> | number {
  if (args.length > 0) throw new UsageError(`Unexpected argument: ${args[0]}`);
  return run();
}

/** Runs one command and returns the process exit code; every failure is explained, none is a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(usage);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) return usageFailure(io, `Unknown command: ${name}`);
  try {
    return await command(io, args);
  } catch (error) {
    return explain(io, error);
  }
}

function usageFailure(io: CliIo, message: string): number {
  writeLine(io.stderr, `amparo: ${message}`);
  writeLine(io.stderr);
  io.stderr.write(usage);
  return exitCodes.usage;
}

function explain(io: CliIo, error: unknown): number {
  if (error instanceof UsageError || isParseArgsError(error)) {
    return usageFailure(io, (error as Error).message);
  }
  if (
    error instanceof ConfigError ||
    error instanceof KeyPlacementError ||
    error instanceof SealedKeyringError
  ) {
    writeLine(io.stderr, error.message);
    return exitCodes.config;
  }
  if (isAppError(error)) {
    writeLine(io.stderr, `amparo: ${error.message} (${error.code})`);
    for (const detail of error.details)
      writeLine(io.stderr, `  ${detail.path ? `${detail.path}: ` : ''}${detail.message}`);
    return exitCodes.failed;
  }
  if (error instanceof CommandFailed || error instanceof KeyringError || error instanceof BackupError) {
    writeLine(io.stderr, `amparo: ${error.message}`);
    return exitCodes.failed;
  }
  writeLine(io.stderr, `amparo: failed: ${describeError(error)}`);
  return exitCodes.failed;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** The message and its causes ("Migration x failed: relation y already exists"), never a stack. */
function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current !== undefined && messages.length < 5) {
    messages.push(current instanceof Error ? current.message : JSON.stringify(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages.join(': ');
}
