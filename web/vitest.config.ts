import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Component tests of the web app (web/test): the real pages in jsdom, driven through the UI, with `fetch` stubbed
 * at the network boundary (web/test/support/api-stub.ts). Kept apart from web/vite.config.ts, whose build plugins
 * publish into dist/. Jest never sees these files (jest.config.js matches only src/ and test/).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/support/setup.ts'],
    // The preview waits half a second after the last change and the optimiser polls once a second: real timers.
    testTimeout: 20_000,
    restoreMocks: true,
    unstubGlobals: true,
  },
});
