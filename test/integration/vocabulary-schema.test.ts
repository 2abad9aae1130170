import * as statuses from '../../src/shared/vocabulary/statuses.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The status vocabularies of src/shared/vocabulary/statuses.ts against the migrated schema: every status list is
 * its CHECK constraint, and every "live" set is the predicate of the indexes and exclusion constraints it names.
 */
describe('status vocabularies match the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** The statuses a definition lets through: its quoted literals, or all but them for a `<>` predicate. */
  function statusesOf(definition: string, all: readonly string[]): string[] {
    const literals = [...definition.matchAll(/'([^']+)'::text/g)].map((m) => m[1]);
    const admitted = /status <> /.test(definition) ? all.filter((s) => !literals.includes(s)) : literals;
    return [...new Set(admitted)].sort();
  }

  async function constraint(name: string): Promise<string> {
    const rows: { def: string }[] = await t.db.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`,
      [name],
    );
    expect(rows).toHaveLength(1);
    return rows[0].def;
  }

  async function indexPredicate(name: string): Promise<string> {
    const rows: { def: string }[] = await t.db.query(
      `SELECT pg_get_expr(i.indpred, i.indrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`,
      [name],
    );
    expect(rows).toHaveLength(1);
    return rows[0].def;
  }

  const sorted = (set: readonly string[]) => [...set].sort();

  it.each([
    ['ck_booking_status', statuses.BOOKING_STATUSES],
    ['ck_programme_item_status', statuses.PROGRAMME_ITEM_STATUSES],
    ['ck_slot_status', statuses.SLOT_STATUSES],
    ['ck_session_status', statuses.SESSION_STATUSES],
    ['ck_waitlist_status', statuses.WAITLIST_STATUSES],
    ['ck_member_status', statuses.MEMBER_STATUSES],
    ['ck_adviser_task_status', statuses.ADVISER_TASK_STATUSES],
    ['ck_optimiser_run_status', statuses.OPTIMISER_RUN_STATUSES],
    ['ck_capacity_allocation_status', statuses.ALLOCATION_STATUSES],
  ] as const)('%s allows exactly the statuses of its list', async (name, list) => {
    expect(statusesOf(await constraint(name), list)).toEqual(sorted(list));
  });

  it.each([
    ['ex_booking_member_overlap', statuses.BOOKING_OCCUPIES_MEMBER, statuses.BOOKING_STATUSES],
    ['ex_session_room_overlap', statuses.SESSION_LIVE, statuses.SESSION_STATUSES],
    ['ck_optimiser_run_finished', statuses.OPTIMISER_RUN_FINISHED, statuses.OPTIMISER_RUN_STATUSES],
  ] as const)('constraint %s covers exactly its live set', async (name, live, all) => {
    expect(statusesOf(await constraint(name), all)).toEqual(sorted(live));
  });

  it.each([
    ['uq_booking_slot_live', statuses.BOOKING_HOLDS_SEAT, statuses.BOOKING_STATUSES],
    ['uq_booking_session_member_live', statuses.BOOKING_HOLDS_SEAT, statuses.BOOKING_STATUSES],
    ['uq_booking_item_live', statuses.BOOKING_SERVES_ITEM, statuses.BOOKING_STATUSES],
    ['ix_programme_item_open_activity', statuses.PROGRAMME_ITEM_OPEN, statuses.PROGRAMME_ITEM_STATUSES],
    ['ix_slot_office_during', statuses.SLOT_LIVE, statuses.SLOT_STATUSES],
    ['ix_slot_during', statuses.SLOT_LIVE, statuses.SLOT_STATUSES],
    ['ix_session_office_during', statuses.SESSION_LIVE, statuses.SESSION_STATUSES],
    ['ix_session_activity_during', statuses.SESSION_LIVE, statuses.SESSION_STATUSES],
    ['uq_waitlist_waiting', statuses.WAITLIST_LIVE, statuses.WAITLIST_STATUSES],
    ['ix_waitlist_queue', statuses.WAITLIST_LIVE, statuses.WAITLIST_STATUSES],
    ['ix_member_home_office', statuses.MEMBER_LIVE, statuses.MEMBER_STATUSES],
    ['uq_adviser_task_open', statuses.ADVISER_TASK_LIVE, statuses.ADVISER_TASK_STATUSES],
    ['uq_optimiser_run_in_flight', statuses.OPTIMISER_RUN_IN_FLIGHT, statuses.OPTIMISER_RUN_STATUSES],
    ['ix_optimiser_run_unfinished', statuses.OPTIMISER_RUN_IN_FLIGHT, statuses.OPTIMISER_RUN_STATUSES],
    ['uq_capacity_allocation_in_flight', statuses.ALLOCATION_IN_FLIGHT, statuses.ALLOCATION_STATUSES],
  ] as const)('index %s covers exactly its live set', async (name, live, all) => {
    expect(statusesOf(await indexPredicate(name), all)).toEqual(sorted(live));
  });
});
