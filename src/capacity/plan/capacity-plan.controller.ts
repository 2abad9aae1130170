import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { CapacityAllocationService } from '../allocation/capacity-allocation.service.js';
import { CapacityPlanCacheService, type PlanAnswer } from './cache/capacity-plan-cache.service.js';
import { acceptsGzip, etagMatches } from '../../calendar/feed-http.js';
import { CreateAllocationBody, ExpectedHoursQuery, PlanQuery } from '../dto/capacity-query.dto.js';
import {
  AllocationDetailDto,
  AllocationDto,
  CapacityPlanDto,
  ExpectedHoursDto,
  PLAN_EXTRA_MODELS,
} from '../dto/capacity-response.dto.js';
import { planToCsv } from './core/plan-csv.js';

const uuid = new ParseIdPipe();

/** Set on a plan of older inputs answered while the newer plan is computed. */
export const PLAN_REFRESHING_HEADER = 'X-Plan-Refreshing';

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
  @ApiOperation({
    summary:
      'Demand against supply per office × week × activity, largest shortfall first (Accept: text/csv for CSV; dialect=excel-da for Excel with Danish settings)',
  })
  @ApiExtraModels(CapacityPlanDto, ...PLAN_EXTRA_MODELS)
  @ApiOkResponse({
    description:
      'The plan as JSON (sent gzip-compressed as kept when the client takes gzip) or, with Accept: text/csv, its rows as CSV (attachment)',
    headers: {
      ETag: { description: 'Weak ETag of the JSON, the same for either encoding', schema: { type: 'string' } },
      'Last-Modified': {
        description: 'When the plan was computed: it reflects at least the inputs committed then',
        schema: { type: 'string' },
      },
      [PLAN_REFRESHING_HEADER]: {
        description:
          'Present (true) when the plan is of older inputs, at most CAPACITY_PLAN_MAX_STALE_SECONDS old, and the plan of the newer ones is being computed (by the background refresh, within CAPACITY_PLAN_REFRESH_SECONDS): ask again in a few seconds',
        schema: { type: 'string', enum: ['true'] },
      },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CapacityPlanDto) } },
      'text/csv': {
        schema: {
          type: 'string',
          example:
            'week,week_start,office_code,office_name,activity,kind,role,skill,participants,sessions,demand_hours,supply_hours,gap_hours,utilisation,pool',
        },
      },
    },
  })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the kept ETag' })
  async plan(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PlanQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const answer = await this.plans.plan(principal, query);
    response.setHeader('Last-Modified', answer.inputsAt.toUTCString());
    // Each caller's own, and asked again every time (Last-Modified alone would let a browser reuse it unasked).
    response.setHeader('Cache-Control', 'private, no-cache');
    if (answer.stale) response.setHeader(PLAN_REFRESHING_HEADER, 'true');
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
      response.type('text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="capacity-plan-${answer.kept.from}.csv"`);
      response.send(planToCsv(await answer.kept.value(), query.dialect));
      return;
    }
    await sendKeptJson(request, response, answer);
  }

  @Post('allocations')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue an adviser allocation (HiGHS) for a period; poll GET /api/capacity/allocations/:id' })
  @ApiAcceptedResponse({ type: AllocationDto })
  requestAllocation(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAllocationBody,
  ): Promise<AllocationDto> {
    return this.allocations.request(body, principal);
  }

  @Get('allocations/:id')
  @ApiOperation({ summary: 'Status of an allocation; when done, the assignments and what stays uncovered and why' })
  @ApiOkResponse({ type: AllocationDetailDto })
  getAllocation(@Param('id', uuid) id: string): Promise<AllocationDetailDto> {
    return this.allocations.get(id);
  }

  @Post('allocations/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a finished allocation the plan of record for its period (supersedes an earlier one)' })
  @ApiOkResponse({ type: AllocationDto })
  acceptAllocation(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<AllocationDto> {
    return this.allocations.accept(id, principal);
  }

  @Get('offices/:id/expected-hours')
  @ApiOperation({
    summary: 'Hours each person is expected to publish as slots at the office, from the accepted allocation',
  })
  @ApiOkResponse({ type: ExpectedHoursDto })
  expectedHours(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Query() query: ExpectedHoursQuery,
  ): Promise<ExpectedHoursDto> {
    return this.allocations.expectedHours(principal, id, query);
  }
}

/**
 * The kept plan's JSON, written here rather than by Express: a client that takes gzip gets the kept bytes as they
 * are (no text made or compressed per request), and If-None-Match with the kept ETag answers 304 without a body.
 * If-Modified-Since is not looked at (Express's `request.fresh` would): HTTP dates have whole seconds, and two plans
 * of different inputs can be computed within one, so only the ETag tells whether the client holds this plan.
 */
async function sendKeptJson(request: Request, response: Response, { kept }: PlanAnswer): Promise<void> {
  response.setHeader('ETag', kept.etag);
  response.setHeader('Vary', 'Accept-Encoding');
  if (etagMatches(request.headers['if-none-match'], kept.etag)) {
    response.status(304).end();
    return;
  }
  response.type('application/json; charset=utf-8');
  const gzipped = acceptsGzip(request.headers['accept-encoding']);
  const body = gzipped ? kept.gzipped : await kept.json();
  if (gzipped) response.setHeader('Content-Encoding', 'gzip');
  response.setHeader('Content-Length', body.length);
  response.status(200).end(request.method === 'HEAD' ? undefined : body);
}
