import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Redis } from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export interface QueueConnection {
  url: string;
  prefix: string;
}

@Injectable()
class RedisClientCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/**
 * BullMQ's connection for every queue, plus one plain client for health checks and small keys.
 * `enableOfflineQueue: false` on the plain client makes commands fail at once while Redis is down
 * instead of piling up. BullMQ's connection keeps its offline queue (workers must wait for Redis, not fail), so
 * producers in a request path race their Redis calls against a deadline (503 QUEUE_UNAVAILABLE, or the reconciler).
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(connection: QueueConnection): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          // BullMQ's own reconnect backoff grows to 20 s, so after a Redis restart workers sat idle (and a worker's
          // close() waited) for up to that long; a 2 s cap brings them back as soon as Redis answers.
          connection: {
            url: connection.url,
            maxRetriesPerRequest: null,
            retryStrategy: (attempt: number) => Math.min(250 * attempt, 2000),
          },
          prefix: `${connection.prefix}:bull`,
        }),
      ],
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: () => {
            const client = new Redis(connection.url, {
              keyPrefix: `${connection.prefix}:`,
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
              connectTimeout: 2000,
            });
            client.on('error', () => undefined);
            return client;
          },
        },
        RedisClientCloser,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
