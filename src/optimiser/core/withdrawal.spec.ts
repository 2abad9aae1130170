import { checkProposal } from './check-proposal.js';
import { subtractIntervals } from './intervals.js';
import { optimiseSessions } from './optimise.js';
import {
  baseInstance,
  item,
  march,
  memberNear,
  OFFICES,
  WEEK_OF_MARCH_2,
  WORKDAYS,
} from './test-instances.fixtures.js';
import type { OptimiserInstance, Proposal, WithdrawableSlotDef } from './types.js';
import { combineWithdrawalPasses, optimiseWithWithdrawals, withWithdrawableTimeFree } from './withdrawal.js';

const [cph] = OFFICES;
const solve = (instance: OptimiserInstance): Promise<Proposal> => Promise.resolve(optimiseSessions(instance));

/** The consultant's mornings of 2–6 March as three one-hour slots each, ids `d<day>-<hour>`. */
function morningSlots(days: number[]): WithdrawableSlotDef[] {
  return days.flatMap((d) =>
    ['09', '10', '11'].map((h) => ({
      id: `d${d}-${h}`,
      staffId: 'consultant',
      start: march(d, `${h}:00`),
      end: march(d, `${String(Number(h) + 1).padStart(2, '0')}:00`),
    })),
  );
}

/** Four members wanting a workshop (job consultant, 09:00–12:00, at least 4) in the week of 2 March. */
function workshopInstance(
  withdrawable: WithdrawableSlotDef[],
  blocked: { start: number; end: number }[] = [],
): OptimiserInstance {
  const members = [1, 2, 3, 4].map((k) => memberNear(`m${k}`, cph, k));
  const slotTime = withdrawable.map((s) => ({ start: s.start, end: s.end }));
  return baseInstance({
    activities: [
      {
        id: 'workshop',
        kind: 'workshop',
        minSize: 4,
        maxSize: 16,
        leaderRole: 'jobConsultant',
        times: [{ start: '09:00', durationMinutes: 180 }],
      },
    ],
    leaders: [
      {
        id: 'consultant',
        role: 'jobConsultant',
        free: subtractIntervals(
          WORKDAYS,
          [...slotTime, ...blocked].sort((a, b) => a.start - b.start),
        ),
      },
    ],
    members,
    items: members.map((m) => item(m.id, 'workshop', WEEK_OF_MARCH_2)),
    withdrawable,
  });
}

