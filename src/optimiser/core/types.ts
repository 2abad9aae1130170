import type { LatLon } from '../../shared/geo.js';
import type { GroupActivityFamily } from '../../shared/vocabulary/activities.js';

/** Milliseconds since the Unix epoch (UTC). */
export type Instant = number;

/** Half-open interval [start, end) of instants. */
export interface Interval {
  start: Instant;
  end: Instant;
}

export type LeaderRole = 'jobConsultant' | 'adviser';

/** A standard session time on the office's wall clock, e.g. { start: '09:00', durationMinutes: 120 }. */
export interface StandardTime {
  start: string;
  durationMinutes: number;
}

export interface ActivityDef {
  id: string;
  kind: GroupActivityFamily;
  minSize: number;
  maxSize: number;
  leaderRole: LeaderRole;
  /** Leaders needed per session; default 1. */
  leadersPerSession?: number;
  /** Standard local times at which a new session may start. */
  times: StandardTime[];
}

export interface OfficeDef {
  id: string;
  lat: number;
  lon: number;
  /** Island without a fixed link (e.g. 'Bornholm'); undefined is the bridge-connected mainland. */
  island?: string;
  departmentId?: string;
  /** Local dates ('YYYY-MM-DD') on which this office holds no sessions. */
  closedDates?: string[];
  /**
   * A deactivated office: no new sessions are proposed there (the database refuses them), while its
   * existing sessions keep their seats for members. Default false.
   */
  inactive?: boolean;
}

export interface RoomDef {
  id: string;
  officeId: string;
  seats: number;
  /** When the room may be used. Existing sessions in the room are subtracted by the core. */
  free: Interval[];
}

export interface LeaderDef {
  id: string;
  role: LeaderRole;
  /** Offices where this person may lead; undefined means any office (job consultants travel). */
  officeIds?: string[];
  /** When the person is free. Existing sessions they lead are subtracted by the core. */
  free: Interval[];
}

export interface MemberDef {
  id: string;
  home?: LatLon;
  /** Precomputed travel distances by office id; when given, they replace straight-line distances from `home`. */
  distancesKm?: Record<string, number>;
  /** Island without a fixed link; the member is only sent to offices on the same island (undefined = mainland). */
  island?: string;
  /** The member's other bookings and appointments. */
  busy: Interval[];
}

export interface ProgrammeItemDef {
  id: string;
  memberId: string;
  activityId: string;
  /** The programme window; a session must lie entirely inside it. */
  window: Interval;
}

export interface ExistingSessionDef {
  id: string;
  activityId: string;
  officeId: string;
  roomId: string;
  start: Instant;
  end: Instant;
  capacity: number;
  booked: number;
  leaderIds: string[];
}

/**
 * A published slot nobody has booked, of a staff member who can lead sessions: its time is left out of
 * the leader's `free` and becomes free only if the slot is withdrawn (core/withdrawal.ts). The loader
 * lists only slots that lie inside the leader's available time, so freeing one never frees a closed day.
 */
export interface WithdrawableSlotDef {
  id: string;
  staffId: string;
  start: Instant;
  end: Instant;
}

/**
 * Everything the optimiser needs, already loaded from storage. Closure days may be passed as
 * `closedDates` (fund-wide) and `OfficeDef.closedDates`, or pre-removed from rooms' and leaders'
 * free time by the caller; both work, and doing both is harmless.
 */
export interface OptimiserInstance {
  horizon: Interval;
  /** Sessions may not start before this instant; default `horizon.start`. */
  now?: Instant;
  /** Default 60. */
  maxTravelKm?: number;
  /** IANA zone of the standard times; default COPENHAGEN (src/shared/time/zone.ts). */
  timeZone?: string;
  /** Local dates ('YYYY-MM-DD') on which no office holds sessions (public holidays). */
  closedDates?: string[];
  activities: ActivityDef[];
  offices: OfficeDef[];
  rooms: RoomDef[];
  leaders: LeaderDef[];
  members: MemberDef[];
  items: ProgrammeItemDef[];
  existingSessions: ExistingSessionDef[];
  /** Unbooked published slots a session may take the time of, by withdrawing them; absent or empty: none. */
  withdrawable?: WithdrawableSlotDef[];
  /**
   * Set by `optimiseWithWithdrawals` on its second pass (every withdrawable slot's time free): how many
   * items the first pass left unplaced. That pass can only add members among those, so the HiGHS
   * polish's default budget is sized by this count instead of by every item (`optimiseAndPolish`).
   */
  secondPassFor?: { unplaced: number };
}

/** Settings that shape the model itself, shared by the heuristic and the exact MIP so both solve the same problem. */
export interface ModelOptions {
  /**
   * Each item may use its N nearest reachable offices for new sessions (existing sessions with
   * seats are always considered within `maxTravelKm`). Default: every reachable office, unless
   * the model would exceed its memory budget (about 4 million item→session edges); then 8, and
   * the items left unplaced are modelled again with every reachable office. The reported bound
   * never depends on this cap.
   */
  maxOfficesPerItem?: number;
  /** Items modelled with every reachable office regardless of `maxOfficesPerItem` (item indices). */
  uncappedItems?: ReadonlySet<number>;
}

export interface SolveControl {
  /** Polled between steps; when it returns true the solver returns its best proposal so far. */
  shouldStop?: () => boolean;
  onProgress?: (fraction: number, note?: string) => void;
  /** Wall-clock safety net; default 60 s plus 2 ms per item. The iteration budget decides the search. */
  timeLimitMs?: number;
}

export interface HeuristicOptions extends SolveControl, ModelOptions {
  /** Seed of the local search's random choices; default 1. */
  seed?: number;
  /**
   * Ruin-and-recreate iterations per open session and unplaced item (default 12, at most 25 000 in all). The search is deterministic
   * as long as neither the time limit nor `shouldStop` cuts it short.
   */
  searchEffort?: number;
}

