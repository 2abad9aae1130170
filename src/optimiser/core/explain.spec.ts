import { generateInstance } from './generate-instance.js';
import { optimiseSessions } from './optimise.js';
import { optimiseAndPolish } from './polish.js';
import {
  baseInstance,
  item,
  march,
  memberNear,
  OFFICES,
  roomsFor,
  WEEK_OF_MARCH_2,
  WORKDAYS,
  advisersFor,
} from './test-instances.fixtures.js';
import { type ActivityDef, type LeaderDef } from './types.js';

const THEME_DAY: ActivityDef = {
  id: 'themeday',
  kind: 'themeDay',
  minSize: 8,
  maxSize: 30,
  leaderRole: 'jobConsultant',
  times: [{ start: '09:00', durationMinutes: 360 }],
};
const [cph, roskilde, aalborg] = OFFICES;

describe('explanations in the proposal', () => {
  it('says per activity why no theme day could open: no leader with 6 free hours in a day within reach of 8 members', () => {
    // The only job consultant is free four hours a day: rooms are free, ten members are near, no leader is.
    const halfDays: LeaderDef = {
      id: 'consultant',
      role: 'jobConsultant',
      free: WORKDAYS.map((d) => ({ start: d.start, end: d.start + 4 * 3_600_000 })),
    };
    const members = Array.from({ length: 10 }, (_, k) => memberNear(`m${k}`, cph, 1 + k));
    const proposal = optimiseSessions(
      baseInstance({
        activities: [THEME_DAY],
        leaders: [halfDays],
        rooms: roomsFor(OFFICES, 30),
        members,
        items: members.map((m) => item(m.id, 'themeday', WEEK_OF_MARCH_2)),
      }),
    );
    expect(proposal.summary.placed).toBe(0);
    const theme = proposal.activities?.find((a) => a.activityId === 'themeday');
    expect(theme).toMatchObject({ items: 10, placed: 0, sessionsOpened: 0 });
    expect(theme?.explanation).toMatch(
      /^No job consultant with 6 free hours in a day at an office with a free room within reach of 8 members/,
    );
    expect(
      proposal.unplaced.every(
        (u) => u.reason === 'NO_LEADER_IN_WINDOW' && /job consultant free for 6 hours at cph/.test(u.hint ?? ''),
      ),
    ).toBe(true);
  });

  it('tells a lone member how many more members near them would open a session', () => {
    const members = [memberNear('m1', cph), memberNear('m2', roskilde, 5), memberNear('lone', aalborg)];
    const proposal = optimiseSessions(
      baseInstance({ members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) }),
    );
    const lone = proposal.unplaced.find((u) => u.memberId === 'lone');
    expect(lone?.reason).toBe('TOO_FEW_NEARBY');
    expect(lone?.hint).toMatch(
      /^1 more member within 60 km free for netcafe at aalborg on 2026-03-0\d \(1 of 2 could come\)\.$/,
    );
    expect(proposal.activities?.find((a) => a.activityId === 'netcafe')).toMatchObject({
      items: 3,
      placed: 2,
      sessionsOpened: 1,
    });
    expect(proposal.activities?.find((a) => a.activityId === 'netcafe')?.explanation).toBeUndefined();
    // Two parts (Copenhagen–Roskilde, Aalborg); both place all the minimum-size bound allows.
    expect(proposal.summary).toMatchObject({ components: 2, partsProvenOptimal: 2 });
  });

  it('names the nearest office and the limit for a member too far from every office', () => {
    const far = { id: 'far', home: { lat: aalborg.lat + 1.2, lon: aalborg.lon }, busy: [] };
    const members = [memberNear('m1', cph), far];
    const proposal = optimiseSessions(
      baseInstance({
        members,
        leaders: advisersFor(OFFICES),
        items: members.map((m) => item(m.id, 'netcafe', { start: march(2), end: march(9) })),
      }),
    );
    expect(proposal.unplaced.find((u) => u.memberId === 'far')?.hint).toMatch(
      /^A longer travel limit: the nearest office \(aalborg\) is 13\d km away, the limit 60 km\.$/,
    );
  });
});

describe('deterministic search', () => {
  it('gives the identical proposal on two runs (iteration budget, not the clock)', async () => {
    const instance = generateInstance({ seed: 2, members: 900, offices: 30, weeks: 8 });
    const strip = (p: Awaited<ReturnType<typeof optimiseAndPolish>>) => ({
      ...p,
      summary: { ...p.summary, elapsedMs: 0 },
    });
    const first = await optimiseAndPolish(instance, { skipLpBound: true, polishMaxItems: 0 });
    const second = await optimiseAndPolish(instance, { skipLpBound: true, polishMaxItems: 0 });
    expect(first.summary.status).toBe('complete');
    expect(strip(second)).toEqual(strip(first));
  }, 120_000);
});
