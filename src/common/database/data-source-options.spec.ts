import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { domainErrorFromPostgres } from '../errors/postgres-errors.js';
import { buildDataSourceOptions, CONNECT_TIMEOUT_MS } from './data-source-options.js';

describe('the pool options: a slow connect is an outage, a long wait for a pooled connection is not', () => {
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers, like a PostgreSQL host that hangs.
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up connecting after CONNECT_TIMEOUT_MS even when the pool may wait much longer, and maps that to DATABASE_UNAVAILABLE', async () => {
    const { extra } = buildDataSourceOptions(
      `postgres://postgres@127.0.0.1:${port}/x`,
      { entities: [], migrations: [] },
      2,
      20_000,
    ) as { extra: pg.PoolConfig };
    const pool = new pg.Pool({ ...extra, connectionString: `postgres://postgres@127.0.0.1:${port}/x` });
    const started = Date.now();
    const error = await pool.query('SELECT 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    await pool.end();
    expect(elapsed).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan(CONNECT_TIMEOUT_MS + 3000);
    expect(domainErrorFromPostgres(error)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it('maps the pool giving up its wait to BUSY and a refused connect to DATABASE_UNAVAILABLE', () => {
    expect(domainErrorFromPostgres(new Error('timeout exceeded when trying to connect'))).toMatchObject({
      statusCode: 503,
      code: 'BUSY',
    });
    expect(
      domainErrorFromPostgres(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(
      domainErrorFromPostgres(new Error('Query runner already released. Cannot run queries anymore.')),
    ).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });
});
