import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SolveStatus, UnplacedReason } from '../core/types.js';
import { OPTIMISER_RUN_STATUSES, type OptimiserRunStatus } from '../../shared/vocabulary/statuses.js';

/*
 * What the optimiser routes answer (OpenAPI response schemas); the controllers return these types. A run's stored
 * summary and apply report are JSON columns typed Record<string, unknown>, so for those two the schema documents
 * what the worker and the apply write, and tsc does not check it.
 */

export const OPTIMISER_ORIGINS = ['api', 'nightly'] as const;
export const SOLVE_STATUSES = ['complete', 'stopped', 'time-limit'] as const satisfies readonly SolveStatus[];
export const UNPLACED_REASONS = [
  'WINDOW_PASSED',
  'OUTSIDE_HORIZON',
  'TOO_FAR',
  'NO_ROOM',
  'NO_LEADER_IN_WINDOW',
  'MEMBER_BUSY',
  'TOO_FEW_NEARBY',
  'CAPACITY',
  'SOLVE_STOPPED',
] as const satisfies readonly UnplacedReason[];
const dateTime = { type: String, format: 'date-time' } as const;

export class OptimiserRunParamsDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Group activity codes; null: all' }) activityTypes!:
    string[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'null: the whole fund' }) departmentIds!: string[] | null;
  @ApiProperty({ type: Number }) maxTravelKm!: number;
  @ApiProperty({ type: Number, nullable: true, description: "null: one that fits the run's size" }) timeLimitSeconds!:
    number | null;
  @ApiPropertyOptional({
    description: 'Whether sessions may withdraw unbooked published slots; absent (older runs): true',
  })
  withdrawSlots?: boolean;
}

export class PolishSummaryDto {
  @ApiProperty({ type: Number }) parts!: number;
  @ApiProperty({ type: Number }) partsSolved!: number;
  @ApiProperty({ type: Number }) partsSolvedOptimal!: number;
  @ApiProperty({ type: Number }) partsProvenOptimal!: number;
  @ApiProperty({ type: Number }) partsImproved!: number;
  @ApiProperty({ type: Number }) placedGain!: number;
  @ApiProperty({ type: Number }) sessionsSaved!: number;
  @ApiProperty() wholeRunProven!: boolean;
  @ApiProperty() cut!: boolean;
  @ApiProperty({ type: Number }) ms!: number;
}

export class WithdrawalSummaryDto {
  @ApiProperty({ type: Number }) offeredSlots!: number;
  @ApiProperty({ type: Number }) offeredHours!: number;
  @ApiProperty({ type: Number }) slots!: number;
  @ApiProperty({ type: Number }) hours!: number;
  @ApiProperty({ type: Number }) sessions!: number;
  @ApiProperty({ type: Number }) membersPlaced!: number;
}

export class ProposalSummaryDto {
  @ApiProperty({ type: Number }) items!: number;
  @ApiProperty({ type: Number }) placed!: number;
  @ApiProperty({ type: Number }) unplaced!: number;
  @ApiProperty({ type: Number }) sessionsOpened!: number;
  @ApiProperty({ type: Number }) seatsInExistingSessions!: number;
  @ApiProperty({ type: Number }) travelKm!: number;
  @ApiProperty({ type: Number, description: 'Upper bound on the items that can be placed' }) upperBound!: number;
  @ApiProperty({ enum: ['lp-relaxation', 'highs', 'minimum-size'] }) boundMethod!:
    'lp-relaxation' | 'highs' | 'minimum-size';
  @ApiProperty({ type: Number, description: '(upperBound - placed) / upperBound' }) gap!: number;
  @ApiProperty({ enum: SOLVE_STATUSES }) status!: SolveStatus;
  @ApiProperty({ type: Number }) elapsedMs!: number;
  @ApiProperty({ type: Number }) candidateSessions!: number;
  @ApiProperty({ type: Number }) components!: number;
  @ApiProperty({ type: Number }) partsProvenOptimal!: number;
  @ApiPropertyOptional({ type: PolishSummaryDto }) polish?: PolishSummaryDto;
  @ApiPropertyOptional({ type: WithdrawalSummaryDto }) withdrawal?: WithdrawalSummaryDto;
}

