import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/platform/config/config.ts';
import { defaultKeyFilePath, KeyPlacementError, loadKeyring } from '../../server/platform/crypto/index.ts';
import { runCliProcess } from '../cli/cli-process.ts';
import { startServerProcess } from '../support/server-process.ts';
import type { ServerProcess } from '../support/server-process.ts';

// Issue 15 item 1: a copy of the data directory must not carry the key that opens it.
const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const directories: string[] = [];
const servers: ServerProcess[] = [];

function temporaryDirectory(prefix: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  directories.push(directory);
  return directory;
}

afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill();
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

/** Runs `npm start`'s entry with only the given environment; resolves with its exit code and output. */
function startMain(environment: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', PORT: '0', AMPARO_LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function plantKeyFile(file: string, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'not read: placement is checked first', { mode });
  fs.chmodSync(file, mode);
}

describe('where the keys live', () => {
  it('defaults to $XDG_CONFIG_HOME/amparo, else ~/.config/amparo; AMPARO_KEY_FILE overrides', () => {
    expect(defaultKeyFilePath({ XDG_CONFIG_HOME: '/srv/config' })).toBe('/srv/config/amparo/keys.json');
    const saved = process.env.XDG_CONFIG_HOME;
    delete process.env.XDG_CONFIG_HOME;
    try {
      expect(defaultKeyFilePath({ HOME: '/home/ana' })).toBe('/home/ana/.config/amparo/keys.json');
    } finally {
      process.env.XDG_CONFIG_HOME = saved;
    }
    const config = loadConfig({ AMPARO_DATA_DIR: '/var/lib/amparo', XDG_CONFIG_HOME: '/etc/x' });
    expect(config.keys).toMatchObject({ file: '/etc/x/amparo/keys.json', isFileExplicit: false });
    const explicit = loadConfig({ AMPARO_DATA_DIR: '/var/lib/amparo', AMPARO_KEY_FILE: '/keys/k.json' });
    expect(explicit.keys).toMatchObject({ file: '/keys/k.json', isFileExplicit: true });
  });

  it('refuses a key file inside the data directory, even through a symlink', () => {
    const dataDirectory = temporaryDirectory('amparo-data-');
    expect(() => loadKeyring({ file: path.join(dataDirectory, 'secrets', 'k.json'), dataDirectory })).toThrow(
      KeyPlacementError,
    );
    const link = path.join(temporaryDirectory('amparo-link-'), 'to-data');
    fs.symlinkSync(dataDirectory, link);
    expect(() => loadKeyring({ file: path.join(link, 'k.json'), dataDirectory })).toThrow(
      /inside the data directory/,
    );
    expect(fs.readdirSync(dataDirectory)).toEqual([]);
  });

  it('npm start makes the keys outside the data directory (0600) and says where to back them up', async () => {
    const dataDirectory = temporaryDirectory('amparo-data-');
    const server = await startServerProcess({
      target: { kind: 'sqlite', file: path.join(dataDirectory, 'amparo.sqlite') },
    });
    servers.push(server);
    const keyFile = defaultKeyFilePath();
    await expect.poll(() => server.lines.join('\n')).toContain(`The encryption keys are in ${keyFile}`);
    expect(server.lines.join('\n')).toMatch(/Back them up apart from the data directory/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keyFile)).mode & 0o077).toBe(0);
    expect(fs.readdirSync(dataDirectory).filter((name) => name.includes('key'))).toEqual([]);
    // Nothing in the data directory holds the key material.
    const keyMaterial = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { indexKey: string };
    for (const name of fs.readdirSync(dataDirectory)) {
      const file = path.join(dataDirectory, name);
      if (fs.statSync(file).isFile())
        expect(fs.readFileSync(file).includes(keyMaterial.indexKey)).toBe(false);
    }
  });

  it('refuses to start (exit 78) with the key file in the data directory or readable by others', async () => {
    const dataDirectory = temporaryDirectory('amparo-data-');
    const configHome = temporaryDirectory('amparo-config-');
    const inside = await startMain({
      AMPARO_DATA_DIR: dataDirectory,
      XDG_CONFIG_HOME: configHome,
      AMPARO_KEY_FILE: path.join(dataDirectory, 'my-keys.json'),
    });
    expect(inside.code).toBe(78);
    expect(inside.output).toMatch(/inside the data directory.*Set AMPARO_KEY_FILE to a path outside it/s);

    const readable = path.join(temporaryDirectory('amparo-keys-'), 'keys.json');
    plantKeyFile(readable, 0o644);
    const open = await startMain({
      AMPARO_DATA_DIR: dataDirectory,
      XDG_CONFIG_HOME: configHome,
      AMPARO_KEY_FILE: readable,
    });
    expect(open.code).toBe(78);
    expect(open.output).toContain(`chmod 600 ${readable}`);
    expect(fs.existsSync(path.join(dataDirectory, 'amparo.sqlite'))).toBe(false);
  });

  it("refuses an older install's keys.json in the data directory until `amparo keys move` moves it", async () => {
    const dataDirectory = temporaryDirectory('amparo-data-');
    const configHome = temporaryDirectory('amparo-config-');
    const environment = { AMPARO_DATA_DIR: dataDirectory, XDG_CONFIG_HOME: configHome };
    // An older install: keys made beside the data.
    const legacy = path.join(dataDirectory, 'keys.json');
    const keys = loadKeyring({ file: path.join(configHome, 'made-elsewhere.json'), dataDirectory });
    fs.renameSync(path.join(configHome, 'made-elsewhere.json'), legacy);

    const refused = await startMain(environment);
    expect(refused.code).toBe(78);
    expect(refused.output).toContain('amparo keys move');
    expect(fs.existsSync(path.join(configHome, 'amparo', 'keys.json'))).toBe(false);

    const moved = await runCliProcess(['keys', 'move'], environment);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    const target = path.join(configHome, 'amparo', 'keys.json');
    expect(moved.stdout).toContain(target);
    expect(fs.existsSync(legacy)).toBe(false);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    // The same keys, not new ones: the data stays readable.
    const reloaded = loadKeyring({ file: target, dataDirectory });
    expect(reloaded.activeKeyId).toBe(keys.activeKeyId);
    expect(Buffer.from(reloaded.indexKey).equals(Buffer.from(keys.indexKey))).toBe(true);

    // Moving again refuses and changes nothing.
    const again = await runCliProcess(['keys', 'move'], environment);
    expect(again.code).toBe(1);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });
});
