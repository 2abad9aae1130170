#!/usr/bin/env node
// Builds only what changed since the last build, so `npm start` and `npm run token` cost almost nothing
// when dist/ is current:
//   the service  (tsc -p tsconfig.build.json, incremental) when src/, bench/ or the TypeScript setup changed;
//   the web app  (type-check + Vite, published atomically) when web/ changed.
// Usage: node scripts/build.mjs [--service] [--web] [--force] [--quiet] [--root <checkout>]
// Without --service or --web it builds both. Messages go to stderr, so stdout stays the command's own.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TOOLS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What each part is built from and what it must leave behind; `stamp` records when its last successful build started. */
export const TARGETS = {
  service: {
    inputs: ['src', 'bench', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    outputs: ['dist/src/main.js', 'dist/src/worker.js', 'dist/src/common/auth/token-cli.js', 'dist/ormconfig.js'],
    stamp: 'dist/.build/service.stamp',
    buildInfo: 'dist/.build/service.tsbuildinfo',
  },
  web: {
    inputs: ['web', 'scripts/pwa-icons.mjs', 'package-lock.json'],
    outputs: ['dist/web/index.html'],
    stamp: 'dist/.build/web.stamp',
    buildInfo: 'dist/.build/web.tsbuildinfo',
  },
};

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Why `name` must be built in `root`, or undefined when its outputs are newer than every input. */
export function staleness(root, name) {
  const target = TARGETS[name];
  const missing = target.outputs.find((output) => !existsSync(path.join(root, output)));
  if (missing) return `${missing} is missing`;
  const stamp = path.join(root, target.stamp);
  if (!existsSync(stamp)) return 'it has not been built by this script yet';
  const builtAt = statSync(stamp).mtimeMs;
  const changed = target.inputs.find((input) => newestMtime(path.join(root, input)) > builtAt);
  return changed ? `${changed} changed` : undefined;
}

function run(args, cwd) {
  return new Promise((resolve, reject) => {
    // The child's stdout goes to stderr too: `TOKEN=$(npm run token --silent -- …)` must capture only the token.
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', process.stderr, process.stderr] });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0])} failed (exit code ${code})`)),
    );
  });
}

const STEPS = {
  service: (root, buildInfo) => [
    [
      path.join(TOOLS, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      buildInfo,
    ],
  ],
  web: (root, buildInfo) => [
    [
      path.join(TOOLS, 'node_modules/typescript/bin/tsc'),
      '-p',
      'web/tsconfig.json',
      '--incremental',
      '--tsBuildInfoFile',
      buildInfo,
    ],
    [
      path.join(TOOLS, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
  ],
};

/** Builds `name` in `root` when it is stale (or `force`); resolves to what was done, for the message. */
export async function build(root, name, { force = false, log = () => undefined } = {}) {
  const target = TARGETS[name];
  const reason = force ? 'asked to' : staleness(root, name);
  if (!reason) return 'up to date';
  const startedAt = new Date();
  const buildInfo = path.join(root, target.buildInfo);
  // tsc trusts its build info: with outputs deleted but the info kept it would emit nothing.
  if (force || target.outputs.some((output) => !existsSync(path.join(root, output))))
    rmSync(buildInfo, { force: true });
  log(`Building the ${name === 'web' ? 'web app' : 'service'} (${reason})…`);
  for (const args of STEPS[name](root, buildInfo)) await run(args, root);
  const stamp = path.join(root, target.stamp);
  mkdirSync(path.dirname(stamp), { recursive: true });
  closeSync(openSync(stamp, 'a'));
  // Stamped with the start time: a file saved during the build is newer, so the next start builds again.
  utimesSync(stamp, startedAt, startedAt);
  return `built in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`;
}

async function main(argv) {
  const option = (flag) => argv.includes(flag);
  const rootIndex = argv.indexOf('--root');
  const root = rootIndex >= 0 ? path.resolve(argv[rootIndex + 1]) : TOOLS;
  const names = ['service', 'web'].filter((name) => option(`--${name}`));
  const log = option('--quiet') ? () => undefined : (message) => console.error(message);
  for (const name of names.length > 0 ? names : ['service', 'web']) {
    const outcome = await build(root, name, { force: option('--force'), log });
    if (outcome !== 'up to date') log(`The ${name === 'web' ? 'web app' : 'service'} was ${outcome}.`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
