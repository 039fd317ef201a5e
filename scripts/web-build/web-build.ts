import fs from 'node:fs';
import path from 'node:path';
import { externalInputsOf, hashBuildInputs, listBuildInputs } from './inputs.ts';
import {
  finishBuild,
  makePartialBuildDirectory,
  pruneBuilds,
  readCurrentBuild,
  switchCurrentBuild,
  webBuildLayout,
} from './layout.ts';
import type { WebBuildLayout } from './layout.ts';

/** Writes a production build of the app into `outputDirectory`; resolves to the module ids it read. */
export type BuildInto = (layout: WebBuildLayout, outputDirectory: string) => Promise<string[]>;

export interface WebBuildOptions {
  /** Build even when the current build matches the sources (`npm run build:web`). */
  force?: boolean;
  layout?: WebBuildLayout;
  /** Vite by default; tests of the layout pass a stand-in that writes a few files. */
  buildInto?: BuildInto;
}

export interface WebBuildResult {
  status: 'up-to-date' | 'built';
  /** The folder under web/builds/ that web/dist names now. */
  buildName: string;
  milliseconds: number;
  removed: string[];
}

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Builds the members' app only when web/dist is missing or was built from other sources (a hash
 * of web/, the lock file, tsconfig and the other files the last build read), into a new folder
 * that is switched to atomically, so a running server never answers from a half-written build.
 * Safe to run beside running servers and beside another build (each writes its own folder).
 */
export async function ensureWebAppBuild(options: WebBuildOptions = {}): Promise<WebBuildResult> {
  const started = performance.now();
  const layout = options.layout ?? webBuildLayout(repositoryRoot);
  const current = readCurrentBuild(layout);
  const expectedHash = hashBuildInputs(
    layout.repositoryRoot,
    listBuildInputs(layout, current?.record?.externalInputs ?? []),
  );
  if (!options.force && current?.record?.inputsHash === expectedHash) {
    return { status: 'up-to-date', buildName: current.name, milliseconds: elapsed(started), removed: [] };
  }
  // Listed before building: a source edited while Vite runs makes the next start build again.
  const webInputs = listBuildInputs(layout, []);
  const partialDirectory = makePartialBuildDirectory(layout);
  try {
    const moduleIds = await (options.buildInto ?? buildWithVite)(layout, partialDirectory);
    const externalInputs = externalInputsOf(layout, moduleIds);
    const inputsHash = hashBuildInputs(
      layout.repositoryRoot,
      [...new Set([...webInputs, ...externalInputs])].sort(),
    );
    const buildName = finishBuild(
      layout,
      partialDirectory,
      { inputsHash, externalInputs, builtAt: new Date().toISOString() },
      current,
    );
    switchCurrentBuild(layout, buildName);
    const removed = pruneBuilds(layout, [buildName, ...(current ? [current.name] : [])]);
    return { status: 'built', buildName, milliseconds: elapsed(started), removed };
  } catch (error) {
    fs.rmSync(partialDirectory, { recursive: true, force: true });
    throw error;
  }
}

/** Vite with the app's own config (web/vite.config.ts); only the output folder is ours. */
const buildWithVite: BuildInto = async (layout, outputDirectory) => {
  const { build } = await import('vite');
  const output = await build({
    configFile: path.join(layout.webDirectory, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    build: { outDir: outputDirectory, emptyOutDir: true },
  });
  const results = Array.isArray(output) ? output : [output];
  const moduleIds: string[] = [];
  for (const result of results) {
    if (!('output' in result)) continue;
    for (const item of result.output) if (item.type === 'chunk') moduleIds.push(...item.moduleIds);
  }
  return moduleIds;
};

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
