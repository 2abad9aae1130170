import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { CreateOptimiserRunBody } from './dto/optimiser.dto.js';
import { ApplyResultDto, OptimiserRunDto, ProposalDto } from './dto/optimiser-response.dto.js';
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
  @ApiOperation({
    summary:
      'Queue a group-session optimiser run; the same planning scope while one is queued or running returns that run',
  })
  @ApiAcceptedResponse({ type: OptimiserRunDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOptimiserRunBody): Promise<OptimiserRunDto> {
    return this.optimiser.request(body, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status (queued, running with progress, done, failed, cancelled) and summary of a run' })
  @ApiOkResponse({ type: OptimiserRunDto })
  get(@Param('id', uuid) id: string): Promise<OptimiserRunDto> {
    return this.optimiser.get(id);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Cancel a queued or running run (a running solve stops at its next check and keeps its best proposal)',
  })
  @ApiOkResponse({ type: OptimiserRunDto })
  cancel(@Param('id', uuid) id: string): Promise<OptimiserRunDto> {
    return this.optimiser.cancel(id);
  }

  @Get(':id/proposal')
  @ApiOperation({
    summary: 'Proposed new sessions, seats in existing sessions, and every member left unplaced with a reason',
  })
  @ApiOkResponse({ type: ProposalDto })
  proposal(@Param('id', uuid) id: string): Promise<ProposalDto> {
    return this.optimiser.proposal(id);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Create the proposed sessions and bookings in one transaction, re-checked against current data; idempotent',
  })
  @ApiOkResponse({ type: ApplyResultDto })
  apply(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ApplyResultDto> {
    return this.applier.apply(id, principal);
  }
}
