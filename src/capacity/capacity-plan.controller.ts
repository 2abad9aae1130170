import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { CapacityAllocationService } from './capacity-allocation.service.js';
import { CapacityPlanCacheService } from './plan-cache/capacity-plan-cache.service.js';
import { CreateAllocationBody, ExpectedHoursQuery, PlanQuery } from './dto/capacity-query.dto.js';
import { planToCsv } from './plan/plan-csv.js';

const uuid = new ParseIdPipe();

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('api/capacity')
export class CapacityPlanController {
  constructor(
    @Inject(CapacityPlanCacheService) private readonly plans: CapacityPlanCacheService,
    @Inject(CapacityAllocationService) private readonly allocations: CapacityAllocationService,
  ) {}

  @Get('plan')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Demand against supply per office × week × activity, largest shortfall first (Accept: text/csv for CSV; dialect=excel-da for Excel with Danish settings)' })
  async plan(@CurrentPrincipal() principal: Principal, @Query() query: PlanQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const kept = await this.plans.plan(principal, query);
    const plan = kept.plan;
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') {
      // The kept plan's JSON text, made once per plan and inputs version.
      response.type('application/json; charset=utf-8');
      response.setHeader('ETag', kept.etag());
      return kept.json();
    }
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="capacity-plan-${plan.from}.csv"`);
    return planToCsv(plan.rows, query.dialect);
  }

  @Post('allocations')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue an adviser allocation (HiGHS) for a period; poll GET /api/capacity/allocations/:id' })
  requestAllocation(@CurrentPrincipal() principal: Principal, @Body() body: CreateAllocationBody) {
    return this.allocations.request(body, principal);
  }

  @Get('allocations/:id')
  @ApiOperation({ summary: 'Status of an allocation; when done, the assignments and what stays uncovered and why' })
  getAllocation(@Param('id', uuid) id: string) {
    return this.allocations.get(id);
  }

  @Post('allocations/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a finished allocation the plan of record for its period (supersedes an earlier one)' })
  acceptAllocation(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.allocations.accept(id, principal);
  }

  @Get('offices/:id/expected-hours')
  @ApiOperation({ summary: 'Hours each person is expected to publish as slots at the office, from the accepted allocation' })
  expectedHours(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Query() query: ExpectedHoursQuery) {
    return this.allocations.expectedHours(principal, id, query);
  }
}
