import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/auth.decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { KpiQuery } from '../dto/bookings.dto.js';
import { KpiReportDto } from '../dto/responses.dto.js';
import { KpiService, kpisToCsv } from './kpi.service.js';

@ApiTags('KPIs')
@ApiBearerAuth()
@Controller('api')
export class KpiController {
  constructor(@Inject(KpiService) private readonly kpis: KpiService) {}

  @Get('kpis')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(KpiReportDto)
  @ApiOkResponse({
    description: 'The report as JSON, or as CSV with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(KpiReportDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiOperation({
    summary:
      'Monthly KPIs per office and in total (Europe/Copenhagen months); Accept: text/csv for CSV (dialect=excel-da for Excel with Danish settings)',
  })
  async monthly(
    @CurrentPrincipal() principal: Principal,
    @Query() query: KpiQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KpiReportDto | string> {
    const report = await this.kpis.monthly(principal, query);
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="kpis-${report.month}.csv"`);
    return kpisToCsv(report, query.dialect);
  }
}
