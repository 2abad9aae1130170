import { spawn } from 'node:child_process';
import path from 'node:path';
import { jest } from '@jest/globals';

jest.setTimeout(240_000);

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * Runs one fixture file in a Jest of its own (same transform as jest.config.js, no global setup: it
 * uses this run's database and Redis prefix) and reports how it ended.
 */
function runFixture(
  file: string,
  giveUpAfterMs: number,
): Promise<{ exitCode: number | null; hung: boolean; output: string }> {
  const config = {
    rootDir: ROOT,
    testMatch: [`<rootDir>/${file}`],
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', transpilation: true }] },
    testEnvironment: 'node',
  };
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--no-warnings',
        path.join(ROOT, 'node_modules/jest/bin/jest.js'),
        '--runInBand',
        '--ci',
        '--config',
        JSON.stringify(config),
      ],
      {
        cwd: ROOT,
        env: process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, giveUpAfterMs);
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, hung, output });
    });
  });
}

describe('the test suite on a busy machine', () => {
  it('fails, and exits, when an app start outlasts its hook (nothing it opened is left behind)', async () => {
    const run = await runFixture('test/fixtures/app-start-times-out.fixture.ts', 120_000);
    expect({ hung: run.hung, exitCode: run.exitCode }).toEqual({ hung: false, exitCode: 1 });
    expect(run.output).toContain('The app did not start in time.');
  });
});
