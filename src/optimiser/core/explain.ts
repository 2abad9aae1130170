import {
  forEachFeasibleCandidate,
  forEachFeasibleExisting,
  itemDayRange,
  SLOT_ROOM_ONLY,
  slotIndex,
  type CompiledModel,
} from './compiled-model.js';
import { haversineKm } from '../../shared/geo.js';
import { type SolutionState } from './solution-state.js';
import { type ActivityExplanation, type UnplacedReason } from './types.js';

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return Number.isInteger(h) ? `${h}` : h.toFixed(1);
}

function roleName(role: number): string {
  return role === 0 ? 'job consultant' : 'adviser';
}

/** Items of activity `a` that could attend some session at office `o` on day `d` if a leader were free (room free, in reach, in window). */
function roomOnlyDemand(model: CompiledModel, a: number): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < model.items.length; i++) {
    if (model.itemActivity[i] !== a) continue;
    const { first, last } = itemDayRange(model, i);
    const m = model.itemMember[i];
    for (let k = model.reachStart[m]; k < model.reachStart[m + 1]; k++) {
      for (let d = first; d <= last; d++) {
        const slot = slotIndex(model, a, model.reachOffice[k], d);
        if (model.slotStatus[slot] >= SLOT_ROOM_ONLY) counts.set(slot, (counts.get(slot) ?? 0) + 1);
      }
    }
  }
  let best = 0;
  for (const count of counts.values()) best = Math.max(best, count);
  return best;
}

/** Members who could attend candidate `c` (the model's edges). */
function attendable(model: CompiledModel, c: number): number {
  return model.candEdgeStart[c + 1] - model.candEdgeStart[c];
}

/**
 * Per activity with programme items: how many were placed, and when no session of it could open,
 * why — from the most basic missing resource to group size.
 */
export function explainActivities(model: CompiledModel, state: SolutionState): ActivityExplanation[] {
  const out: ActivityExplanation[] = [];
  model.activities.forEach((activity, a) => {
    let items = 0;
    let placed = 0;
    for (let i = 0; i < model.items.length; i++) {
      if (model.itemActivity[i] !== a) continue;
      items++;
      if (state.itemCand[i] >= 0) placed++;
    }
    if (items === 0) return;
    let opened = 0;
    let candidates = 0;
    let bestGroup = 0;
    for (let c = 0; c < model.candCount; c++) {
      if (model.candActivity[c] !== a) continue;
      if (model.candExisting[c] < 0) {
        candidates++;
        if (state.candOpen[c] === 1) opened++;
      }
      bestGroup = Math.max(bestGroup, attendable(model, c));
    }
    const entry: ActivityExplanation = { activityId: activity.def.id, items, placed, sessionsOpened: opened };
    if (opened === 0 && placed === 0) {
      const duration = Math.max(...activity.times.map((t) => t.durationMs));
      const role = roleName(activity.role);
      if (candidates === 0) {
        const demand = roomOnlyDemand(model, a);
        if (demand === 0) {
          entry.explanation = `No room with ${activity.minSize} seats free for ${hours(duration)} hours on a weekday within reach of its members.`;
        } else if (demand >= activity.minSize) {
          entry.explanation = `No ${role} with ${hours(duration)} free hours in a day at an office with a free room within reach of ${activity.minSize} members (up to ${demand} could come to such an office on such a day).`;
        } else {
          entry.explanation = `No ${role} with ${hours(duration)} free hours in a day where a room is free, and at most ${demand} members are within reach of any such office and day (${activity.minSize} needed).`;
        }
      } else if (bestGroup < activity.minSize) {
        entry.explanation = `A room and a ${role} are free for some sessions, but at most ${bestGroup} members can attend any one of them (${activity.minSize} needed): no more members within ${model.maxTravelKm} km, in the window and free at the time.`;
      } else {
        entry.explanation = `Groups of ${activity.minSize} could form, but rooms and ${role}s were needed by other activities' sessions.`;
      }
    }
    out.push(entry);
  });
  return out;
}

