import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSealing } from '../../server/cli/commands/check-config.ts';
import { generateKeyFile } from '../../server/platform/crypto/keyring.ts';
import { sealKeyFile } from '../../server/platform/crypto/index.ts';

/** Issue 15 item 3: `amparo check-config` says whether the deployment is sealed, and how. */
describe('check-config: sealed or not', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
  });

  function keyFile(): { file: string; directory: string } {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-seal-check-'));
    directories.push(directory);
    const file = path.join(directory, 'keys.json');
    fs.writeFileSync(file, JSON.stringify(generateKeyFile()), { mode: 0o600 });
    return { file, directory };
  }
  const keys = (file: string, credentialFile: string | null = null) => ({
    file,
    isFileExplicit: true,
    credentialFile,
    unsealSocket: path.join(path.dirname(file), 'unseal.sock'),
  });

  it('says no for inline keys, a missing file and a plain key file', () => {
    expect(describeSealing({ ...keys('/nowhere/keys.json'), inline: '{}' })).toMatch(
      /^no: .*AMPARO_ENCRYPTION_KEYS/,
    );
    expect(describeSealing(keys('/nowhere/keys.json'))).toMatch(/^no: there is no key file yet/);
    const { file } = keyFile();
    expect(describeSealing(keys(file))).toMatch(/^no: .* is a plain key file/);
  });

  it('says yes with a passphrase, and yes with a credential, naming whether the credential is there', async () => {
    const byPassphrase = keyFile();
    await sealKeyFile({
      filePath: byPassphrase.file,
      by: 'passphrase',
      secret: 'correct horse battery staple',
    });
    expect(describeSealing(keys(byPassphrase.file))).toMatch(/^yes, with a passphrase: .*amparo unseal/);

    const byCredential = keyFile();
    const credential = path.join(byCredential.directory, 'keyring.cred');
    fs.writeFileSync(credential, randomBytes(32), { mode: 0o600 });
    await sealKeyFile({ filePath: byCredential.file, by: 'credential', secret: fs.readFileSync(credential) });
    expect(describeSealing(keys(byCredential.file, credential))).toMatch(
      new RegExp(`^yes, with a service credential: .*${credential}.*\\(found\\)`),
    );
    expect(describeSealing(keys(byCredential.file, path.join(byCredential.directory, 'gone')))).toContain(
      'NOT found',
    );
    // Nothing secret is printed.
    const sealed = JSON.parse(fs.readFileSync(byPassphrase.file, 'utf8')) as {
      sealed: { ciphertext: string };
    };
    expect(describeSealing(keys(byPassphrase.file))).not.toContain(sealed.sealed.ciphertext.slice(0, 12));
  });

  it('says it cannot tell for a malformed seal', () => {
    const { file } = keyFile();
    fs.writeFileSync(file, JSON.stringify({ version: 1, sealed: { by: 'magic' } }));
    expect(describeSealing(keys(file))).toMatch(/^unknown: .*malformed/);
  });
});
