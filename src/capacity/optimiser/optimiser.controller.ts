import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { CreateOptimiserRunBody } from './dto/optimiser.dto.js';
import { OptimiserApplyService } from './optimiser-apply.service.js';
import { OptimiserService } from './optimiser.service.js';

const uuid = new ParseIdPipe();

@ApiTags('optimiser')
@ApiBearerAuth()
@Controller('api/optimiser/runs')
export class OptimiserController {
  constructor(
    @Inject(OptimiserService) private readonly optimiser: OptimiserService,
    @Inject(OptimiserApplyService) private readonly applier: OptimiserApplyService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a group-session optimiser run; the same planning scope while one is queued or running returns that run' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOptimiserRunBody) {
    return this.optimiser.request(body, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status (queued, running with progress, done, failed, cancelled) and summary of a run' })
  get(@Param('id', uuid) id: string) {
    return this.optimiser.get(id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a queued or running run (a running solve stops at its next check and keeps its best proposal)' })
  cancel(@Param('id', uuid) id: string) {
    return this.optimiser.cancel(id);
  }

  @Get(':id/proposal')
  @ApiOperation({ summary: 'Proposed new sessions, seats in existing sessions, and every member left unplaced with a reason' })
  proposal(@Param('id', uuid) id: string) {
    return this.optimiser.proposal(id);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create the proposed sessions and bookings in one transaction, re-checked against current data; idempotent' })
  apply(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.applier.apply(id, principal);
  }
}
