import type { ApplyReport } from '../../optimiser-report';

/** The optimiser's runs: POST starts one, GET lists them; /:id, /:id/proposal, /:id/unplaced, /:id/apply. */
export const RUNS = '/api/optimiser/runs';

/** A run in one of these states changes no more: stop polling it. */
export const FINISHED = new Set(['done', 'failed', 'cancelled']);

export interface ProposalMember {
  memberId: string;
  memberNumber: string | null;
  programmeItemId: string;
}

export interface Proposal {
  runId: string;
  status: string;
  appliedAt: string | null;
  summary: {
    items: number;
    placed: number;
    unplaced: number;
    sessionsOpened: number;
    seatsInExistingSessions: number;
    upperBound: number;
    gap: number;
    status: string;
    /** Unbooked slots the proposal withdraws to open sessions (absent in runs from before). */
    withdrawal?: { slots: number; hours: number; sessions: number; membersPlaced: number };
  };
  newSessions: {
    key: string;
    activityCode: string;
    activityName: string;
    office: { id: string; name: string | null };
    room: { id: string; name: string | null };
    start: string;
    end: string;
    leaders: { staffId: string; name: string | null }[];
    members: ProposalMember[];
  }[];
  seatsInExistingSessions: { sessionId: string; members: ProposalMember[] }[];
}

export interface RunParams {
  from: string;
  to: string;
  activityTypes: string[] | null;
  departmentIds: string[] | null;
  maxTravelKm: number;
}

export interface RunListEntry {
  id: string;
  origin: 'api' | 'nightly';
  status: string;
  params: RunParams;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  appliedAt: string | null;
  result: { items: number; placed: number; unplaced: number; sessionsOpened: number } | null;
  applied: { sessionsCreated: number; sessionsNotCreated: number; bookings: number } | null;
}

export interface UnplacedPage {
  total: number;
  limit: number;
  offset: number;
  items: { programmeItemId: string; memberNumber: string | null; homeOfficeName: string | null; activityCode: string; activityName: string | null; reason: string; hint: string | null }[];
}

export interface OptimiserRun {
  id: string;
  status: string;
  progress: number | null;
  error: string | null;
  appliedAt: string | null;
}

export interface ApplyAnswer {
  alreadyApplied: boolean;
  appliedAt: string;
  report: ApplyReport;
}
