import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { externalInputsOf } from '../../scripts/web-build/inputs.ts';
import { readCurrentBuild } from '../../scripts/web-build/layout.ts';
import type { WebBuildLayout } from '../../scripts/web-build/layout.ts';
import { ensureWebAppBuild } from '../../scripts/web-build/web-build.ts';
import type { BuildInto } from '../../scripts/web-build/web-build.ts';
import { makeFakeBuild, temporaryWebLayout } from '../support/web-build.ts';

let layout: WebBuildLayout;
afterEach(() => fs.rmSync(layout.repositoryRoot, { recursive: true, force: true }));

/** A stand-in for Vite that counts its runs and reports it read `server/shared.ts`. */
function countingBuild(): { buildInto: BuildInto; runs: () => number } {
  let runs = 0;
  const buildInto: BuildInto = (current, outputDirectory) => {
    runs += 1;
    fs.mkdirSync(path.join(outputDirectory, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(outputDirectory, 'index.html'), `<!doctype html><title>${runs}</title>\n`);
    return Promise.resolve([
      path.join(current.webDirectory, 'src', 'main.ts'),
      path.join(current.repositoryRoot, 'server', 'shared.ts'),
      path.join(current.repositoryRoot, 'node_modules', 'preact', 'dist', 'preact.mjs'),
      '\0vite/modulepreload-polyfill',
    ]);
  };
  return { buildInto, runs: () => runs };
}

const write = (relative: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(layout.repositoryRoot, relative)), { recursive: true });
  fs.writeFileSync(path.join(layout.repositoryRoot, relative), content);
};

describe('building the web app once', () => {
  it('builds when there is no build, then not again until an input changes', async () => {
    layout = temporaryWebLayout();
    write('server/shared.ts', 'export const a = 1;\n');
    write('package-lock.json', '{}\n');
    const { buildInto, runs } = countingBuild();
    const ensure = () => ensureWebAppBuild({ layout, buildInto });

    expect((await ensure()).status).toBe('built');
    expect((await ensure()).status).toBe('up-to-date');
    expect(readCurrentBuild(layout)?.record?.externalInputs).toEqual(['server/shared.ts']);

    const changes: [string, () => void][] = [
      ['a source under web/', () => write('web/src/main.ts', 'export const changed = true;\n')],
      ['a new file under web/', () => write('web/public/robots.txt', 'User-agent: *\n')],
      ['the lock file', () => write('package-lock.json', '{"lockfileVersion":3}\n')],
      ['a server file the app imports', () => write('server/shared.ts', 'export const a = 2;\n')],
    ];
    for (const [what, change] of changes) {
      change();
      expect((await ensure()).status, what).toBe('built');
      expect((await ensure()).status, what).toBe('up-to-date');
    }
    // Build output, dot files and unrelated server files are not inputs.
    write('web/.editor-state', 'x');
    write('server/unrelated.ts', 'export {};\n');
    expect((await ensure()).status).toBe('up-to-date');
    expect(runs()).toBe(5);
  });

  it('keeps only repository files outside web/ and node_modules/ as recorded inputs', () => {
    layout = temporaryWebLayout();
    const root = layout.repositoryRoot;
    expect(
      externalInputsOf(layout, [
        path.join(root, 'server', 'audit.ts?used'),
        path.join(root, 'web', 'src', 'main.ts'),
        path.join(root, 'node_modules', 'x', 'index.js'),
        path.join(path.dirname(root), 'elsewhere.ts'),
        '\0virtual:module',
        'relative/id.ts',
      ]),
    ).toEqual([path.join('server', 'audit.ts')]);
  });

  it('switches web/dist to each new build and prunes to the three newest plus the current one', async () => {
    layout = temporaryWebLayout();
    const names: string[] = [];
    for (const label of ['a', 'b', 'c', 'd', 'e']) {
      const result = await makeFakeBuild(layout, label);
      names.push(result.buildName);
      expect(fs.readlinkSync(layout.currentLink)).toBe(path.join('builds', result.buildName));
      expect(readCurrentBuild(layout)?.name).toBe(result.buildName);
    }
    expect(fs.readdirSync(layout.buildsDirectory).sort()).toEqual(names.slice(-3).sort());
    // Each build carries the scripts of the one before it, and only those.
    const assets = fs.readdirSync(path.join(layout.currentLink, 'assets')).sort();
    expect(assets).toEqual(['index-d.js', 'index-e.js']);
  });

  it('moves a web/dist folder from before this layout aside instead of failing', async () => {
    layout = temporaryWebLayout();
    fs.mkdirSync(path.join(layout.currentLink, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(layout.currentLink, 'index.html'), 'old');
    fs.writeFileSync(path.join(layout.currentLink, 'assets', 'index-old.js'), 'old');
    const result = await makeFakeBuild(layout, 'new');
    expect(fs.lstatSync(layout.currentLink).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(path.join(layout.currentLink, 'assets')).sort()).toEqual([
      'index-new.js',
      'index-old.js',
    ]);
    expect(fs.readdirSync(layout.buildsDirectory).some((name) => name.endsWith('-legacy'))).toBe(true);
    expect(result.status).toBe('built');
  });

  it('leaves the current build and no partial folder behind when a build fails', async () => {
    layout = temporaryWebLayout();
    const first = await makeFakeBuild(layout, 'first');
    const failing: BuildInto = () => Promise.reject(new Error('syntax error in main.ts'));
    await expect(ensureWebAppBuild({ layout, force: true, buildInto: failing })).rejects.toThrow(
      /syntax error/,
    );
    expect(readCurrentBuild(layout)?.name).toBe(first.buildName);
    expect(fs.readdirSync(layout.buildsDirectory)).toEqual([first.buildName]);
  });

  it('removes partial builds a crash left behind once they are an hour old', async () => {
    layout = temporaryWebLayout();
    await makeFakeBuild(layout, 'first');
    const abandoned = path.join(layout.buildsDirectory, '.partial-abandoned');
    const recent = path.join(layout.buildsDirectory, '.partial-recent');
    fs.mkdirSync(abandoned);
    fs.mkdirSync(recent);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(abandoned, twoHoursAgo, twoHoursAgo);
    const second = await makeFakeBuild(layout, 'second');
    expect(second.removed).toContain('.partial-abandoned');
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
  });
});
