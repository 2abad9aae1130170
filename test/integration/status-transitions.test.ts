import { randomUUID } from 'node:crypto';
import { MembersRepository } from '../../src/booking/members/members.repository.js';
import { SlotsRepository } from '../../src/booking/slots/slots.repository.js';
import { AllocationRepository } from '../../src/capacity/allocation/allocation.repository.js';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { domainErrorFromPostgres } from '../../src/common/errors/postgres-errors.js';
import { errorSpec } from '../../src/error-codes.js';
import {
  ALLOCATION_TRANSITIONS,
  OPTIMISER_RUN_TRANSITIONS,
  PROGRAMME_ITEM_TRANSITIONS,
  SESSION_TRANSITIONS,
  transitionPairs,
  type TransitionTable,
} from '../../src/shared/vocabulary/transitions.js';
import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMember,
  dateFromToday,
  freeTime,
  itemOf,
  mainOffice,
  nextWeekday,
  type MainOffice,
} from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The status transition tables (src/shared/vocabulary/transitions.ts) hold for programme items, sessions, optimiser
 * runs and allocation runs: the repository or service that moves a status refuses a move the table forbids, and the
 * database's triggers refuse it from any other writer, each with its entity's stable 409 code.
 */
describe('status transitions', () => {
  let t: TestApp;
  let office: MainOffice;

  beforeAll(async () => {
    t = await createTestApp();
    office = await mainOffice(t, 'Vejle');
  });
  afterAll(() => t.close());

  /** The stable code and HTTP status an error reaches the client with. */
  async function refusal(work: () => Promise<unknown>): Promise<[number, string]> {
    try {
      await work();
    } catch (error) {
      const domain = error instanceof DomainError ? error : domainErrorFromPostgres(error);
      if (!domain) throw error;
      return [errorSpec(domain.code).status, domain.code];
    }
    throw new Error('the move was not refused');
  }

  const statusOf = async (table: string, id: string): Promise<string> =>
    (await t.db.query(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0].status;

  it("the database triggers list exactly the TypeScript tables' moves", async () => {
    const rows: { name: string; definition: string }[] = await t.db.query(
      `SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgname LIKE 'tr\\_%\\_status\\_transition' AND NOT tgisinternal`,
    );
    const expected: Record<string, [string, TransitionTable<string>]> = {
      tr_programme_item_status_transition: ['ck_programme_item_status_transition', PROGRAMME_ITEM_TRANSITIONS],
      tr_session_status_transition: ['ck_session_status_transition', SESSION_TRANSITIONS],
      tr_optimiser_run_status_transition: ['ck_optimiser_run_status_transition', OPTIMISER_RUN_TRANSITIONS],
      tr_capacity_allocation_status_transition: ['ck_capacity_allocation_status_transition', ALLOCATION_TRANSITIONS],
    };
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(expected).sort());
    for (const row of rows) {
      const args = [...row.definition.replace(/^.*check_status_transition\(/, '').matchAll(/'([^']*)'/g)].map(
        (m) => m[1],
      );
      const [constraint, table] = expected[row.name];
      expect(args[0]).toBe(constraint);
      expect(args.slice(1).sort()).toEqual(transitionPairs(table));
    }
  });

  it('programme item: a waived item is not reopened, by the repository or by SQL (409 PROGRAMME_ITEM_TRANSITION_REFUSED); allowed moves pass', async () => {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-10) });
    const item = itemOf(member, 'follow-up');
    const members = t.app.get(MembersRepository);
    await members.setItemStatus(item.id, 'open', 'waived', t.db);
    expect(await statusOf('programme_item', item.id)).toBe('waived');

    expect(await refusal(() => members.setItemStatus(item.id, 'waived', 'open', t.db))).toEqual([
      409,
      'PROGRAMME_ITEM_TRANSITION_REFUSED',
    ]);
    expect(
      await refusal(() => t.db.query(`UPDATE programme_item SET status = 'open' WHERE id = $1`, [item.id])),
    ).toEqual([409, 'PROGRAMME_ITEM_TRANSITION_REFUSED']);
    // A caller that believed the item open (a move the table allows) is refused by the row's real status.
    expect(await refusal(() => members.setItemStatus(item.id, 'open', 'booked', t.db))).toEqual([
      409,
      'PROGRAMME_ITEM_TRANSITION_REFUSED',
    ]);
    expect(await statusOf('programme_item', item.id)).toBe('waived');
    // Writing the status it already has is no move; other columns stay writable.
    await t.db.query(`UPDATE programme_item SET status = 'waived', updated_at = now() WHERE id = $1`, [item.id]);
  });

  it('session: a cancelled session is not scheduled again, nor cancelled twice by the repository (409 SESSION_TRANSITION_REFUSED)', async () => {
    const adviser = await adviserAt(t, office.id, 0);
    const room = office.rooms.find((r) => r.name === 'Netcafé') ?? office.rooms[0];
    const date = nextWeekday(3, 49);
    const time = await freeTime(t, office.id, date, 120, {
      staffIds: [adviser.id],
      roomId: room.id,
      preferred: '13:00',
    });
    const created = await t.http
      .post(`/api/offices/${office.id}/sessions`)
      .set(t.auth(CENTRAL))
      .send({
        activityCode: 'netcafe',
        roomId: room.id,
        leaderIds: [adviser.id],
        start: copenhagen(date, time),
        capacity: 4,
      });
    expect(created.status).toBe(201);
    const cancelled = await t.http
      .delete(`/api/sessions/${created.body.id}`)
      .set(t.auth(CENTRAL))
      .send({ reason: 'test' });
    expect(cancelled.status).toBe(200);
    // Cancelling again through the API is a repeat, answered as before.
    expect((await t.http.delete(`/api/sessions/${created.body.id}`).set(t.auth(CENTRAL)).send({})).status).toBe(200);

    const slots = t.app.get(SlotsRepository);
    expect(await refusal(() => slots.cancelSession(created.body.id, 'cancelled', t.db))).toEqual([
      409,
      'SESSION_TRANSITION_REFUSED',
    ]);
    expect(
      await refusal(() => t.db.query(`UPDATE session SET status = 'scheduled' WHERE id = $1`, [created.body.id])),
    ).toEqual([409, 'SESSION_TRANSITION_REFUSED']);
    expect(await statusOf('session', created.body.id)).toBe('cancelled');
  });

  it('optimiser run: a finished run is not cancelled (409 RUN_FINISHED) nor sent back to work (409 RUN_TRANSITION_REFUSED)', async () => {
    const insertRun = async (status: 'queued' | 'failed') =>
      (
        await t.db.query(
          `INSERT INTO optimiser_run (params, params_hash, horizon, job_id, status, finished_at, error)
           VALUES ('{}', $1, tstzrange('2031-01-06', '2031-01-11', '[)'), $1, $2, CASE WHEN $2 = 'failed' THEN now() END, CASE WHEN $2 = 'failed' THEN 'test' END) RETURNING id`,
          [`transition-test-${randomUUID()}`, status],
        )
      )[0].id as string;
    const failed = await insertRun('failed');
    const cancel = await t.http.delete(`/api/optimiser/runs/${failed}`).set(t.auth(CENTRAL));
    expect([cancel.status, cancel.body.code]).toEqual([409, 'RUN_FINISHED']);
    expect(
      await refusal(() =>
        t.db.query(`UPDATE optimiser_run SET status = 'queued', finished_at = NULL WHERE id = $1`, [failed]),
      ),
    ).toEqual([409, 'RUN_TRANSITION_REFUSED']);
    expect(await statusOf('optimiser_run', failed)).toBe('failed');

    // A queued run may be cancelled; once cancelled it cannot run.
    const queued = await insertRun('queued');
    await t.db.query(`UPDATE optimiser_run SET status = 'cancelled', finished_at = now() WHERE id = $1`, [queued]);
    expect(
      await refusal(() =>
        t.db.query(`UPDATE optimiser_run SET status = 'running', finished_at = NULL WHERE id = $1`, [queued]),
      ),
    ).toEqual([409, 'RUN_TRANSITION_REFUSED']);
    await t.db.query(`DELETE FROM optimiser_run WHERE id = ANY($1::uuid[])`, [[failed, queued]]);
  });

  it('allocation run: a finished allocation is not run or failed again (the repository changes nothing; SQL gets 409 ALLOCATION_TRANSITION_REFUSED)', async () => {
    const [{ id }] = await t.db.query(
      `INSERT INTO capacity_allocation (params, params_key, period, status, job_id, result, finished_at)
       VALUES ('{}', $1, daterange('2031-01-06', '2031-02-03'), 'done', $1, '{}', now()) RETURNING id`,
      [`transition-test-${randomUUID()}`],
    );
    const allocations = t.app.get(AllocationRepository);
    expect(await allocations.markRunning(id)).toBeUndefined();
    await allocations.markFailed(id, 'late failure');
    expect(await statusOf('capacity_allocation', id)).toBe('done');
    expect(
      await refusal(() => t.db.query(`UPDATE capacity_allocation SET status = 'running' WHERE id = $1`, [id])),
    ).toEqual([409, 'ALLOCATION_TRANSITION_REFUSED']);
    expect(
      await refusal(() => t.db.query(`UPDATE capacity_allocation SET status = 'failed' WHERE id = $1`, [id])),
    ).toEqual([409, 'ALLOCATION_TRANSITION_REFUSED']);
    await t.db.query(`DELETE FROM capacity_allocation WHERE id = $1`, [id]);
  });
});
