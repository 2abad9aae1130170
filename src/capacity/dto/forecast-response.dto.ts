import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { RECONCILIATION_METHODS } from '../forecast/core/reconcile.js';
import { TARGET_GROUPS, type TargetGroup } from '../../shared/vocabulary/target-groups.js';

/* What the inflow history, forecast, backtest and scenario routes answer (OpenAPI response schemas). */

export class HistoryImportResultDto {
  @ApiProperty({ type: Number, description: 'Rows stored' }) imported!: number;
  @ApiProperty({ type: Number }) offices!: number;
  @ApiProperty({ format: 'date' }) firstWeek!: string;
  @ApiProperty({ format: 'date' }) lastWeek!: string;
}

export class HistoryRowDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeCode!: string;
  @ApiProperty({ format: 'date', description: 'Monday of the week' }) weekStart!: string;
  @ApiProperty({ enum: TARGET_GROUPS }) targetGroup!: TargetGroup;
  @ApiProperty({ type: Number }) newMembers!: number;
  @ApiProperty({ example: 'import' }) source!: string;
}

export class HistoryDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [HistoryRowDto] }) rows!: HistoryRowDto[];
}

export class WeekForecastDto {
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty({ format: 'date' }) weekStart!: string;
  @ApiProperty({ type: Number, description: 'Expected new members: the figure plans add up' }) mean!: number;
  @ApiProperty({
    type: Number,
    description:
      'Median of the same count distribution (a whole number): the point with the least expected absolute error. ' +
      'At under ~0.7 member a week it is 0; medians do not add up to the fund',
  })
  median!: number;
  @ApiProperty({ type: Number }) lower80!: number;
  @ApiProperty({ type: Number }) upper80!: number;
}

export class LevelShiftDto {
  @ApiProperty({ format: 'date' }) weekStart!: string;
  @ApiProperty({ type: Number, description: 'Relative size, e.g. 0.2 for +20 %' }) relative!: number;
}

export class ForecastModelDto {
  @ApiProperty({ example: 'ETS(M,Ad,M)' }) name!: string;
  @ApiProperty({ type: LevelShiftDto, nullable: true }) levelShift!: LevelShiftDto | null;
}

export class ReconciliationChoiceDto {
  @ApiProperty({ enum: RECONCILIATION_METHODS }) method!: string;
  @ApiProperty({ enum: ['backtest', 'fixed'] }) chosenBy!: string;
}

export class OfficeForecastDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeCode!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: [WeekForecastDto] }) weeks!: WeekForecastDto[];
}

export class ForecastDto {
  @ApiProperty({ example: '2026-W47' }) lastHistoryWeek!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Name of the stored scenario applied' }) scenario!:
    string | null;
  @ApiProperty({ type: Number, example: 0.8 }) interval!: number;
  @ApiProperty({ type: ForecastModelDto }) model!: ForecastModelDto;
  @ApiProperty({ type: ReconciliationChoiceDto }) reconciliation!: ReconciliationChoiceDto;
  @ApiProperty({ type: [String], example: ['2026-W48'] }) weeks!: string[];
  @ApiPropertyOptional({ type: [WeekForecastDto], description: 'The fund as a whole (absent for a department)' })
  fund?: WeekForecastDto[];
  @ApiProperty({ type: [OfficeForecastDto] }) offices!: OfficeForecastDto[];
}

export class ForecastErrorDto {
  @ApiProperty({ type: Number }) smape!: number;
  @ApiProperty({ type: Number, nullable: true }) mase!: number | null;
  @ApiProperty({ type: Number }) totalSmape!: number;
}

export class ImprovementDto {
  @ApiProperty({ type: Number }) smape!: number;
  @ApiProperty({ type: Number }) mase!: number;
}

export class ImprovementLevelsDto {
  @ApiProperty({ type: ImprovementDto }) fund!: ImprovementDto;
  @ApiProperty({ type: ImprovementDto }) office!: ImprovementDto;
}

export class CoverageDto {
  @ApiProperty({ type: Number, description: 'Share of actual values inside the 80 % interval' }) fund!: number;
  @ApiProperty({ type: Number }) office!: number;
}

export class BacktestWindowDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: Number }) weeks!: number;
}

export class BacktestOriginDto {
  @ApiProperty() origin!: string;
  @ApiProperty() fundModel!: string;
  @ApiProperty({ type: CoverageDto }) coverage80!: CoverageDto;
  @ApiProperty({ type: Number }) fundBias!: number;
}

/** A map from model name to its errors. */
const errorsByModel = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(ForecastErrorDto) },
  description: 'Per model (e.g. ets, seasonal-naive)',
} as const;

export class MethodScoresDto {
  @ApiProperty({ type: ForecastErrorDto }) fund!: ForecastErrorDto;
  @ApiProperty({ type: ForecastErrorDto }) office!: ForecastErrorDto;
  @ApiProperty({ type: CoverageDto }) coverage80!: CoverageDto;
}

export class BacktestReconciliationDto {
  @ApiProperty({ enum: RECONCILIATION_METHODS }) method!: string;
  @ApiProperty({ enum: ['backtest', 'fixed'] }) chosenBy!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(MethodScoresDto) },
    description: 'Per reconciliation method',
  })
  methods!: Record<string, MethodScoresDto>;
}

export class OfficeBacktestDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeCode!: string;
  @ApiProperty(errorsByModel) metrics!: Record<string, ForecastErrorDto>;
}

/** Models the backtest refers to only by $ref (maps' values): register them with @ApiExtraModels. */
export const BACKTEST_EXTRA_MODELS = [ForecastErrorDto, MethodScoresDto];

export class BacktestDto {
  @ApiProperty({ type: BacktestWindowDto }) window!: BacktestWindowDto;
  @ApiProperty({ type: Number, description: 'Weeks ahead' }) horizon!: number;
  @ApiProperty({ type: [String] }) origins!: string[];
  @ApiProperty(errorsByModel) fund!: Record<string, ForecastErrorDto>;
  @ApiProperty(errorsByModel) office!: Record<string, ForecastErrorDto>;
  @ApiProperty({ type: ImprovementLevelsDto }) improvementOverSeasonalNaive!: ImprovementLevelsDto;
  @ApiProperty({ type: CoverageDto }) coverage80!: CoverageDto;
  @ApiProperty({ type: [BacktestOriginDto] }) byOrigin!: BacktestOriginDto[];
  @ApiProperty({ type: BacktestReconciliationDto }) reconciliation!: BacktestReconciliationDto;
  @ApiProperty({ type: [OfficeBacktestDto] }) offices!: OfficeBacktestDto[];
}

export class ScenarioAdjustmentDto {
  @ApiPropertyOptional({ example: '2027-W10', description: 'ISO week the change starts (or fromDate)' })
  fromWeek?: string;
  @ApiPropertyOptional({ format: 'date' }) fromDate?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last day (inclusive); open-ended when absent' }) toDate?: string;
  @ApiPropertyOptional({ type: [String] }) departmentIds?: string[];
  @ApiPropertyOptional({ type: [String] }) officeIds?: string[];
  @ApiProperty({ type: Number, example: 1.2, description: 'Multiplies the inflow forecast' }) factor!: number;
}

export class ScenarioDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [ScenarioAdjustmentDto] }) adjustments!: ScenarioAdjustmentDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
