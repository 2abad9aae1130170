import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { UNCOVERED_EXPLANATIONS } from '../allocation/core/allocation-input-from-plan.js';
import type { AllocationStatus as SolverStatus } from '../allocation/core/allocation.types.js';
import type { CapacityPlan } from '../plan/cache/capacity-plan-cache.service.js';
import { ALLOCATION_STATUSES, type AllocationStatus } from '../../shared/vocabulary/statuses.js';
import { LEADER_JOB_ROLES } from '../../shared/vocabulary/roles.js';

/*
 * What the capacity plan and allocation routes answer (OpenAPI response schemas). The plan route writes its kept
 * gzip bytes itself, so no return type checks it; PlanFitsSchema below does that at compile time instead.
 */

const KINDS = ['individual', 'group'];

export class PlanSummaryDto {
  @ApiPropertyOptional({ type: Number, description: 'Members in the fund the plan counts (absent for a department)' })
  fundParticipants?: number;
  @ApiProperty({ type: Number }) demandHours!: number;
  @ApiProperty({ type: Number }) supplyHours!: number;
  @ApiProperty({ type: Number }) pooledSupplyHours!: number;
  @ApiProperty({ type: Number }) shortfallHours!: number;
  @ApiProperty({ type: Number }) plannedHours!: number;
  @ApiProperty({ type: Number }) publishedSlotHours!: number;
  @ApiProperty({ type: Number }) publishedSessionHours!: number;
  @ApiProperty({ type: Number }) bookedHours!: number;
  @ApiProperty({ type: Number }) convertibleHours!: number;
  @ApiProperty({ type: Number }) groupConvertibleHours!: number;
  @ApiProperty() groupConvertibleNote!: string;
  @ApiProperty({ type: Number }) waitingSeats!: number;
}

/** An office of the plan, described once: rows, office weeks, signals and the backlog name it by `officeId`. */
export class PlanOfficeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
}

/** An activity of the plan, described once: rows and office weeks name it by `activity`. */
export class PlanActivityDto {
  @ApiProperty({ example: 'cv' }) activity!: string;
  @ApiProperty({ enum: KINDS }) kind!: 'individual' | 'group';
  @ApiProperty({
    type: String,
    enum: LEADER_JOB_ROLES,
    nullable: true,
    description: 'The leader role whose hours it draws on (null only for an activity without a definition)',
  })
  role!: string | null;
  @ApiProperty({ type: String, nullable: true }) skill!: string | null;
  @ApiProperty({
    enum: ['office', 'job-team'],
    description: "'office': the office's own staff; 'job-team': the job team's hours, shared by every office",
  })
  pool!: 'office' | 'job-team';
}

export class PlanRowDto {
  @ApiProperty({ format: 'uuid', description: 'One of `offices`' }) officeId!: string;
  @ApiProperty({ example: '2026-W48', description: 'One of `weeks` (its Monday: `weekStarts` at the same place)' })
  week!: string;
  @ApiProperty({ example: 'cv', description: 'One of `activities` (its kind, role, skill and pool)' })
  activity!: string;
  @ApiProperty({ type: Number }) participants!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Group activities: sessions needed' }) sessions!:
    number | null;
  @ApiProperty({ type: Number }) demandHours!: number;
  @ApiProperty({ type: Number }) supplyHours!: number;
  @ApiProperty({ type: Number }) gapHours!: number;
  @ApiProperty({ type: Number, nullable: true }) utilisation!: number | null;
}

/** One role's hours in an office week (PlanOfficeWeekDto.byRole). */
export class PlanRoleHoursDto {
  @ApiProperty({ type: Number }) publishedSlotHours!: number;
  @ApiProperty({ type: Number }) individualDemandHours!: number;
  @ApiProperty({ type: Number }) convertibleHours!: number;
}

/** An activity of an office week; activities whose figures are all 0 are left out. */
export class PlanOfficeWeekActivityDto {
  @ApiProperty({ description: 'One of `activities`' }) activity!: string;
  @ApiProperty({ type: Number }) demandHours!: number;
  @ApiProperty({ type: Number }) plannedHours!: number;
  @ApiProperty({ type: Number }) publishedHours!: number;
  @ApiProperty({ type: Number }) bookedHours!: number;
  @ApiProperty({ type: Number }) waitingSeats!: number;
}

