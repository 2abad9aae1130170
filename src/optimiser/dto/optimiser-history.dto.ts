import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CsvDialectParam } from '../../common/csv/csv-dialect.js';
import type { CsvDialect } from '../../common/csv/csv.js';

class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class ListOptimiserRunsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['api', 'nightly'],
    description: 'Only runs requested through the API, or only the nightly ones',
  })
  @IsOptional()
  @IsIn(['api', 'nightly'])
  origin?: 'api' | 'nightly';
}

export class UnplacedQuery extends PageQuery {
  @CsvDialectParam() dialect?: CsvDialect;
}
