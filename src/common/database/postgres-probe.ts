import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from './data-source-options.js';

export const DATABASE_URL = Symbol('DATABASE_URL');

/**
 * Asks PostgreSQL itself whether it answers, on a connection of its own: through the pool, a burst that keeps every
 * pooled connection busy would look like an outage and take a healthy instance out of the load balancer.
 */
@Injectable()
export class PostgresProbe implements OnApplicationShutdown {
  private client?: Promise<pg.Client>;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  async check(): Promise<void> {
    const client = await (this.client ??= this.connect());
    try {
      await client.query('SELECT 1');
    } catch (error) {
      this.drop(client);
      throw error;
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'akasse-scheduler-health',
    });
    client.on('error', () => this.drop(client));
    try {
      await client.connect();
      return client;
    } catch (error) {
      this.drop(client);
      throw error;
    }
  }

  private drop(client: pg.Client): void {
    this.client = undefined;
    client.end().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
