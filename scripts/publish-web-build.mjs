// Publishes a finished Vite build of the web app without ever taking away a file a running server
// serves. Each build goes into its own folder, dist/web-builds/<id>; dist/web is a symbolic link that
// is swapped to the new folder in one rename. A page loaded before the swap still finds its hashed
// assets (its lazily loaded chunks in particular): the assets of the last few builds are linked into
// the new one. Used by web/vite.config.ts, so every `vite build` publishes this way.
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** Builds whose assets stay reachable: the new one and the two before it. */
export const KEPT_BUILDS = 3;
/** A folder that never got published (a failed or still-running build) is removed once it is this old. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** Written into a build folder when it is published: the assets Vite emitted for it (before any were carried over). */
const OWN_ASSETS = '.own-assets.json';

/** A fresh folder name for a build; names sort in the order builds started. */
export function newWebBuildDir(distDir) {
  return path.join(distDir, 'web-builds', `${Date.now().toString(36).padStart(9, '0')}-${process.pid}`);
}

function assetsOf(buildDir) {
  const dir = path.join(buildDir, 'assets');
  return existsSync(dir) ? readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isFile()) : [];
}

function ownAssets(buildDir) {
  try {
    return JSON.parse(readFileSync(path.join(buildDir, OWN_ASSETS), 'utf8'));
  } catch {
    return assetsOf(buildDir);
  }
}

function publishedBuilds(buildsDir) {
  return readdirSync(buildsDir)
    .filter((name) => existsSync(path.join(buildsDir, name, OWN_ASSETS)))
    .sort();
}

function isPlainFolder(dir) {
  return existsSync(dir) && !lstatSync(dir).isSymbolicLink();
}

function linkOrCopy(from, to) {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Makes `buildDir` (a finished build inside `<distDir>/web-builds`) the one served from `<distDir>/web`.
 * Returns the builds kept (none when a build started later was published already).
 */
export function publishWebBuild(distDir, buildDir) {
  const buildsDir = path.join(distDir, 'web-builds');
  const liveDir = path.join(distDir, 'web');
  const id = path.basename(buildDir);
  mkdirSync(buildsDir, { recursive: true });

  const own = assetsOf(buildDir);
  writeFileSync(path.join(buildDir, OWN_ASSETS), JSON.stringify(own));
  // Two builds at once: the one started last wins, whichever finishes first.
  if (publishedBuilds(buildsDir).some((name) => name > id)) return [];
  const earlier = publishedBuilds(buildsDir)
    .filter((name) => name < id)
    .slice(-(KEPT_BUILDS - 1));
  // A dist/web from before builds were swapped in (a plain folder) counts as the build before.
  const plain = isPlainFolder(liveDir);
  const sources = [...earlier.map((name) => path.join(buildsDir, name)), ...(plain ? [liveDir] : [])];
  const present = new Set(own);
  mkdirSync(path.join(buildDir, 'assets'), { recursive: true });
  for (const source of sources) {
    for (const name of ownAssets(source)) {
      const from = path.join(source, 'assets', name);
      if (present.has(name) || !existsSync(from)) continue;
      linkOrCopy(from, path.join(buildDir, 'assets', name));
      present.add(name);
    }
  }

  // rename() replaces the old link in one step: a request sees the old build or the new one, never neither.
  const staging = `${liveDir}.${process.pid}.${Date.now()}.tmp`;
  if (process.platform === 'win32') symlinkSync(buildDir, staging, 'junction');
  else symlinkSync(path.relative(distDir, buildDir), staging);
  if (plain) {
    // A folder cannot be replaced by a link in one step: moving it aside leaves a gap of two renames, once.
    const adopted = path.join(buildsDir, `${id}-replaced-plain-folder`);
    renameSync(liveDir, adopted);
    renameSync(staging, liveDir);
    rmSync(adopted, { recursive: true, force: true });
  } else {
    renameSync(staging, liveDir);
  }

  const kept = new Set([id, ...earlier]);
  const newest = publishedBuilds(buildsDir).at(-1);
  for (const name of readdirSync(buildsDir)) {
    if (kept.has(name) || name === newest) continue;
    const dir = path.join(buildsDir, name);
    const published = existsSync(path.join(dir, OWN_ASSETS));
    if (published ? name < id : Date.now() - statSync(dir).mtimeMs > ABANDONED_AFTER_MS)
      rmSync(dir, { recursive: true, force: true });
  }
  return [...kept];
}
