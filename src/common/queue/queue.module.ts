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
 * instead of piling up.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(connection: QueueConnection): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          connection: { url: connection.url, maxRetriesPerRequest: null },
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
