import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators.js';
import { CENTRAL_ROLES, COORDINATOR_ROLES, type Principal } from '../common/auth/principal.js';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { CapacityAllocationService } from './capacity-allocation.service.js';
import { CapacityPlanService } from './capacity-plan.service.js';
import { CreateAllocationBody, ExpectedHoursQuery, PlanQuery } from './dto/capacity-query.dto.js';
import { planToCsv } from './plan/plan-csv.js';

const uuid = new ParseIdPipe();

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('api/capacity')
export class CapacityPlanController {
  constructor(
    @Inject(CapacityPlanService) private readonly plans: CapacityPlanService,
    @Inject(CapacityAllocationService) private readonly allocations: CapacityAllocationService,
  ) {}

  @Get('plan')
  @Roles(...COORDINATOR_ROLES)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Demand against supply per office × week × activity, largest shortfall first (Accept: text/csv for CSV; dialect=excel-da for Excel with Danish settings)' })
  async plan(@CurrentPrincipal() principal: Principal, @Query() query: PlanQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const plan = await this.plans.plan(principal, query);
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return plan;
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="capacity-plan-${plan.from}.csv"`);
    return planToCsv(plan.rows, query.dialect);
  }

  @Post('allocations')
  @HttpCode(202)
  @Roles(...CENTRAL_ROLES)
  @ApiOperation({ summary: 'Queue an adviser allocation (HiGHS) for a period; poll GET /api/capacity/allocations/:id' })
  requestAllocation(@CurrentPrincipal() principal: Principal, @Body() body: CreateAllocationBody) {
    return this.allocations.request(body, principal);
  }

  @Get('allocations/:id')
  @Roles(...CENTRAL_ROLES)
  @ApiOperation({ summary: 'Status of an allocation; when done, the assignments and what stays uncovered and why' })
  getAllocation(@Param('id', uuid) id: string) {
    return this.allocations.get(id);
  }

  @Post('allocations/:id/accept')
  @HttpCode(200)
  @Roles(...CENTRAL_ROLES)
  @ApiOperation({ summary: 'Make a finished allocation the plan of record for its period (supersedes an earlier one)' })
  acceptAllocation(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.allocations.accept(id, principal);
  }

  @Get('offices/:id/expected-hours')
  @Roles(...COORDINATOR_ROLES)
  @ApiOperation({ summary: 'Hours each person is expected to publish as slots at the office, from the accepted allocation' })
  expectedHours(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Query() query: ExpectedHoursQuery) {
    return this.allocations.expectedHours(principal, id, query);
  }
}