export class PlanOfficeWeekDto {
  @ApiProperty({ format: 'uuid', description: 'One of `offices`' }) officeId!: string;
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty({ type: Number }) demandHours!: number;
  @ApiProperty({ type: Number }) plannedHours!: number;
  @ApiProperty({ type: Number }) publishedSlotHours!: number;
  @ApiProperty({ type: Number }) publishedSessionHours!: number;
  @ApiProperty({ type: Number }) bookedHours!: number;
  @ApiProperty({ type: Number }) convertibleHours!: number;
  @ApiProperty({ type: Number }) groupConvertibleHours!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(PlanRoleHoursDto) },
    description: 'Per leader role',
  })
  byRole!: Record<string, PlanRoleHoursDto>;
  @ApiProperty({ type: Number }) supplyHours!: number;
  @ApiProperty({ type: Number, nullable: true }) advisersNeededFte!: number | null;
  @ApiProperty({ type: Number, nullable: true }) advisersAvailableFte!: number | null;
  @ApiProperty({ type: Number }) waitingSeats!: number;
  @ApiProperty({
    type: [PlanOfficeWeekActivityDto],
    description: 'Largest demand first; an activity with every figure 0 is left out',
  })
  activities!: PlanOfficeWeekActivityDto[];
}

class PlanSignalBaseDto {
  @ApiProperty({ format: 'uuid', description: 'One of `offices`' }) officeId!: string;
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty({ description: 'The signal in words (English)' }) message!: string;
}

export class PublishMoreSignalDto extends PlanSignalBaseDto {
  @ApiProperty({ enum: ['publish-more'] }) kind!: 'publish-more';
  @ApiProperty() activity!: string;
  @ApiProperty({ type: Number }) hours!: number;
}

export class PublishedBeyondDemandSignalDto extends PlanSignalBaseDto {
  @ApiProperty({ enum: ['published-beyond-demand'] }) kind!: 'published-beyond-demand';
  @ApiProperty() role!: string;
  @ApiProperty({ type: Number }) hours!: number;
  @ApiProperty({ type: Number }) convertibleHours!: number;
}

export class AdvisersShortSignalDto extends PlanSignalBaseDto {
  @ApiProperty({ enum: ['advisers-short'] }) kind!: 'advisers-short';
  @ApiProperty({ type: Number }) neededFte!: number;
  @ApiProperty({ type: Number }) availableFte!: number;
}

/** Models the plan refers to only by $ref (a map's values, the signals' union): register them with @ApiExtraModels. */
export const PLAN_EXTRA_MODELS = [
  PlanRoleHoursDto,
  PublishMoreSignalDto,
  PublishedBeyondDemandSignalDto,
  AdvisersShortSignalDto,
];

export class PlanBacklogDto {
  @ApiProperty({ format: 'uuid', description: 'One of `offices`' }) officeId!: string;
  @ApiProperty() activity!: string;
  @ApiProperty({ type: Number }) participants!: number;
  @ApiProperty({ type: Number }) sessions!: number;
  @ApiProperty({ type: Number }) waitingSeats!: number;
}

export class CapacityPlanDto {
  @ApiProperty({ format: 'date', description: 'First Monday' }) from!: string;
  @ApiProperty({ type: [String], example: ['2026-W48', '2026-W49'] }) weeks!: string[];
  @ApiProperty({
    type: [String],
    format: 'date',
    example: ['2026-11-23', '2026-11-30'],
    description: 'The Monday of each of `weeks`, in the same order',
  })
  weekStarts!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Name of the stored scenario applied' }) scenario!:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId!: string | null;
  @ApiProperty({ enum: ['members', 'history'], description: 'Where the cohort of new members comes from' })
  cohortStart!: 'members' | 'history';
  @ApiProperty({
    type: [PlanOfficeDto],
    description: 'The offices the plan covers (those the caller sees, in the department asked for), each once',
  })
  offices!: PlanOfficeDto[];
  @ApiProperty({
    type: [PlanActivityDto],
    description: 'The activities of the rows, office weeks, signals and backlog, each once',
  })
  activities!: PlanActivityDto[];
  @ApiProperty({ type: PlanSummaryDto }) summary!: PlanSummaryDto;
  @ApiProperty({ type: [PlanRowDto], description: 'Largest shortfall first' }) rows!: PlanRowDto[];
  @ApiProperty({ type: [PlanOfficeWeekDto] }) officeWeeks!: PlanOfficeWeekDto[];
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(PublishMoreSignalDto) },
        { $ref: getSchemaPath(PublishedBeyondDemandSignalDto) },
        { $ref: getSchemaPath(AdvisersShortSignalDto) },
      ],
      discriminator: {
        propertyName: 'kind',
        mapping: {
          'publish-more': getSchemaPath(PublishMoreSignalDto),
          'published-beyond-demand': getSchemaPath(PublishedBeyondDemandSignalDto),
          'advisers-short': getSchemaPath(AdvisersShortSignalDto),
        },
      },
    },
  })
  signals!: (PublishMoreSignalDto | PublishedBeyondDemandSignalDto | AdvisersShortSignalDto)[];
  @ApiProperty({ type: [PlanBacklogDto] }) backlog!: PlanBacklogDto[];
}

