import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The members' app, served by Amparo under /app/. The CSP allows no inline script or style, so the
 * module-preload polyfill (an inline helper) is off and nothing is inlined as a data: URL. TSX is
 * compiled by Vite's own oxc transform with Preact's automatic JSX runtime (no plugin needed).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
});
