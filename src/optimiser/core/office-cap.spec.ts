import { checkProposal } from './check-proposal.js';
import { compileModel } from './compiled-model.js';
import { optimiseSessions } from './optimise.js';
import { advisersFor, baseInstance, item, march, WEEK_OF_MARCH_2 } from './test-instances.fixtures.js';
import { type MemberDef, type OfficeDef, type RoomDef } from './types.js';

/**
 * Two members with nine offices in reach. Eight offices nearby have rooms Tuesday to Friday only; the
 * ninth, 30 km away, has a room on Monday only. One member is free Monday and Tuesday, the other Monday
 * and Thursday, so the only session both can attend is Monday's at the ninth office — the farthest for
 * both, beyond an eight-nearest-offices cap.
 */
function nineOffices() {
  const centre = { lat: 56.0, lon: 9.5 };
  const near: OfficeDef[] = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => ({
    id: `near-${k}`,
    lat: centre.lat + k * 0.01,
    lon: centre.lon,
  }));
  const far: OfficeDef = { id: 'far', lat: centre.lat, lon: centre.lon + 30 / 63 };
  const offices = [...near, far];
  const rooms: RoomDef[] = [
    ...near.map((o) => ({
      id: `${o.id}-room`,
      officeId: o.id,
      seats: 10,
      free: [3, 4, 5, 6].map((d) => ({ start: march(d, '08:00'), end: march(d, '17:00') })),
    })),
    { id: 'far-room', officeId: 'far', seats: 10, free: [{ start: march(2, '08:00'), end: march(2, '17:00') }] },
  ];
  const members: MemberDef[] = [
    { id: 'a', home: centre, busy: [{ start: march(4), end: march(7) }] },
    {
      id: 'b',
      home: centre,
      busy: [
        { start: march(3), end: march(5) },
        { start: march(6), end: march(7) },
      ],
    },
  ];
  return baseInstance({
    offices,
    rooms,
    leaders: advisersFor(offices),
    members,
    items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)),
  });
}

describe('every office within the travel limit is considered', () => {
  it('models all nine reachable offices by default', () => {
    const model = compileModel(nineOffices());
    expect(model.maxOfficesPerItem).toBe(Number.POSITIVE_INFINITY);
    const farOffice = model.offices.findIndex((o) => o.id === 'far');
    for (let i = 0; i < model.items.length; i++) {
      const offices = new Set<number>();
      for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++)
        offices.add(model.candOffice[model.edgeCand[e]]);
      expect(offices.has(farOffice)).toBe(true);
    }
  });

  it('seats both members at the ninth office instead of leaving them unplaced', () => {
    const instance = nineOffices();
    const proposal = optimiseSessions(instance);
    expect(checkProposal(instance, proposal)).toEqual([]);
    expect(proposal.summary.placed).toBe(2);
    expect(proposal.newSessions).toHaveLength(1);
    expect(proposal.newSessions[0].officeId).toBe('far');
  });

  it('under an explicit eight-office cap, the lazy pass still finds the ninth office for the unplaced', () => {
    const instance = nineOffices();
    const proposal = optimiseSessions(instance, { maxOfficesPerItem: 8 });
    expect(checkProposal(instance, proposal)).toEqual([]);
    expect(proposal.summary.placed).toBe(2);
    expect(proposal.unplaced).toEqual([]);
  });
});
