import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KeyringError } from './keyring-error.ts';

/**
 * Where keys live, and the checks that keep them away from the data (docs/adr/0024). A seized copy
 * of the data directory must not carry the key that opens it.
 */

/** A key placement Amparo refuses to start with; the server and the CLI exit 78 (EX_CONFIG). */
export class KeyPlacementError extends KeyringError {
  override name = 'KeyPlacementError';
}

/**
 * The default key file: `$XDG_CONFIG_HOME/amparo/keys.json`, else `~/.config/amparo/keys.json`.
 * `environment` is read first, then the process's own (tests set XDG_CONFIG_HOME once, in
 * test/support/key-home.ts).
 */
export function defaultKeyFilePath(environment: NodeJS.ProcessEnv = process.env): string {
  const configHome =
    nonEmpty(environment.XDG_CONFIG_HOME) ??
    nonEmpty(process.env.XDG_CONFIG_HOME) ??
    path.join(nonEmpty(environment.HOME) ?? os.homedir(), '.config');
  return path.join(path.resolve(configHome), 'amparo', 'keys.json');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Where installs before ADR 0024 kept the keys: beside the database. */
export function legacyKeyFilePath(dataDirectory: string): string {
  return path.join(dataDirectory, 'keys.json');
}

/** The real path of the nearest existing ancestor, plus what is below it (symlinks resolved). */
function realPathOf(target: string): string {
  const absolute = path.resolve(target);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(realPathOf(parent), realPathOf(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Refuses keys kept with the data: a key file inside the data directory, a keys.json an older
 * install left there, or a key file others may read. Called before the key file is read or made.
 */
export function checkKeyPlacement(options: { file?: string; dataDirectory: string }): void {
  const legacy = legacyKeyFilePath(options.dataDirectory);
  if (fs.existsSync(legacy)) {
    const target = options.file ?? defaultKeyFilePath();
    throw new KeyPlacementError(
      `The key file ${legacy} sits in the data directory: anyone who copies the data directory ` +
        `can read everything. Move it out before starting: run "amparo keys move" (moves it to ` +
        `${target}), or move it yourself and set AMPARO_KEY_FILE to its new place. Back it up ` +
        'apart from the data directory.',
    );
  }
  if (options.file === undefined) return;
  if (isInside(options.file, options.dataDirectory)) {
    throw new KeyPlacementError(
      `The key file ${options.file} is inside the data directory ${options.dataDirectory}: a copy ` +
        'of the data directory would carry its keys. Set AMPARO_KEY_FILE to a path outside it (or ' +
        'unset it to use ~/.config/amparo/keys.json).',
    );
  }
  let mode: number;
  try {
    mode = fs.statSync(options.file).mode;
  } catch {
    return; // not made yet: it will be created with mode 0600
  }
  if ((mode & 0o077) !== 0) {
    throw new KeyPlacementError(
      `The key file ${options.file} can be read by other users (mode ${(mode & 0o777).toString(8)}). ` +
        `Run: chmod 600 ${options.file}`,
    );
  }
}

/**
 * `amparo keys move`: moves an older install's keys.json out of the data directory to `target`
 * (mode 0600). Refuses to overwrite an existing key file.
 */
export function moveLegacyKeyFile(options: { dataDirectory: string; target: string }): {
  from: string;
  to: string;
} {
  const from = legacyKeyFilePath(options.dataDirectory);
  if (!fs.existsSync(from)) throw new KeyringError(`There is no key file at ${from} to move.`);
  if (isInside(options.target, options.dataDirectory)) {
    throw new KeyPlacementError(
      `The target ${options.target} is inside the data directory; choose a path outside it.`,
    );
  }
  if (fs.existsSync(options.target)) {
    throw new KeyringError(
      `A key file already exists at ${options.target}; Amparo will not overwrite keys. Compare the two ` +
        'files, keep the one this database was encrypted with, and remove the other by hand.',
    );
  }
  fs.mkdirSync(path.dirname(options.target), { recursive: true, mode: 0o700 });
  // Copy, flush, then remove: a crash in between leaves two copies, never none.
  fs.copyFileSync(from, options.target, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(options.target, 0o600);
  const descriptor = fs.openSync(options.target, 'r');
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  fs.rmSync(from);
  return { from, to: options.target };
}
