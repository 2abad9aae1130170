import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Built into dist/web and served by Nest at /app (src/http-app.ts). React's JSX is compiled by Vite's
// own transformer (automatic runtime), so no React plugin is needed for the production build.
export default defineConfig({
  root,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // React libraries mark modules "use client" for server components; irrelevant in a browser-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite web` during development: the API runs on :3000 (npm start).
    proxy: { '/api': 'http://localhost:3000', '/calendar': 'http://localhost:3000', '/docs': 'http://localhost:3000' },
  },
});