function dateOf(model: CompiledModel, c: number): string {
  return model.calendar.days[model.candDay[c]].date;
}

/** What would most nearly have placed unplaced item `i`, in words, for the coordinator. */
export function nearestFix(model: CompiledModel, state: SolutionState, i: number, reason: UnplacedReason): string {
  const activity = model.activities[model.itemActivity[i]];
  const m = model.itemMember[i];
  const member = model.members[m];
  const duration = hours(Math.max(...activity.times.map((t) => t.durationMs)));
  const nearestOffice =
    model.reachStart[m] < model.reachStart[m + 1]
      ? model.offices[model.reachOffice[model.reachStart[m]]].id
      : undefined;
  switch (reason) {
    case 'WINDOW_PASSED':
      return 'A later programme window: this one ends before the earliest allowed session start.';
    case 'OUTSIDE_HORIZON':
      return 'A planning period that covers a weekday of the programme window.';
    case 'TOO_FAR': {
      let best = Number.POSITIVE_INFINITY;
      let bestId = '';
      if (member.home !== undefined) {
        for (const office of model.offices) {
          if (office.island !== member.island) continue;
          const km = member.distancesKm?.[office.id] ?? haversineKm(member.home, office);
          if (km < best) {
            best = km;
            bestId = office.id;
          }
        }
      }
      return Number.isFinite(best)
        ? `A longer travel limit: the nearest office (${bestId}) is ${Math.round(best)} km away, the limit ${model.maxTravelKm} km.`
        : 'A known home address, or an office on the member’s island.';
    }
    case 'NO_ROOM':
      return `A room with ${activity.minSize} seats free for ${duration} hours at ${nearestOffice ?? 'an office in reach'} on a weekday of the window.`;
    case 'NO_LEADER_IN_WINDOW':
      return `A ${roleName(activity.role)} free for ${duration} hours at ${nearestOffice ?? 'an office in reach'} on a weekday of the window (a room is free there).`;
    case 'MEMBER_BUSY':
      return 'Free time at one of the standard session times in the window: the member is busy at all of them.';
    case 'TOO_FEW_NEARBY': {
      let best: { c: number; km: number; count: number } | undefined;
      forEachFeasibleCandidate(model, i, Number.POSITIVE_INFINITY, (c, km) => {
        const count = attendable(model, c);
        if (best === undefined || count > best.count || (count === best.count && km < best.km)) best = { c, km, count };
      });
      if (best === undefined)
        return `${activity.minSize - 1} more members within ${model.maxTravelKm} km free at the same session time.`;
      const more = Math.max(1, activity.minSize - best.count);
      return `${more} more member${more === 1 ? '' : 's'} within ${model.maxTravelKm} km free for ${activity.def.id} at ${model.offices[model.candOffice[best.c]].id} on ${dateOf(model, best.c)} (${best.count} of ${activity.minSize} could come).`;
    }
    case 'CAPACITY': {
      let first: { c: number; km: number } | undefined;
      forEachFeasibleExisting(model, i, (c, km) => {
        if (first === undefined || km < first.km) first = { c, km };
      });
      forEachFeasibleCandidate(model, i, Number.POSITIVE_INFINITY, (c, km) => {
        if (first === undefined || km < first.km || (km === first.km && state.candOpen[c] === 1)) first = { c, km };
      });
      if (first === undefined) return 'One more seat, room or leader in the window.';
      const where = `${model.offices[model.candOffice[first.c]].id} on ${dateOf(model, first.c)}`;
      return state.candOpen[first.c] === 1
        ? `One more seat at ${where}: that session is full.`
        : `A room or ${roleName(activity.role)} at ${where}: the group could form there, but they went to other sessions.`;
    }
    case 'SOLVE_STOPPED':
      return 'A complete run: the solve stopped before this item was settled.';
  }
}
