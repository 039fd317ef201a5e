/**
 * Builds the members' app into web/builds/<time>-<hash>-<random> and points web/dist at it, only when the
 * sources changed since the current build (or with --force):
 *
 *   node --import tsx scripts/build-web.ts [--force]
 *
 * npm runs it on install (prepare) and before start, demo and test; `npm run build:web` forces a
 * build. A running server keeps answering throughout (see scripts/web-build/layout.ts).
 */
import { parseArgs } from 'node:util';
import { ensureWebAppBuild } from './web-build/web-build.ts';

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });

try {
  const result = await ensureWebAppBuild({ force: values.force });
  const seconds = (result.milliseconds / 1000).toFixed(1);
  console.log(
    result.status === 'built'
      ? `Web app built in ${seconds} s: web/dist -> web/builds/${result.buildName}`
      : `Web app up to date: web/dist -> web/builds/${result.buildName}`,
  );
} catch (error) {
  console.error(`Building the web app failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
