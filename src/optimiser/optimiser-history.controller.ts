import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ParseIdPipe } from '../common/validation/parse-id.pipe.js';
import { ListOptimiserRunsQuery, UnplacedQuery } from './dto/optimiser-history.dto.js';
import { OptimiserRunListDto, UnplacedPageDto } from './dto/optimiser-response.dto.js';
import { OptimiserHistoryService } from './optimiser-history.service.js';

@ApiTags('optimiser')
@ApiBearerAuth()
@Controller('api/optimiser/runs')
export class OptimiserHistoryController {
  constructor(@Inject(OptimiserHistoryService) private readonly history: OptimiserHistoryService) {}

  @Get()
  @ApiOperation({
    summary: 'Past runs, newest first, the nightly ones too: scope, status, result in figures and what an apply made',
  })
  @ApiOkResponse({ type: OptimiserRunListDto })
  list(@Query() query: ListOptimiserRunsQuery): Promise<OptimiserRunListDto> {
    return this.history.list(query);
  }

  @Get(':id/unplaced')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'The run’s unplaced items with reasons, paged (limit, offset); Accept: text/csv for all of them (dialect=excel-da for Excel with Danish settings)',
  })
  @ApiExtraModels(UnplacedPageDto)
  @ApiOkResponse({
    description: 'One page as JSON or, with Accept: text/csv, every unplaced item as CSV (attachment)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(UnplacedPageDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async unplaced(
    @Param('id', new ParseIdPipe()) id: string,
    @Query() query: UnplacedQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnplacedPageDto | string> {
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return this.history.unplaced(id, query);
    const csv = await this.history.unplacedCsv(id, query.dialect);
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="optimiser-unplaced-${id}.csv"`);
    return csv;
  }
}
