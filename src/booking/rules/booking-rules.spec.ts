import {
  activityOffered,
  channelAllowed,
  dayClosedReason,
  dayOpen,
  groupSizeProblem,
  insideWindow,
  leaderQualified,
  leaderShortfall,
  notInThePast,
  sessionSizeProblem,
} from './booking-rules.js';

const at = (iso: string) => new Date(iso);

describe('booking rules', () => {
  describe('insideWindow', () => {
    const window = { start: at('2026-12-01T00:00Z'), end: at('2026-12-15T00:00Z') };
    it('holds for an appointment inside the window, touching either edge', () => {
      expect(insideWindow(window, { start: at('2026-12-01T00:00Z'), end: at('2026-12-01T01:00Z') })).toBe(true);
      expect(insideWindow(window, { start: at('2026-12-14T23:00Z'), end: at('2026-12-15T00:00Z') })).toBe(true);
    });
    it('fails for one that starts before or ends after it', () => {
      expect(insideWindow(window, { start: at('2026-11-30T23:59Z'), end: at('2026-12-01T01:00Z') })).toBe(false);
      expect(insideWindow(window, { start: at('2026-12-14T23:30Z'), end: at('2026-12-15T00:30Z') })).toBe(false);
    });
    it('takes epoch milliseconds as the optimiser core does', () => {
      expect(insideWindow({ start: 100, end: 200 }, { start: 100, end: 200 })).toBe(true);
      expect(insideWindow({ start: 100, end: 200 }, { start: 99, end: 150 })).toBe(false);
    });
  });

  it('notInThePast: an appointment starting now has started', () => {
    const now = at('2026-12-24T09:00Z');
    expect(notInThePast(at('2026-12-24T09:01Z'), now)).toBe(true);
    expect(notInThePast(at('2026-12-24T09:00Z'), now)).toBe(false);
    expect(notInThePast(at('2026-12-24T08:59Z'), now)).toBe(false);
  });

  it('channelAllowed', () => {
    expect(channelAllowed(['in-person', 'video'], 'video')).toBe(true);
    expect(channelAllowed(['in-person', 'video'], 'phone')).toBe(false);
    expect(channelAllowed([], 'phone')).toBe(false);
  });

  it('activityOffered: its own code, or a stand-in (a follow-up slot takes a summons)', () => {
    expect(activityOffered(['cv-meeting'], 'cv-meeting')).toBe(true);
    expect(activityOffered(['follow-up'], 'summons')).toBe(true);
    expect(activityOffered(['summons'], 'follow-up')).toBe(false);
    expect(activityOffered(['cv-meeting'], 'follow-up')).toBe(false);
  });

  it('leaderQualified: the role first, then the skill', () => {
    const netcafe = { leaderRoles: ['adviser'], leaderSkill: 'netcafe' };
    const cv = { leaderRoles: ['adviser'], leaderSkill: null };
    expect(leaderShortfall(netcafe, { role: 'job-consultant', skills: ['netcafe'] })).toBe('role');
    expect(leaderShortfall(netcafe, { role: 'adviser', skills: ['workshop'] })).toBe('skill');
    expect(leaderShortfall(netcafe, { role: 'adviser', skills: ['netcafe'] })).toBeNull();
    expect(leaderQualified(cv, { role: 'adviser', skills: [] })).toBe(true);
    expect(leaderQualified(cv, { role: 'pre-unemployment', skills: [] })).toBe(false);
  });

  it('dayOpen: a holiday, then a closure, then an absence', () => {
    expect(dayClosedReason({ holiday: 'Juledag', officeClosed: true, leaderAbsent: true })).toBe('PUBLIC_HOLIDAY');
    expect(dayClosedReason({ officeClosed: true, leaderAbsent: true })).toBe('OFFICE_CLOSED');
    expect(dayClosedReason({ officeClosed: false, leaderAbsent: true })).toBe('STAFF_ABSENT');
    expect(dayOpen({ officeClosed: false, leaderAbsent: false })).toBe(true);
    expect(dayOpen({ holiday: 'Nytårsdag', officeClosed: false, leaderAbsent: false })).toBe(false);
  });

  it('sessionSizeProblem: the room, then the activity maximum, then its minimum', () => {
    const workshop = { minGroupSize: 4, maxGroupSize: 16 };
    expect(sessionSizeProblem({ capacity: 12, minParticipants: 4 }, workshop, 12)).toBeNull();
    expect(sessionSizeProblem({ capacity: 13, minParticipants: 4 }, workshop, 12)).toBe('ROOM_TOO_SMALL');
    expect(sessionSizeProblem({ capacity: 3, minParticipants: 4 }, workshop, 12)).toBe('ROOM_TOO_SMALL');
    expect(sessionSizeProblem({ capacity: 20, minParticipants: 4 }, workshop, 30)).toBe('ABOVE_ACTIVITY_MAXIMUM');
    expect(sessionSizeProblem({ capacity: 10, minParticipants: 2 }, workshop, 30)).toBe('BELOW_ACTIVITY_MINIMUM');
    expect(
      sessionSizeProblem({ capacity: 40, minParticipants: 1 }, { minGroupSize: null, maxGroupSize: null }, 40),
    ).toBeNull();
  });

  it('groupSizeProblem', () => {
    expect(groupSizeProblem(2, 2, 4)).toBeNull();
    expect(groupSizeProblem(4, 2, 4)).toBeNull();
    expect(groupSizeProblem(1, 2, 4)).toBe('below');
    expect(groupSizeProblem(5, 2, 4)).toBe('above');
  });
});
