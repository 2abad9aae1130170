import { checkProposal } from './check-proposal.js';
import { optimiseAndPolish } from './polish.js';
import { optimiseSessions } from './optimise.js';
import { baseInstance, item, memberNear, OFFICES, WEEK_OF_MARCH_2 } from './test-instances.fixtures.js';
import { type OfficeDef } from './types.js';

// Four netcafé members near Copenhagen, which is 30 km from Roskilde: both offices are in reach.
function instance(offices: OfficeDef[]) {
  const members = [1, 2, 3, 4].map((k) => memberNear(`m${k}`, OFFICES[0], k));
  return baseInstance({ offices, members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) });
}

describe('deactivated offices', () => {
  it('get no new sessions: the members go to the next office in reach', async () => {
    const active = instance(OFFICES);
    expect(optimiseSessions(active).newSessions.map((s) => s.officeId)).toEqual(['cph']);

    const withInactive = instance(OFFICES.map((o) => (o.id === 'cph' ? { ...o, inactive: true } : o)));
    for (const proposal of [optimiseSessions(withInactive), await optimiseAndPolish(withInactive)]) {
      expect(proposal.summary.placed).toBe(4);
      expect(proposal.newSessions.map((s) => s.officeId)).toEqual(['roskilde']);
      expect(checkProposal(withInactive, proposal)).toEqual([]);
    }
  });

  it('the checker refuses a new session at a deactivated office', () => {
    const proposal = optimiseSessions(instance(OFFICES));
    const violations = checkProposal(
      instance(OFFICES.map((o) => (o.id === 'cph' ? { ...o, inactive: true } : o))),
      proposal,
    );
    expect(violations.map((v) => v.code)).toContain('OFFICE_INACTIVE');
  });
});
