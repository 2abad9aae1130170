import { compileModel, eligibleLeaders } from './compiled-model.js';
import { type Instant, type ModelOptions, type OptimiserInstance } from './types.js';

export interface CandidateSession {
  activityId: string;
  officeId: string;
  start: Instant;
  end: Instant;
  /** Rooms free then with at least the activity's minimum of seats. */
  roomIds: string[];
  /** Leaders allowed at the office and free then (ignoring each other's use in a proposal). */
  leaderIds: string[];
  /** Largest possible size: the activity's maximum, limited by the biggest free room. */
  capacity: number;
}

/**
 * The new sessions the optimiser may open: every standard local time of each activity, on every
 * open weekday, at every office some item could reach in its window, where a room with enough
 * seats and enough allowed leaders are free (existing sessions already subtracted). Instants are
 * computed from the wall clock in the instance's zone, so 09:00 stays 09:00 across DST changes.
 */
export function generateCandidateSessions(instance: OptimiserInstance, options: ModelOptions = {}): CandidateSession[] {
  const model = compileModel(instance, options);
  const candidates: CandidateSession[] = [];
  for (let c = 0; c < model.candCount; c++) {
    if (model.candExisting[c] >= 0) continue;
    candidates.push({
      activityId: model.activities[model.candActivity[c]].def.id,
      officeId: model.offices[model.candOffice[c]].id,
      start: model.candStart[c],
      end: model.candEnd[c],
      roomIds: model.candRooms[c].map((r) => model.rooms[r].id),
      leaderIds: eligibleLeaders(model, c).map((l) => model.leaders[l].id),
      capacity: model.candCapacity[c],
    });
  }
  return candidates;
}