export class InstanceNotesDto {
  @ApiProperty({
    enum: ['not-installed', 'none-accepted', 'used'],
    description: 'Whether an accepted adviser allocation limited the leaders',
  })
  allocation!: string;
  @ApiProperty({ type: [String] }) allocationIds!: string[];
  @ApiProperty({ type: Number }) leaders!: number;
  @ApiProperty({ type: Number }) leadersWithoutSkills!: number;
}

/** A finished run's stored summary: the proposal's, with the size of its input. */
export class OptimiserRunSummaryDto extends ProposalSummaryDto {
  @ApiProperty({ type: InstanceNotesDto }) input!: InstanceNotesDto;
  @ApiProperty({ type: Number }) members!: number;
  @ApiProperty({ type: Number }) offices!: number;
  @ApiProperty({ type: Number }) rooms!: number;
  @ApiProperty({ type: Number }) existingSessions!: number;
}

export class CreatedSessionDto {
  @ApiProperty() key!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: Number }) bookings!: number;
}

export class SessionNotCreatedDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'Error code' }) reason!: string;
}

export class SeatBookedDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty({ format: 'uuid' }) bookingId!: string;
}

export class LeftOutDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiPropertyOptional() sessionKey?: string;
  @ApiPropertyOptional({ format: 'uuid' }) sessionId?: string;
  @ApiProperty({ description: 'Error code' }) reason!: string;
}

export class SlotWithdrawnDto {
  @ApiProperty({ format: 'uuid' }) slotId!: string;
  @ApiProperty() sessionKey!: string;
}

export class ApplyReportDto {
  @ApiProperty({ type: [CreatedSessionDto] }) sessionsCreated!: CreatedSessionDto[];
  @ApiProperty({ type: [SessionNotCreatedDto] }) sessionsNotCreated!: SessionNotCreatedDto[];
  @ApiProperty({ type: [SeatBookedDto] }) seatsBooked!: SeatBookedDto[];
  @ApiProperty({ type: [LeftOutDto] }) leftOut!: LeftOutDto[];
  @ApiPropertyOptional({ type: [SlotWithdrawnDto], description: 'Absent in reports stored before withdrawals' })
  slotsWithdrawn?: SlotWithdrawnDto[];
}

export class OptimiserRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OPTIMISER_RUN_STATUSES }) status!: OptimiserRunStatus;
  @ApiProperty({ type: OptimiserRunParamsDto }) params!: OptimiserRunParamsDto;
  @ApiProperty({ enum: OPTIMISER_ORIGINS }) origin!: 'api' | 'nightly';
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ type: Number }) attempts!: number;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty({ type: OptimiserRunSummaryDto, nullable: true, description: 'Once the run finished' }) summary!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty(dateTime) createdAt!: Date;
  @ApiProperty({ ...dateTime, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ ...dateTime, nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ ...dateTime, nullable: true }) appliedAt!: Date | null;
  @ApiProperty({ type: ApplyReportDto, nullable: true, description: 'Once applied' }) applyReport!: Record<
    string,
    unknown
  > | null;
}

export class OfficeRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class RoomRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: Number, nullable: true }) seats!: number | null;
}

export class LeaderRefDto {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) role!: string | null;
}

export class PlacedMemberDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ type: String, nullable: true }) memberNumber!: string | null;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
}

export class ProposedSessionDto {
  @ApiProperty({ description: 'Deterministic key: activity, office, room and start' }) key!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty() activityName!: string;
  @ApiProperty({ type: OfficeRefDto }) office!: OfficeRefDto;
  @ApiProperty({ type: RoomRefDto }) room!: RoomRefDto;
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ type: [String], description: 'Unbooked slots of its leaders withdrawn for it' })
  withdrawnSlotIds!: string[];
  @ApiProperty({ type: [LeaderRefDto] }) leaders!: LeaderRefDto[];
  @ApiProperty({ type: [PlacedMemberDto] }) members!: PlacedMemberDto[];
}

export class ExistingSessionSeatsDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ type: [PlacedMemberDto] }) members!: PlacedMemberDto[];
}

export class UnplacedMemberDto extends PlacedMemberDto {
  @ApiProperty() activityCode!: string;
  @ApiProperty({ enum: UNPLACED_REASONS }) reason!: UnplacedReason;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The nearest thing that would have placed the item, in words',
  })
  hint!: string | null;
}

