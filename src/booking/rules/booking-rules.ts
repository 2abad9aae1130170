import { slotOffers } from '../catalogue/slot-stand-ins.js';

/*
 * The booking rules, one pure function each, shared by the booking services, availability, the optimiser's model
 * builder and its proposal check. Instants may be Dates or epoch milliseconds (the optimiser core's numbers);
 * each rule answers whether it holds (or which part fails) and the caller words the error.
 */

type When = Date | number;

export interface Span {
  start: When;
  end: When;
}

/** A programme item's window: the appointment starts at or after its start and ends at or before its end. */
export function insideWindow(window: Span, appointment: Span): boolean {
  return +appointment.start >= +window.start && +appointment.end <= +window.end;
}

/** An appointment may be booked or planned only when it starts after now (one that has started is past). */
export function notInThePast(start: When, now: When): boolean {
  return +start > +now;
}

/** The channel (in person, phone, video) is one the activity may be held by. */
export function channelAllowed(allowed: readonly string[], channel: string): boolean {
  return allowed.includes(channel);
}

/** A slot published for these activities offers the activity: its own code, or one that may stand in for it. */
export function activityOffered(offered: readonly string[], activityCode: string): boolean {
  return slotOffers(offered, activityCode);
}

export interface LeaderRequirement {
  leaderRoles: readonly string[];
  /** The skill a leader needs; null when any leader of the role will do. */
  leaderSkill: string | null;
}

export interface Leader {
  role: string;
  skills: readonly string[];
}

/** Whether a staff member may lead an activity: 'role' or 'skill' names what is missing, null when qualified. */
export function leaderShortfall(activity: LeaderRequirement, leader: Leader): 'role' | 'skill' | null {
  if (!activity.leaderRoles.includes(leader.role)) return 'role';
  if (activity.leaderSkill && !leader.skills.includes(activity.leaderSkill)) return 'skill';
  return null;
}

export function leaderQualified(activity: LeaderRequirement, leader: Leader): boolean {
  return leaderShortfall(activity, leader) === null;
}

export interface DayFacts {
  /** The public holiday on the day, if any. */
  holiday?: string;
  officeClosed: boolean;
  leaderAbsent: boolean;
}

/** Why nothing can be held on a day, checked in this order; null when the day is open. */
export function dayClosedReason(day: DayFacts): 'PUBLIC_HOLIDAY' | 'OFFICE_CLOSED' | 'STAFF_ABSENT' | null {
  if (day.holiday) return 'PUBLIC_HOLIDAY';
  if (day.officeClosed) return 'OFFICE_CLOSED';
  if (day.leaderAbsent) return 'STAFF_ABSENT';
  return null;
}

export function dayOpen(day: DayFacts): boolean {
  return dayClosedReason(day) === null;
}

export interface SizeLimits {
  minGroupSize: number | null;
  maxGroupSize: number | null;
}

/**
 * A session's size: at most the room's seats, at least its own minimum, and inside the activity's limits.
 * Names the first limit broken, in the order the office is told; null when the size fits.
 */
export function sessionSizeProblem(
  session: { capacity: number; minParticipants: number },
  activity: SizeLimits,
  roomSeats: number,
): 'ROOM_TOO_SMALL' | 'ABOVE_ACTIVITY_MAXIMUM' | 'BELOW_ACTIVITY_MINIMUM' | null {
  if (session.capacity > roomSeats || session.capacity < session.minParticipants) return 'ROOM_TOO_SMALL';
  if (activity.maxGroupSize !== null && session.capacity > activity.maxGroupSize) return 'ABOVE_ACTIVITY_MAXIMUM';
  if (activity.minGroupSize !== null && session.minParticipants < activity.minGroupSize)
    return 'BELOW_ACTIVITY_MINIMUM';
  return null;
}

/** A group of `size` members fits an activity of `min`–`max` members: 'below', 'above' or null. */
export function groupSizeProblem(size: number, min: number, max: number): 'below' | 'above' | null {
  if (size < min) return 'below';
  if (size > max) return 'above';
  return null;
}
