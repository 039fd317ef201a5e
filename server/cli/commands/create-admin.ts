import { parseArgs } from 'node:util';
import { memberDepsFrom } from '../../modules/identity/members/index.ts';
import { createFirstNetwork } from '../../modules/identity/setup/index.ts';
import { UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { readSecret } from '../prompt.ts';
import { loadCliConfig, withCliContext } from '../runtime.ts';

const options = {
  'network-name': { type: 'string' },
  slug: { type: 'string' },
  timezone: { type: 'string' },
  name: { type: 'string' },
  email: { type: 'string' },
  languages: { type: 'string' },
} as const;

/**
 * `amparo create-admin`: the first network and its admin, for operators who prefer the shell to
 * the setup link (shell access to the server is the proof of authority, as for the link).
 */
export async function createAdminCommand(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
  const missing = ['network-name', 'slug', 'timezone', 'name', 'email'].filter(
    (name) => !values[name as keyof typeof values],
  );
  if (missing.length > 0)
    throw new UsageError(`create-admin needs ${missing.map((name) => `--${name}`).join(', ')}`);
  const config = loadCliConfig(io);
  const password = await readSecret(io, 'Password for the admin (at least 12 characters)');
  const result = await withCliContext(config, { migrations: 'apply' }, (context) =>
    createFirstNetwork(memberDepsFrom(context), {
      setupToken: null,
      startSession: false,
      input: {
        networkName: values['network-name'],
        slug: values.slug,
        timezone: values.timezone,
        adminDisplayName: values.name,
        email: values.email,
        password,
        ...(values.languages
          ? { languages: values.languages.split(',').map((language) => language.trim()) }
          : {}),
      },
    }),
  );
  writeLine(io.stdout, `Created network ${result.networkId} and its admin ${result.memberId}.`);
  writeLine(io.stdout, `Sign in at ${config.publicUrl}/ and set up a passkey or an authenticator app.`);
  return 0;
}