type Fits<Schema, Value extends Schema> = Value;
/** Compile-time check: the plan the service makes fits CapacityPlanDto (tsc fails here when they part). */
export type PlanFitsSchema = Fits<CapacityPlanDto, CapacityPlan>;

export class AllocationParamsDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ type: Number }) weeks!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Name of the stored scenario applied' }) scenario!:
    string | null;
}

const SOLVER_STATUSES = [
  'optimal',
  'time-limit',
  'heuristic',
  'empty',
  'error',
] as const satisfies readonly SolverStatus[];

export class AllocationTotalsDto {
  @ApiProperty({ type: Number }) demandHours!: number;
  @ApiProperty({ type: Number }) coveredHours!: number;
  @ApiProperty({ type: Number }) uncoveredHours!: number;
  @ApiProperty({ type: Number, description: 'DKK' }) travelCost!: number;
  @ApiProperty({ type: Number }) awayFromHomeHours!: number;
  @ApiProperty({ type: Number }) crossOfficeHours!: number;
  @ApiProperty({ type: Number }) travelKm!: number;
}

export class UncoveredDemandDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() week!: string;
  @ApiProperty() activity!: string;
  @ApiProperty({ enum: LEADER_JOB_ROLES }) role!: string;
  @ApiProperty({ type: String, nullable: true }) skill!: string | null;
  @ApiProperty({ type: Number }) hours!: number;
  @ApiProperty({ enum: Object.keys(UNCOVERED_EXPLANATIONS) }) reason!: string;
  @ApiProperty() explanation!: string;
}

export class AllocationStatsDto {
  @ApiProperty({ type: Number }) components!: number;
  @ApiProperty({ type: Number }) variables!: number;
  @ApiProperty({ type: Number }) rows!: number;
  @ApiProperty({ type: Number }) lpRuns!: number;
  @ApiProperty({ type: Number }) greedyFallbacks!: number;
}

/** The solver's summary, stored with a finished allocation. */
export class AllocationResultDto {
  @ApiProperty({ enum: SOLVER_STATUSES }) solverStatus!: string;
  @ApiProperty({ type: AllocationTotalsDto }) totals!: AllocationTotalsDto;
  @ApiProperty({ type: [UncoveredDemandDto], description: 'Most hours first' }) uncovered!: UncoveredDemandDto[];
  @ApiProperty({ type: AllocationStatsDto }) stats!: AllocationStatsDto;
  @ApiProperty({ type: Number }) solveMs!: number;
  @ApiProperty({ type: [String] }) messages!: string[];
  @ApiProperty({ enum: ['members', 'history'] }) cohortStart!: string;
}

export class AllocationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALLOCATION_STATUSES }) status!: AllocationStatus;
  @ApiProperty({ type: AllocationParamsDto }) params!: AllocationParamsDto;
  @ApiProperty() jobId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) supersededAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  /** Stored JSON, not checked by tsc: the schema says what the worker writes (capacity-allocation.service.ts summary()). */
  @ApiPropertyOptional({ type: AllocationResultDto, description: 'Once the allocation finished' }) result?: unknown;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty({ format: 'date' }) weekStart!: string;
  @ApiProperty() activity!: string;
  @ApiProperty({ type: Number }) hours!: number;
}

export class AllocationDetailDto extends AllocationDto {
  @ApiPropertyOptional({ type: [AssignmentDto], description: 'When done: hours per person, office, week and activity' })
  assignments?: AssignmentDto[];
}

export class ActivityHoursDto {
  @ApiProperty() activity!: string;
  @ApiProperty({ type: Number }) hours!: number;
}

export class ExpectedWeekDto {
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty({ format: 'date' }) weekStart!: string;
  @ApiProperty({ type: Number }) hours!: number;
  @ApiProperty({ type: [ActivityHoursDto] }) activities!: ActivityHoursDto[];
}

export class ExpectedPersonDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ type: Number }) totalHours!: number;
  @ApiProperty({ type: [ExpectedWeekDto] }) weeks!: ExpectedWeekDto[];
}

export class ExpectedHoursDto {
  @ApiProperty({ format: 'uuid' }) officeId!: string;
  @ApiProperty() officeCode!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ type: Number }) weeks!: number;
  @ApiProperty({ type: [String], description: 'Accepted allocations the hours come from' }) allocationIds!: string[];
  @ApiProperty({ type: [ExpectedPersonDto] }) people!: ExpectedPersonDto[];
}
