import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CSV_DIALECTS } from './csv.js';

/**
 * The `dialect` query parameter of a route that answers CSV to `Accept: text/csv`: `rfc4180` (the default)
 * or `excel-da` (UTF-8 BOM, `;`, decimal comma: the web app's downloads, for Excel with Danish settings).
 */
export function CsvDialectParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      enum: CSV_DIALECTS,
      default: 'rfc4180',
      description:
        'With Accept: text/csv: rfc4180 (comma, decimal point) or excel-da (UTF-8 BOM, semicolon, decimal comma) for Excel with Danish settings',
    }),
    IsOptional(),
    IsIn(CSV_DIALECTS),
  );
}
