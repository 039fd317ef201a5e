import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where builds live. `web/dist` is a symbolic link to one finished build under `web/builds/`;
 * a new build is written beside the others and the link is replaced in one rename(2), so a running
 * server always sees either the whole old build or the whole new one, never a half-written folder.
 */
export interface WebBuildLayout {
  repositoryRoot: string;
  webDirectory: string;
  buildsDirectory: string;
  /** The link the server reads (`web/dist`). */
  currentLink: string;
}

/** What a finished build records about itself (a dot file, so the server never serves it). */
export interface BuildRecord {
  inputsHash: string;
  /** Repository files outside web/ that this build read (see `externalInputsOf`). */
  externalInputs: string[];
  /** This build's own hashed assets, as opposed to those carried over from the build before it. */
  ownAssets: string[];
  builtAt: string;
}

export interface CurrentBuild {
  name: string;
  directory: string;
  /** Null for a build made before records existed (a plain web/dist folder). */
  record: BuildRecord | null;
}

export const buildRecordName = '.amparo-build.json';
const partialPrefix = '.partial-';
const linkPrefix = '.link-';
/** Left-over partial builds and links older than this belong to a crashed build and are removed. */
const abandonedAfterMs = 60 * 60 * 1000;

export function webBuildLayout(repositoryRoot: string): WebBuildLayout {
  const webDirectory = path.join(repositoryRoot, 'web');
  return {
    repositoryRoot,
    webDirectory,
    buildsDirectory: path.join(webDirectory, 'builds'),
    currentLink: path.join(webDirectory, 'dist'),
  };
}

/** The build `web/dist` names now, or null when there is none with an index.html. */
export function readCurrentBuild(layout: WebBuildLayout): CurrentBuild | null {
  let directory: string;
  try {
    directory = fs.realpathSync(layout.currentLink);
  } catch {
    return null;
  }
  if (!fs.existsSync(path.join(directory, 'index.html'))) return null;
  return { name: path.basename(directory), directory, record: readRecord(directory) };
}

/** A fresh, empty folder for Vite to write into, invisible to the server until it is switched to. */
export function makePartialBuildDirectory(layout: WebBuildLayout): string {
  fs.mkdirSync(layout.buildsDirectory, { recursive: true });
  const directory = fs.mkdtempSync(path.join(layout.buildsDirectory, partialPrefix));
  // mkdtemp makes it private (0700); a server running as another user must be able to read it.
  fs.chmodSync(directory, 0o755);
  return directory;
}

/**
 * Completes a partial build: copies in the previous build's own assets (pages loaded before the
 * switch still ask for their hashed scripts; content-hashed names never clash), writes the
 * record, and renames the folder to its final name `<time>-<hash>-<random>`. Returns that name.
 */
export function finishBuild(
  layout: WebBuildLayout,
  partialDirectory: string,
  record: Omit<BuildRecord, 'ownAssets'>,
  previous: CurrentBuild | null,
): string {
  const assetsDirectory = path.join(partialDirectory, 'assets');
  fs.mkdirSync(assetsDirectory, { recursive: true });
  const ownAssets = fs.readdirSync(assetsDirectory).sort();
  if (previous) {
    for (const asset of previousOwnAssets(previous)) {
      const target = path.join(assetsDirectory, asset);
      if (!fs.existsSync(target)) fs.copyFileSync(path.join(previous.directory, 'assets', asset), target);
    }
  }
  const fullRecord: BuildRecord = { ...record, ownAssets };
  fs.writeFileSync(path.join(partialDirectory, buildRecordName), `${JSON.stringify(fullRecord, null, 2)}\n`);
  // Sorts by time; the random part keeps two builds finished in the same millisecond apart.
  const name = `${record.builtAt.replace(/[:.]/g, '-')}-${record.inputsHash.slice(0, 12)}-${randomBytes(2).toString('hex')}`;
  fs.renameSync(partialDirectory, path.join(layout.buildsDirectory, name));
  return name;
}

/**
 * Points `web/dist` at a finished build with one rename(2) of a new link over the old one. A
 * `web/dist` that is still a real folder (checkouts from before this layout) is first moved into
 * builds/ — the only moment a request can miss the app, once per checkout.
 */
export function switchCurrentBuild(layout: WebBuildLayout, name: string): void {
  const temporaryLink = path.join(layout.buildsDirectory, `${linkPrefix}${randomBytes(6).toString('hex')}`);
  // Relative, so the checkout can move; resolved from web/, where the link ends up.
  fs.symlinkSync(path.join('builds', name), temporaryLink);
  const existing = lstatOrNull(layout.currentLink);
  if (existing?.isDirectory()) {
    const legacyName = `${new Date().toISOString().replace(/[:.]/g, '-')}-legacy`;
    fs.renameSync(layout.currentLink, path.join(layout.buildsDirectory, legacyName));
  }
  fs.renameSync(temporaryLink, layout.currentLink);
}

/**
 * Removes old builds: keeps the current one, the one before it (passed in: pages it served may
 * still be open) and the newest `keep` in all; removes partial builds and links a crash left.
 */
export function pruneBuilds(layout: WebBuildLayout, keepNames: readonly string[], keep = 3): string[] {
  const entries = fs.readdirSync(layout.buildsDirectory, { withFileTypes: true });
  const builds = entries
    .filter((entry) => entry.isDirectory() && /^\d{4}-/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .reverse();
  const kept = new Set([...keepNames, ...builds.slice(0, keep)]);
  const removed = builds.filter((name) => !kept.has(name));
  const now = Date.now();
  for (const entry of entries) {
    const isLeftOver = entry.name.startsWith(partialPrefix) || entry.name.startsWith(linkPrefix);
    const fullPath = path.join(layout.buildsDirectory, entry.name);
    if (isLeftOver && now - (lstatOrNull(fullPath)?.mtimeMs ?? now) > abandonedAfterMs)
      removed.push(entry.name);
  }
  for (const name of removed)
    fs.rmSync(path.join(layout.buildsDirectory, name), { recursive: true, force: true });
  return removed;
}

function previousOwnAssets(previous: CurrentBuild): string[] {
  if (previous.record) return previous.record.ownAssets;
  try {
    return fs.readdirSync(path.join(previous.directory, 'assets'));
  } catch {
    return [];
  }
}

function readRecord(directory: string): BuildRecord | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(directory, buildRecordName), 'utf8')) as BuildRecord;
  } catch {
    return null;
  }
}

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}