export class ActivityExplanationDto {
  @ApiProperty() activityId!: string;
  @ApiProperty({ type: Number }) items!: number;
  @ApiProperty({ type: Number }) placed!: number;
  @ApiProperty({ type: Number }) sessionsOpened!: number;
  @ApiPropertyOptional({ description: 'Only when nothing of the activity was placed' }) explanation?: string;
}

export class ProposalDto {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ enum: OPTIMISER_RUN_STATUSES }) status!: OptimiserRunStatus;
  @ApiProperty({ ...dateTime, nullable: true }) appliedAt!: Date | null;
  @ApiProperty({ type: ProposalSummaryDto }) summary!: ProposalSummaryDto;
  @ApiProperty({ type: [ProposedSessionDto] }) newSessions!: ProposedSessionDto[];
  @ApiProperty({ type: [ExistingSessionSeatsDto] }) seatsInExistingSessions!: ExistingSessionSeatsDto[];
  @ApiProperty({ type: [UnplacedMemberDto] }) unplaced!: UnplacedMemberDto[];
  @ApiProperty({ type: [ActivityExplanationDto] }) activities!: ActivityExplanationDto[];
}

export class ApplyResultDto {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ description: 'An earlier apply made the sessions; nothing was done now' }) alreadyApplied!: boolean;
  @ApiProperty(dateTime) appliedAt!: Date;
  @ApiProperty({ type: ApplyReportDto }) report!: ApplyReportDto;
}

export class OptimiserRunResultDto {
  @ApiProperty({ type: Number }) items!: number;
  @ApiProperty({ type: Number }) placed!: number;
  @ApiProperty({ type: Number }) unplaced!: number;
  @ApiProperty({ type: Number }) sessionsOpened!: number;
  @ApiProperty({ type: Number }) seatsInExistingSessions!: number;
  @ApiProperty({ type: Number, nullable: true }) gap!: number | null;
  @ApiProperty({ type: String, enum: SOLVE_STATUSES, nullable: true }) solveStatus!: string | null;
}

export class OptimiserRunAppliedDto {
  @ApiProperty({ type: Number }) sessionsCreated!: number;
  @ApiProperty({ type: Number }) sessionsNotCreated!: number;
  @ApiProperty({ type: Number }) bookings!: number;
  @ApiProperty({ type: Number }) leftOut!: number;
}

export class OptimiserRunListRowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OPTIMISER_ORIGINS }) origin!: 'api' | 'nightly';
  @ApiProperty({ enum: OPTIMISER_RUN_STATUSES }) status!: OptimiserRunStatus;
  @ApiProperty({ type: OptimiserRunParamsDto }) params!: OptimiserRunParamsDto;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty(dateTime) createdAt!: Date;
  @ApiProperty({ ...dateTime, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ ...dateTime, nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ ...dateTime, nullable: true }) appliedAt!: Date | null;
  @ApiProperty({ type: OptimiserRunResultDto, nullable: true, description: 'The result in figures, once finished' })
  result!: OptimiserRunResultDto | null;
  @ApiProperty({ type: OptimiserRunAppliedDto, nullable: true, description: 'What an apply made' })
  applied!: OptimiserRunAppliedDto | null;
}

export class OptimiserRunListDto {
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Number }) limit!: number;
  @ApiProperty({ type: Number }) offset!: number;
  @ApiProperty({ type: [OptimiserRunListRowDto], description: 'Newest first' }) runs!: OptimiserRunListRowDto[];
}

export class UnplacedRowDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ type: String, nullable: true }) memberNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) homeOfficeName!: string | null;
  @ApiProperty({ format: 'uuid' }) programmeItemId!: string;
  @ApiProperty() activityCode!: string;
  @ApiProperty({ type: String, nullable: true }) activityName!: string | null;
  @ApiProperty({ type: String, enum: UNPLACED_REASONS }) reason!: string;
  @ApiProperty({ type: String, nullable: true }) hint!: string | null;
}

export class UnplacedPageDto {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Number }) limit!: number;
  @ApiProperty({ type: Number }) offset!: number;
  @ApiProperty({ type: [UnplacedRowDto] }) items!: UnplacedRowDto[];
}
