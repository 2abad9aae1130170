import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { ICON_SIZES, iconPng, webManifest } from '../scripts/pwa-icons.mjs';
import { newWebBuildDir, publishWebBuild } from '../scripts/publish-web-build.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Each build goes into a folder of its own under dist/web-builds and is then swapped in as dist/web
 * (scripts/publish-web-build.mjs), so a build never empties the folder a running server serves.
 * `--outDir <dist>/web-builds/<id>` builds and publishes into another dist folder.
 */
function publishAtomically(): Plugin {
  let outDir = '';
  return {
    name: 'akasse-publish-web-build',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      publishWebBuild(path.dirname(path.dirname(outDir)), outDir);
    },
  };
}

/**
 * The installable app: the web manifest and its icons, drawn at build time (scripts/pwa-icons.mjs). The service
 * worker is web/public/sw.js, copied as it is to /app/sw.js, so its scope is /app/.
 */
function progressiveWebApp(): Plugin {
  return {
    name: 'akasse-pwa',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: `${JSON.stringify(webManifest(), null, 2)}\n`,
      });
      for (const size of ICON_SIZES)
        this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: iconPng(size) });
    },
  };
}

// Served by Nest at /app (src/http-app.ts). React's JSX is compiled by Vite's own transformer
// (automatic runtime), so no React plugin is needed for the production build.
export default defineConfig({
  root,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [progressiveWebApp(), publishAtomically()],
  build: {
    outDir: newWebBuildDir(fileURLToPath(new URL('../dist', import.meta.url))),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // Timings of plugin callbacks measure how busy the machine is, not the build: a shared CI box prints them on every start.
      checks: { bundlerTimings: false },
      // React libraries mark modules "use client" for server components; irrelevant in a browser-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite web` during development: the API runs on :3000 (npm start).
    proxy: { '/api': 'http://localhost:3000', '/calendar': 'http://localhost:3000' },
  },
});
