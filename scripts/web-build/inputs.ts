import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WebBuildLayout } from './layout.ts';

/**
 * Bumped when the way the app is built changes without any input file changing (the options
 * `buildWebApp` hands to Vite), so every checkout rebuilds once.
 */
const buildFormat = 'amparo-web-build/1';

/** Entries of web/ that are build output, not sources. */
const outputNames = new Set(['builds', 'dist', 'node_modules']);

/** Files outside web/ that shape every build: dependency versions and TypeScript settings. */
const sharedInputs = ['package-lock.json', 'tsconfig.json'];

/**
 * Every file a build depends on, relative to the repository: the sources under web/ (new files
 * included, so adding one is a change), the lock file and tsconfig, and the files outside web/
 * that the last build read (the app imports a few values from server/, such as audit actions).
 */
export function listBuildInputs(layout: WebBuildLayout, externalInputs: readonly string[]): string[] {
  const webFiles = listFiles(layout.webDirectory, outputNames).map((file) =>
    path.relative(layout.repositoryRoot, file),
  );
  return [...new Set([...webFiles, ...sharedInputs, ...externalInputs])].sort();
}

/**
 * One SHA-256 over the names and contents of the inputs. A missing file counts as a change (it is
 * hashed as missing), so a deleted import forces a rebuild rather than an error.
 */
export function hashBuildInputs(repositoryRoot: string, inputs: readonly string[]): string {
  const hash = createHash('sha256').update(`${buildFormat}\n`);
  for (const input of inputs) {
    const content = readOrNull(path.join(repositoryRoot, input));
    const contentHash = content ? createHash('sha256').update(content).digest('hex') : 'missing';
    hash.update(`${input}\0${contentHash}\n`);
  }
  return hash.digest('hex');
}

/**
 * The repository files outside web/ and node_modules/ that a build read, from the module ids
 * Vite reports (virtual modules and query suffixes dropped). Dependencies are covered by the lock
 * file, sources under web/ by the listing.
 */
export function externalInputsOf(layout: WebBuildLayout, moduleIds: Iterable<string>): string[] {
  const inputs = new Set<string>();
  for (const id of moduleIds) {
    if (id.startsWith('\0')) continue;
    const file = id.split('?')[0] ?? '';
    if (!path.isAbsolute(file)) continue;
    const relative = path.relative(layout.repositoryRoot, file);
    const isInside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    const isCovered =
      isInside && (isUnder(relative, 'web') || relative.split(path.sep).includes('node_modules'));
    if (isInside && !isCovered) inputs.add(relative);
  }
  return [...inputs].sort();
}

function isUnder(relative: string, folder: string): boolean {
  return relative === folder || relative.startsWith(folder + path.sep);
}

function listFiles(directory: string, skipped: ReadonlySet<string> = new Set()): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    // Dot files (editor state, .DS_Store) and build output never change what is built.
    if (entry.name.startsWith('.') || skipped.has(entry.name)) continue;
    const fullPath = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(fullPath));
    else if (entry.isFile()) files.push(fullPath);
  }
  return files;
}

function readOrNull(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}
