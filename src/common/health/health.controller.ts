import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Redis } from 'ioredis';
import { Public } from '../auth/auth.decorators.js';
import { PostgresProbe } from '../database/postgres-probe.js';
import { REDIS_CLIENT } from '../queue/queue.module.js';
import { AliveDto, ReadinessDto } from './dto/health.dto.js';

type CheckResult = 'ok' | 'down';

async function withTimeout(check: Promise<unknown>, ms: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve('down'), ms);
  });
  try {
    return await Promise.race([
      check.then(
        (): CheckResult => 'ok',
        (): CheckResult => 'down',
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PostgresProbe) private readonly postgres: PostgresProbe,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The process is alive' })
  @ApiOkResponse({ type: AliveDto })
  alive(): AliveDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL (on a connection of its own, not the pool) and Redis answer; 503 otherwise' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'A check failed' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessDto> {
    const [postgres, redis] = await Promise.all([
      withTimeout(this.postgres.check(), 2000),
      withTimeout(this.redis.ping(), 2000),
    ]);
    const ok = postgres === 'ok' && redis === 'ok';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}
