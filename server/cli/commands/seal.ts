import { parseArgs } from 'node:util';
import {
  readCredentialFile,
  sealKeyFile,
  sealOfKeyFile,
  unsealKeyFileToPlain,
} from '../../platform/crypto/index.ts';
import { CommandFailed, UsageError, writeLine } from '../io.ts';
import type { CliIo } from '../io.ts';
import { readSecret } from '../prompt.ts';
import { loadCliConfig } from '../runtime.ts';

/**
 * `amparo seal`: locks the key file with a passphrase (or `--credential FILE`, a secret the service
 * manager hands the server); `amparo seal --off` turns it back into a plain key file. ADR 0030.
 */
export async function sealCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { credential: { type: 'string' }, off: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  const config = loadCliConfig(io);
  if (config.keys.inline) {
    throw new CommandFailed(
      'The keys come from AMPARO_ENCRYPTION_KEYS: keep them in your secret store, Amparo cannot seal them.',
    );
  }
  const filePath = config.keys.file;
  const seal = sealOfKeyFile(filePath);
  if (values.off) {
    if (!seal) throw new CommandFailed(`The key file ${filePath} is not sealed; nothing was changed.`);
    const credential = values.credential ?? config.keys.credentialFile;
    const secret =
      seal.by === 'credential'
        ? readCredentialFile(requireCredential(credential))
        : await readSecret(io, 'Current keyring passphrase', { isConfirmed: false });
    await unsealKeyFileToPlain({ filePath, secret });
    writeLine(io.stdout, `The key file ${filePath} is plain again (mode 0600). Restart the server.`);
    return 0;
  }
  if (values.credential) {
    await sealKeyFile({ filePath, by: 'credential', secret: readCredentialFile(values.credential) });
    writeLine(io.stdout, `Sealed ${filePath} with the credential ${values.credential}.`);
    writeLine(
      io.stdout,
      'Give the server that credential at start (systemd: LoadCredential=amparo-keyring-key:<file>, or ' +
        'AMPARO_KEYRING_CREDENTIAL) and keep the credential off the data disk.',
    );
    return 0;
  }
  const passphrase = await readSecret(io, 'New keyring passphrase');
  await sealKeyFile({ filePath, by: 'passphrase', secret: passphrase });
  writeLine(io.stdout, `Sealed ${filePath} with a passphrase (argon2id).`);
  writeLine(
    io.stdout,
    'Restart the server: it will start sealed and wait for "amparo unseal" or its unseal page. Without ' +
      'the passphrase the keys cannot be opened: keep it where your admins can find it, not on this machine.',
  );
  return 0;
}

function requireCredential(credential: string | null | undefined): string {
  if (!credential) {
    throw new CommandFailed(
      'The key file is sealed with a credential: pass --credential FILE (or set AMPARO_KEYRING_CREDENTIAL).',
    );
  }
  return credential;
}