export type UnplacedReason =
  /** The window ended before the earliest allowed session start. */
  | 'WINDOW_PASSED'
  /** No weekday of the window lies inside the planning horizon. */
  | 'OUTSIDE_HORIZON'
  /** No office on the member's island within `maxTravelKm` (or no location known). */
  | 'TOO_FAR'
  /** Offices in reach, but none has a free room with enough seats on a window day. */
  | 'NO_ROOM'
  /** Rooms free, but no leader allowed at those offices is free then. */
  | 'NO_LEADER_IN_WINDOW'
  /** Sessions are possible, but the member is busy at all of them. */
  | 'MEMBER_BUSY'
  /** No session the member can attend can gather the activity's minimum group size. */
  | 'TOO_FEW_NEARBY'
  /** A group could form, but seats, rooms or leaders went to other members. */
  | 'CAPACITY'
  /** The solve was stopped before this item was settled. */
  | 'SOLVE_STOPPED';

export type SessionRef = { kind: 'new'; key: string } | { kind: 'existing'; sessionId: string };

export interface ProposedSession {
  /** Deterministic key: activity, office, room and start. */
  key: string;
  activityId: string;
  officeId: string;
  roomId: string;
  start: Instant;
  end: Instant;
  leaderIds: string[];
  itemIds: string[];
  memberIds: string[];
  /** Withdrawable slots of its leaders that the session needs withdrawn (overlapping it); absent: none. */
  withdrawnSlotIds?: string[];
}

export interface ExistingSessionSeats {
  sessionId: string;
  itemIds: string[];
  memberIds: string[];
}

export interface Placement {
  itemId: string;
  memberId: string;
  session: SessionRef;
  travelKm: number;
}

export interface UnplacedItem {
  itemId: string;
  memberId: string;
  activityId: string;
  reason: UnplacedReason;
  /** The nearest thing that would have placed the item, in words (e.g. "1 more member within 60 km …"). */
  hint?: string;
}

/** Per activity with programme items: what was placed, and why no session could open when none did. */
export interface ActivityExplanation {
  activityId: string;
  items: number;
  placed: number;
  sessionsOpened: number;
  /** Only when nothing of the activity was placed: the most basic missing resource. */
  explanation?: string;
}

export type SolveStatus = 'complete' | 'stopped' | 'time-limit';

/** What the decomposed HiGHS polish did (core/decompose.ts). */
export interface PolishSummary {
  /** Parts of the run (first sweep). */
  parts: number;
  /** Parts handed to HiGHS, over all sweeps. */
  partsSolved: number;
  /** Solved parts where HiGHS proved the part's optimum with the rest of the run held fixed. */
  partsSolvedOptimal: number;
  /**
   * Parts of the first sweep whose placement is optimal: every item the bound lets live is placed,
   * or HiGHS proved the part optimal (rest held fixed) in the last sweep that solved it.
   */
  partsProvenOptimal: number;
  /** Parts where HiGHS's answer replaced the heuristic's. */
  partsImproved: number;
  /** Items placed by the polish beyond the heuristic. */
  placedGain: number;
  /** Sessions saved by the polish. */
  sessionsSaved: number;
  /** One part held every item that has a session to attend and HiGHS proved it optimal: the run's optimum is proven. */
  wholeRunProven: boolean;
  /** Whether the wall-clock safety net or a stop request cut the polish short. */
  cut: boolean;
  ms: number;
}

export interface ProposalSummary {
  items: number;
  placed: number;
  unplaced: number;
  sessionsOpened: number;
  seatsInExistingSessions: number;
  travelKm: number;
  /**
   * Valid upper bound on the number of items that can be placed, over every office within the
   * travel limit (never only the modelled ones).
   */
  upperBound: number;
  /**
   * Where the bound comes from: 'lp-relaxation' (the LP relaxation of the exact model), 'highs'
   * (HiGHS's proven dual bound in the polish), or 'minimum-size' (the looser counting bound: no
   * session without enough members who could attend it; used when the LP would not fit).
   */
  boundMethod: 'lp-relaxation' | 'highs' | 'minimum-size';
  /** (upperBound - placed) / upperBound, 0 when the bound is 0. */
  gap: number;
  status: SolveStatus;
  elapsedMs: number;
  candidateSessions: number;
  /** Parts of the run: groups of items that share no candidate session. */
  components: number;
  /**
   * Parts whose placement is proven optimal: every item the bound allows is placed (after a HiGHS
   * polish that proved the optimum: all of them).
   */
  partsProvenOptimal: number;
  /** The decomposed HiGHS polish, when it ran (placed below the bound). */
  polish?: PolishSummary;
  /** Withdrawing unbooked slots for sessions (core/withdrawal.ts); absent when the instance had none to offer. */
  withdrawal?: WithdrawalSummary;
}

export interface WithdrawalSummary {
  /** Withdrawable slots the instance offered, and their hours (the convertible time). */
  offeredSlots: number;
  offeredHours: number;
  /** Slots the proposal withdraws, their hours, and the sessions that need them. */
  slots: number;
  hours: number;
  sessions: number;
  /** Items placed beyond the solve that left every slot in place. */
  membersPlaced: number;
}

export interface Proposal {
  newSessions: ProposedSession[];
  existingSeats: ExistingSessionSeats[];
  placements: Placement[];
  unplaced: UnplacedItem[];
  /** Per activity: placed, sessions opened, and why none could open (absent in proposals stored before it existed). */
  activities?: ActivityExplanation[];
  summary: ProposalSummary;
}

export interface Violation {
  code: string;
  message: string;
  itemId?: string;
  sessionKey?: string;
}
