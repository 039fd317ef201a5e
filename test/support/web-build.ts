import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webBuildLayout } from '../../scripts/web-build/layout.ts';
import type { WebBuildLayout } from '../../scripts/web-build/layout.ts';
import { ensureWebAppBuild } from '../../scripts/web-build/web-build.ts';
import type { WebBuildResult } from '../../scripts/web-build/web-build.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The same step npm runs before start and test (scripts/build-web.ts): builds the web app only
 * when web/dist is missing or stale, and never disturbs a server already answering from it.
 */
export function ensureWebAppBuilt(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-web.ts'], {
    cwd: repositoryRoot,
    stdio: 'pipe',
  });
}

/** A throwaway checkout: web/ with one source file, for tests of the build layout. */
export function temporaryWebLayout(): WebBuildLayout {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-web-build-'));
  fs.mkdirSync(path.join(root, 'web', 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'web', 'src', 'main.ts'), 'export {};\n');
  return webBuildLayout(root);
}

/**
 * Makes a build in `layout` with a stand-in for Vite that writes an index.html naming one hashed
 * script, that script, and a manifest; returns the script's name with the build result.
 */
export async function makeFakeBuild(
  layout: WebBuildLayout,
  label: string,
): Promise<WebBuildResult & { script: string }> {
  const script = `index-${label}.js`;
  const result = await ensureWebAppBuild({
    layout,
    force: true,
    buildInto: (_layout, outputDirectory) => {
      fs.mkdirSync(path.join(outputDirectory, 'assets'), { recursive: true });
      fs.writeFileSync(
        path.join(outputDirectory, 'index.html'),
        `<!doctype html><title>${label}</title><script type="module" src="/app/assets/${script}"></script>\n`,
      );
      fs.writeFileSync(
        path.join(outputDirectory, 'assets', script),
        `console.log(${JSON.stringify(label)});\n`,
      );
      fs.writeFileSync(path.join(outputDirectory, 'manifest.webmanifest'), '{"name":"Amparo"}\n');
      return Promise.resolve([]);
    },
  });
  return { ...result, script };
}