describe('withdrawing unbooked slots for sessions', () => {
  it('opens a session on a leader whose mornings are all unbooked slots, withdrawing the three it overlaps', async () => {
    const instance = workshopInstance(morningSlots([2, 3, 4, 5, 6]));
    expect(optimiseSessions(instance).summary.placed).toBe(0);
    const proposal = await optimiseWithWithdrawals(instance, solve);
    expect(proposal.summary.placed).toBe(4);
    expect(proposal.newSessions).toHaveLength(1);
    const [session] = proposal.newSessions;
    const day = new Date(session.start).getUTCDate();
    expect(session.withdrawnSlotIds).toEqual([`d${day}-09`, `d${day}-10`, `d${day}-11`]);
    expect(proposal.summary.withdrawal).toEqual({
      offeredSlots: 15,
      offeredHours: 15,
      slots: 3,
      hours: 3,
      sessions: 1,
      membersPlaced: 4,
    });
    expect(proposal.activities?.find((a) => a.activityId === 'workshop')?.explanation).toMatch(/3 convertible hours/);
    expect(checkProposal(instance, proposal)).toEqual([]);
  });

  it('never uses the time of a slot that is not withdrawable (booked): only the unbooked day is given up', async () => {
    // Monday to Thursday mornings are booked slots (not offered), Friday's are unbooked.
    const booked = [2, 3, 4, 5].map((d) => ({ start: march(d, '09:00'), end: march(d, '12:00') }));
    const instance = workshopInstance(morningSlots([6]), booked);
    const proposal = await optimiseWithWithdrawals(instance, solve);
    expect(proposal.summary.placed).toBe(4);
    expect(proposal.newSessions.map((s) => s.withdrawnSlotIds)).toEqual([['d6-09', 'd6-10', 'd6-11']]);
    expect(checkProposal(instance, proposal)).toEqual([]);
  });

  it('withdraws nothing when the leader has a free morning anyway', async () => {
    const instance = workshopInstance(morningSlots([2, 3, 5, 6]));
    const proposal = await optimiseWithWithdrawals(instance, solve);
    expect(proposal.summary.placed).toBe(4);
    expect(proposal.newSessions[0].withdrawnSlotIds).toBeUndefined();
    expect(new Date(proposal.newSessions[0].start).getUTCDate()).toBe(4);
    expect(proposal.summary.withdrawal).toMatchObject({
      slots: 0,
      hours: 0,
      sessions: 0,
      membersPlaced: 0,
      offeredSlots: 12,
    });
  });

  it('drops a session that needs withdrawals for members the slots-in-place pass had placed anyway', () => {
    const instance = workshopInstance(morningSlots([2, 3, 5, 6]));
    const base = optimiseSessions(instance);
    // A relaxed answer that moved the same group onto Monday's slots: no member gains, so the slots stay.
    const relaxed = optimiseSessions({
      ...withWithdrawableTimeFree(instance),
      leaders: [
        { id: 'consultant', role: 'jobConsultant', free: [{ start: march(2, '08:00'), end: march(2, '17:00') }] },
      ],
    });
    expect(relaxed.newSessions[0].start).toBe(march(2, '09:00'));
    const combined = combineWithdrawalPasses(instance, base, relaxed);
    expect(combined.newSessions).toEqual(base.newSessions);
    expect(combined.summary.withdrawal?.slots).toBe(0);
  });

  it('keeps every slot when the run asks for none (no withdrawable list)', async () => {
    const instance = { ...workshopInstance(morningSlots([2, 3, 4, 5, 6])), withdrawable: undefined };
    const proposal = await optimiseWithWithdrawals(instance, solve);
    expect(proposal.summary.placed).toBe(0);
    expect(proposal.summary.withdrawal).toBeUndefined();
  });

  it("marks its second pass with the items the first left unplaced, which size that pass's polish budget", async () => {
    const instance = workshopInstance(morningSlots([2, 3, 4, 5, 6]));
    const passes: OptimiserInstance[] = [];
    await optimiseWithWithdrawals(instance, (pass) => {
      passes.push(pass);
      return solve(pass);
    });
    expect(passes.map((p) => p.secondPassFor)).toEqual([undefined, { unplaced: 4 }]);
  });

  describe('the checker', () => {
    const instance = workshopInstance(morningSlots([2, 3, 4, 5, 6]));
    let valid: Proposal;
    beforeAll(async () => {
      valid = await optimiseWithWithdrawals(instance, solve);
    });
    const codes = (change: (p: Proposal) => void): string[] => {
      const copy = structuredClone(valid);
      change(copy);
      return [...new Set(checkProposal(instance, copy).map((v) => v.code))].sort();
    };

    it('flags a session that overlaps a slot it does not withdraw', () => {
      expect(codes((p) => p.newSessions[0].withdrawnSlotIds?.pop())).toEqual(['LEADER_NOT_FREE', 'SLOT_NOT_WITHDRAWN']);
      expect(codes((p) => delete p.newSessions[0].withdrawnSlotIds)).toEqual(['LEADER_NOT_FREE', 'SLOT_NOT_WITHDRAWN']);
    });

    it('flags a listed slot the session does not overlap, and one that is not withdrawable', () => {
      const other = (p: Proposal): string => (p.newSessions[0].withdrawnSlotIds?.[0] === 'd2-09' ? 'd3-09' : 'd2-09');
      expect(codes((p) => p.newSessions[0].withdrawnSlotIds?.push(other(p)))).toEqual(['WITHDRAWN_SLOT_UNNEEDED']);
      expect(codes((p) => p.newSessions[0].withdrawnSlotIds?.push('booked-slot'))).toEqual(['WITHDRAWN_SLOT_UNKNOWN']);
    });
  });
});
