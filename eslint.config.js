import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'test-artifacts/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      // Classes named in decorated signatures are runtime values (Nest reads them from design:paramtypes),
      // so the type-import rule must know decorator metadata is emitted.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  // Dependency rules. The kernel (src/shared) and every core/ folder are plain TypeScript: no Nest, no TypeORM, and
  // the kernel depends on no feature. Booking never reaches into capacity: what both need lives in the kernel.
  {
    files: ['src/shared/**/*.ts', 'src/**/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@nestjs/', message: 'The kernel and core/ folders are plain TypeScript: no Nest here.' },
            { regex: '^typeorm($|/)', message: 'The kernel and core/ folders are plain TypeScript: no TypeORM here.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@nestjs/', message: 'The kernel is plain TypeScript: no Nest here.' },
            { regex: '^typeorm($|/)', message: 'The kernel is plain TypeScript: no TypeORM here.' },
            {
              regex: '^\\.\\./(\\.\\./)*(booking|capacity|calendar|locations|demo|common|optimiser|messaging)(/|$)',
              message: 'The kernel depends on no feature module.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/booking/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)capacity(/|$)',
              message: 'Booking never imports capacity: move the shared piece into src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'src/**/*-cli.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The service worker (web/public/sw.js, copied as it is): service-worker globals, no Node.
    files: ['web/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker } },
  },
  {
    // The web app (React, built by Vite): browser globals, the rules of hooks.
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
