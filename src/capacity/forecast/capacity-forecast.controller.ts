import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe.js';
import { CapacityForecastService } from './capacity-forecast.service.js';
import { CapacityHistoryService } from './capacity-history.service.js';
import { CapacityScenariosService } from './capacity-scenarios.service.js';
import { ForecastQuery, HistoryQuery } from '../dto/capacity-query.dto.js';
import { CreateScenarioBody } from '../dto/capacity-scenario.dto.js';
import {
  BACKTEST_EXTRA_MODELS,
  BacktestDto,
  ForecastDto,
  HistoryDto,
  HistoryImportResultDto,
  ScenarioDto,
} from '../dto/forecast-response.dto.js';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('api/capacity')
export class CapacityForecastController {
  constructor(
    @Inject(CapacityHistoryService) private readonly history: CapacityHistoryService,
    @Inject(CapacityForecastService) private readonly forecasts: CapacityForecastService,
    @Inject(CapacityScenariosService) private readonly scenarios: CapacityScenariosService,
  ) {}

  @Post('history')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'office_code,week_start,target_group,new_members\naarhus,2026-11-16,plus50,3' },
  })
  @ApiOperation({
    summary:
      'Import weekly inflow (CSV); a file with any error stores nothing and lists every error with line and column',
  })
  @ApiOkResponse({ type: HistoryImportResultDto })
  importHistory(
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<HistoryImportResultDto> {
    if (!/^text\/(csv|plain)\b/i.test(contentType ?? '')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the history as text/csv.');
    }
    return this.history.importCsv(body);
  }

  @Get('history')
  @ApiOperation({ summary: 'Weekly new members per office and target group (default: the last 52 weeks)' })
  @ApiOkResponse({ type: HistoryDto })
  listHistory(@CurrentPrincipal() principal: Principal, @Query() query: HistoryQuery): Promise<HistoryDto> {
    return this.history.list(principal, query);
  }

  @Get('forecast')
  @ApiOperation({ summary: 'Expected new members per office and ISO week, up to 52 weeks ahead, with 80 % intervals' })
  @ApiOkResponse({ type: ForecastDto })
  forecast(@CurrentPrincipal() principal: Principal, @Query() query: ForecastQuery): Promise<ForecastDto> {
    return this.forecasts.forecast(principal, query);
  }

  @Get('backtest')
  @ApiOperation({
    summary:
      'Rolling-origin backtest over the last 52 weeks: sMAPE and MASE against seasonal naive, fund and office level',
  })
  @ApiExtraModels(...BACKTEST_EXTRA_MODELS)
  @ApiOkResponse({ type: BacktestDto })
  backtest(@CurrentPrincipal() principal: Principal): Promise<BacktestDto> {
    return this.forecasts.backtest(principal);
  }

  @Get('scenarios')
  @ApiOkResponse({ type: [ScenarioDto] })
  listScenarios(): Promise<ScenarioDto[]> {
    return this.scenarios.list();
  }

  @Post('scenarios')
  @ApiOperation({
    summary: 'Store a named what-if: inflow factors from a week or date, optionally per department or office',
  })
  @ApiCreatedResponse({ type: ScenarioDto })
  createScenario(@CurrentPrincipal() principal: Principal, @Body() body: CreateScenarioBody): Promise<ScenarioDto> {
    return this.scenarios.create(body, principal.subjectId ?? null);
  }

  @Delete('scenarios/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  deleteScenario(@Param('id', new ParseIdPipe()) id: string): Promise<void> {
    return this.scenarios.delete(id);
  }
}
